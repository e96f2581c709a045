import '../helpers/fresh-orm-metadata';
import type { ApiServer } from '../../api/server';
import { addUser, apiClient, type SignedUp, signup } from '../helpers/http';
import { closeCode, LiveProbe, type LiveReplicas, portalSignIn, startLiveReplicas, upgradeStatus, wsUrl } from './live-helpers';

describe('chat, typing, read receipts and presence over the live sockets', () => {
  let replicas: LiveReplicas;
  let apiA: ApiServer;
  let apiB: ApiServer;
  let owner: SignedUp;
  let other: SignedUp;
  let customerId: string;
  let robinToken: string;
  let samToken: string;
  const probes: LiveProbe[] = [];
  const open = async (url: string) => {
    const probe = await LiveProbe.open(url);
    probes.push(probe);
    return probe;
  };
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 400));

  beforeAll(async () => {
    replicas = await startLiveReplicas([{ heartbeatMs: 400 }, { heartbeatMs: 400, limits: { maxPerUser: 2 } }]);
    [apiA, apiB] = replicas.apis as [ApiServer, ApiServer];
    owner = await signup(apiA.url);
    other = await signup(apiA.url);
    customerId = (await owner.api.post('/api/customers', { name: 'Robin Live', email: 'robin.live@example.com', emailOptIn: true })).body.id;
    await owner.api.post('/api/customers', { name: 'Sam Live', email: 'sam.live@example.com', emailOptIn: true });
    const signIn = (email: string) => portalSignIn({ baseUrl: apiA.url, orm: replicas.orms[0]!, tenantId: owner.tenant.id, slug: owner.tenant.slug, email });
    robinToken = await signIn('robin.live@example.com');
    samToken = await signIn('sam.live@example.com');
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await replicas?.close();
  });
  afterEach(() => {
    for (const probe of probes.splice(0)) probe.close();
  });

  test("a chat reaches the business and that customer's portal socket, across replicas, and nobody else", async () => {
    const staff = await open(wsUrl(apiB.url, '/api/live', owner.token));
    const robin = await open(wsUrl(apiA.url, '/api/portal/live', robinToken));
    const sam = await open(wsUrl(apiB.url, '/api/portal/live', samToken));
    const stranger = await open(wsUrl(apiB.url, '/api/live', other.token));

    const sent = (await apiClient(apiA.url, robinToken).post('/api/portal/chat/messages', { body: 'Running 5 minutes late' })).body;
    const atStaff = await staff.next((e) => e.type === 'chat.message');
    expect(atStaff.data).toMatchObject({ customerId, messageId: sent.id, sender: 'customer' });
    await robin.next((e) => e.type === 'chat.message' && e.data.messageId === sent.id);

    // Typing: the business names the customer; a customer's socket already says who it is.
    staff.send({ type: 'typing', customerId });
    expect((await robin.next((e) => e.type === 'chat.typing')).data).toMatchObject({ customerId, by: 'staff' });
    robin.send({ type: 'typing' });
    expect((await staff.next((e) => e.type === 'chat.typing' && e.data.by === 'customer')).data).toMatchObject({ customerId });

    // Read receipt: the business reads, the customer's socket hears it.
    await owner.api.post(`/api/chat/customers/${customerId}/read`, {});
    expect((await robin.next((e) => e.type === 'chat.read')).data).toMatchObject({ customerId, by: 'staff', readAt: sent.createdAt });

    // A portal socket never carries the business's other events, even about its own customer.
    const serviceId = (await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 30, priceCents: 2000 })).body.id;
    const staffId = (await owner.api.post('/api/staff', { name: 'Kim', email: 'kim@example.com' })).body.id;
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-05-05T15:00:00.000Z' });
    expect(booked.status).toBe(201);
    await staff.next((e) => e.type === 'booking.created');
    await quiet();
    expect(new Set(robin.events.map((e) => e.type))).toEqual(new Set(['live.ready', 'chat.message', 'chat.typing', 'chat.read']));
    expect(sam.events.map((e) => e.type)).toEqual(['live.ready']);
    expect(stranger.events.filter((e) => e.type !== 'presence.changed').map((e) => e.type)).toEqual(['live.ready']);
    expect(stranger.events.every((e) => e.type !== 'presence.changed' || e.data.userId === other.user.id)).toBe(true);
  });

  test('each socket accepts only its own kind of token, and a signed-out portal session is closed', async () => {
    expect(await upgradeStatus(wsUrl(apiA.url, '/api/portal/live', owner.token))).toBe(401);
    expect(await upgradeStatus(wsUrl(apiA.url, '/api/live', robinToken))).toBe(401);
    expect(await upgradeStatus(wsUrl(apiA.url, '/api/portal/live'))).toBe(401);

    const email = 'robin.live@example.com';
    const token = await portalSignIn({ baseUrl: apiA.url, orm: replicas.orms[0]!, tenantId: owner.tenant.id, slug: owner.tenant.slug, email });
    const probe = await open(wsUrl(apiB.url, '/api/portal/live', token));
    const closed = new Promise<number>((resolve) => probe.socket.once('close', (code) => resolve(code)));
    expect((await apiClient(apiA.url, token).post('/api/portal/logout')).status).toBe(204);
    expect(await closed).toBe(4001);
  });

  test('bad frames are answered with the field at fault, and a user over the socket cap is closed with 4029', async () => {
    const staff = await open(wsUrl(apiB.url, '/api/live', owner.token));
    staff.send({ type: 'typing' });
    expect((await staff.next((e) => e.type === 'error')).data).toMatchObject({ field: 'customerId' });
    staff.send({ type: 'presence', state: 'asleep' });
    expect((await staff.next((e) => e.type === 'error' && e.data.field === 'state')).data.message).toBeTruthy();
    staff.send({ type: 'typing', customerId, extra: 1 });
    await staff.next((e) => e.type === 'error' && e.data.field === 'extra');
    const robin = await open(wsUrl(apiB.url, '/api/portal/live', robinToken));
    robin.send({ type: 'presence', state: 'away' });
    expect((await robin.next((e) => e.type === 'error')).data).toMatchObject({ field: 'type' });

    await open(wsUrl(apiB.url, '/api/live', owner.token));
    expect(await closeCode(wsUrl(apiB.url, '/api/live', owner.token))).toEqual({ code: 4029, reason: 'too many live connections for this user' });
    // Another user of the same business is not affected.
    const colleague = await addUser(apiA.url, owner);
    await open(wsUrl(apiB.url, '/api/live', colleague.token));
  });

  test('presence follows the sockets and the idle signal, on every replica', async () => {
    const colleague = await addUser(apiA.url, owner);
    const watcher = await open(wsUrl(apiA.url, '/api/live', owner.token));
    const presenceOf = async () => {
      const list = (await owner.api.get('/api/activity/presence')).body.items as Array<{ userId: string; presence: string; connections: number }>;
      return list.find((p) => p.userId === colleague.user.id);
    };
    expect(await presenceOf()).toMatchObject({ presence: 'offline', connections: 0 });

    const seen = () => watcher.events.filter((e) => e.type === 'presence.changed' && e.data.userId === colleague.user.id).map((e) => e.data.presence);
    const until = (count: number) => watcher.next(() => seen().length >= count);

    const desk = await open(wsUrl(apiB.url, '/api/live', colleague.token));
    await until(1);
    expect(await presenceOf()).toMatchObject({ presence: 'online', connections: 1 });

    desk.send({ type: 'presence', state: 'away' });
    await until(2);
    expect(await presenceOf()).toMatchObject({ presence: 'away' });

    // A second, active tab makes the person online again; closing it leaves them away, closing both offline.
    const tablet = await open(wsUrl(apiA.url, '/api/live', colleague.token));
    await until(3);
    expect(await presenceOf()).toMatchObject({ presence: 'online', connections: 2 });
    tablet.close();
    await until(4);
    desk.close();
    await until(5);
    expect(seen()).toEqual(['online', 'away', 'online', 'away', 'offline']);
    expect(await presenceOf()).toMatchObject({ presence: 'offline', connections: 0 });

    // Another business sees none of it.
    const theirs = (await other.api.get('/api/activity/presence')).body.items as Array<{ userId: string }>;
    expect(theirs.map((p) => p.userId)).toEqual([other.user.id]);
  });
});
