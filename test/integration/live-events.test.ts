import '../helpers/fresh-orm-metadata';
import type { ApiServer } from '../../api/server';
import { publishLiveEvent } from '../../api/services/live/events';
import { Automation, AutomationRun } from '../../db/entities';
import { type SignedUp, signup } from '../helpers/http';
import { LiveProbe, type LiveReplicas, startLiveReplicas, upgradeStatus } from './live-helpers';

describe('live events across api replicas', () => {
  let replicas: LiveReplicas;
  let apiA: ApiServer;
  let apiB: ApiServer;
  let owner: SignedUp;
  let other: SignedUp;
  const probes: LiveProbe[] = [];
  const wsUrl = (api: ApiServer, token?: string) => `${api.url.replace(/^http/, 'ws')}/api/live${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const open = async (url: string, protocols?: string[]) => {
    const probe = await LiveProbe.open(url, protocols);
    probes.push(probe);
    return probe;
  };

  beforeAll(async () => {
    replicas = await startLiveReplicas([{}, { limits: { maxPerIp: 3, maxMessages: 5, messageWindowMs: 60_000 } }]);
    [apiA, apiB] = replicas.apis as [ApiServer, ApiServer];
    owner = await signup(apiA.url);
    other = await signup(apiA.url);
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await replicas?.close();
  });
  afterEach(() => {
    for (const probe of probes.splice(0)) probe.close();
  });

  test('a booking made through replica A reaches its tenant on replica B, and no other tenant', async () => {
    const mine = await open(wsUrl(apiB, owner.token));
    const theirs = await open(wsUrl(apiB), ['appointflow-live', other.token]);
    expect(theirs.socket.protocol).toBe('appointflow-live');

    const serviceId = (await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 60, priceCents: 4000 })).body.id;
    const staffId = (await owner.api.post('/api/staff', { name: 'Alex', email: 'alex@example.com' })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Dana', email: 'dana@example.com' })).body.id;
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-03-03T10:00:00.000Z' });
    expect(booked.status).toBe(201);

    const created = await mine.next((e) => e.type === 'booking.created');
    expect(created.data).toMatchObject({ appointmentId: booked.body.id, staffId, status: 'pending' });
    expect(Date.parse(created.at)).not.toBeNaN();
    const availability = await mine.next((e) => e.type === 'availability.changed' && e.data.reason === 'booking');
    expect(availability.data).toMatchObject({ staffId });

    const cancelled = await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Sick' });
    expect(cancelled.status).toBe(200);
    await mine.next((e) => e.type === 'booking.cancelled' && e.data.appointmentId === booked.body.id);

    // The other tenant's socket saw the whole exchange and got nothing but its greeting (and its own presence).
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs.events.filter((e) => !(e.type === 'presence.changed' && e.data.userId === other.user.id)).map((e) => e.type)).toEqual(['live.ready']);
  });

  test('reschedules, automation runs and messages are pushed as their rows change, whoever writes them', async () => {
    const mine = await open(wsUrl(apiB, owner.token));
    const serviceId = (await owner.api.post('/api/services', { name: 'Trim', durationMinutes: 30, priceCents: 2000 })).body.id;
    const staffId = (await owner.api.post('/api/staff', { name: 'Jo', email: 'jo@example.com' })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Pat', email: 'pat@example.com' })).body.id;
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-04-07T10:00:00.000Z' });
    const moved = await owner.api.patch(`/api/appointments/${booked.body.id}`, { startsAt: '2031-04-07T12:00:00.000Z' });
    expect(moved.status).toBe(200);
    const updated = await mine.next((e) => e.type === 'booking.updated' && e.data.appointmentId === booked.body.id);
    expect(Date.parse(String(updated.data.startsAt))).toBe(Date.parse('2031-04-07T12:00:00.000Z'));

    // The worker writes runs and messages; a row written by any process is pushed on commit.
    const em = replicas.orms[0]!.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    const automation = await em.findOneOrFail(Automation, { tenantId: owner.tenant.id });
    const run = em.create(AutomationRun, {
      tenantId: owner.tenant.id, automationId: automation.id, version: 1, automationVersionId: automation.id,
      workflowId: `live-test-${booked.body.id}`, triggerEvent: 'appointment.booked', appointmentId: booked.body.id, customerId,
    });
    await em.flush();
    await mine.next((e) => e.type === 'execution.status' && e.data.runId === run.id && e.data.status === 'running');
    run.status = 'failed';
    await em.flush();
    await mine.next((e) => e.type === 'execution.status' && e.data.runId === run.id && e.data.status === 'failed');

    const sent = await owner.api.post('/api/messages/test', { channel: 'email', to: 'someone@example.com', body: 'Testing', subject: 'Hi' });
    expect(sent.status).toBeLessThan(300);
    const message = await mine.next((e) => e.type === 'message.status' && e.data.channel === 'email');
    expect(message.data).toMatchObject({ direction: 'outbound' });
  });

  test('events published by the helper fan out too, scoped to their tenant', async () => {
    const mine = await open(wsUrl(apiA, owner.token));
    const theirs = await open(wsUrl(apiB, other.token));
    await publishLiveEvent(replicas.orms[1]!.em.fork(), { tenantId: other.tenant.id, type: 'message.status', data: { messageId: 'm1', status: 'delivered' } });
    const event = await theirs.next((e) => e.type === 'message.status');
    expect(event.data).toEqual({ messageId: 'm1', status: 'delivered' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mine.events.some((e) => e.type === 'message.status')).toBe(false);
  });

  test('an upgrade without a valid token is refused', async () => {
    expect(await upgradeStatus(wsUrl(apiA))).toBe(401);
    expect(await upgradeStatus(wsUrl(apiA, 'not-a-jwt'))).toBe(401);
    expect(await upgradeStatus(`${apiA.url.replace(/^http/, 'ws')}/api/elsewhere?token=${owner.token}`)).toBe(404);
  });

  test('connections beyond the per-address cap are refused, and chatty clients are dropped', async () => {
    const held = [await open(wsUrl(apiB, owner.token)), await open(wsUrl(apiB, owner.token)), await open(wsUrl(apiB, owner.token))];
    expect(apiB.live?.connectionCount()).toBe(3);
    expect(await upgradeStatus(wsUrl(apiB, owner.token))).toBe(429);

    held[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const chatty = await open(wsUrl(apiB, owner.token));
    const closed = new Promise<number>((resolve) => chatty.socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 10; i++) chatty.socket.send('{"type":"ping"}');
    expect(await closed).toBe(1008);
    expect(chatty.events.filter((e) => e.type === 'pong').length).toBe(5);
  });
});
