import '../helpers/fresh-orm-metadata';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { Customer, Message } from '../../db/entities';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import { inboundSmsParams, signTwilioWebhook, statusCallbackParams } from '../fakes/twilio-server';
import { startTestApp, type TestApp } from '../helpers/app';
import { type Loose, type SignedUp, signup } from '../helpers/http';
import { sleep, waitFor } from './automation-harness';

const PUBLIC_URL = 'https://book.example.test';
const AUTH_TOKEN = 'b3f1c0ffee0ddba11deadbeefcafe123';
const ACCOUNT_SID = 'AC00000000000000000000000000000001';
const OUR_NUMBER = '+15005550006';

const position = { x: 0, y: 0 };
const n = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, position, data });
const e = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

/** Ask to confirm at once, wait, then remind; ends when the appointment is cancelled. */
const askThenRemind = (wait: string) => ({
  schemaVersion: 1,
  name: `Ask then remind ${wait}`,
  trigger: { event: 'appointment.booked' },
  nodes: [
    n('t', 'trigger'),
    n('ask', 'sendSms', { templateId: 'confirm-request-sms' }),
    n('w', 'wait', { duration: wait }),
    n('remind', 'sendSms', { templateId: 'reminder-2h-sms' }),
    n('end', 'end'),
    n('stop', 'goal', { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } }),
  ],
  edges: [e('t', 'ask'), e('ask', 'w'), e('w', 'remind'), e('remind', 'end')],
});

describe('Twilio webhooks', () => {
  let app: TestApp;
  let owner: SignedUp;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  let serviceId: string;
  let phoneSeq = 0;

  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };

  /** Posts a form as Twilio does; signed over PUBLIC_URL + path unless told otherwise. */
  async function postWebhook(path: string, params: Record<string, string>, signature: string | null = signTwilioWebhook(AUTH_TOKEN, `${PUBLIC_URL}${path}`, params)) {
    const res = await fetch(`${app.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(signature ? { 'X-Twilio-Signature': signature } : {}) },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
  }
  const reply = (from: string, body: string) =>
    postWebhook('/api/webhooks/twilio/inbound', inboundSmsParams({ accountSid: ACCOUNT_SID, from, to: OUR_NUMBER, body }));

  async function customerWithAppointment(automationId: string): Promise<{ phone: string; customerId: string; appointment: Loose }> {
    const phone = `+1212555${String(1000 + phoneSeq++).padStart(4, '0')}`;
    const customerId = (await owner.api.post('/api/customers', { name: 'Lena Park', phone, smsOptIn: true })).body.id;
    const startsAt = new Date(Date.now() + (3 + phoneSeq) * 86_400_000).toISOString();
    const appointment = (await owner.api.post('/api/appointments', { serviceId, customerId, startsAt })).body;
    await waitFor(() => owner.api.get(`/api/executions?automationId=${automationId}&appointmentId=${appointment.id}`), (res) => res.body.items[0]?.currentNodeId === 'w');
    return { phone, customerId, appointment };
  }

  async function publish(definition: Loose): Promise<string> {
    const created = await owner.api.post('/api/automations', { name: definition.name, definition });
    expect((await owner.api.post(`/api/automations/${created.body.id}/publish`)).status).toBe(201);
    return created.body.id;
  }

  const textsTo = (phone: string) => em().find(Message, { to: phone, direction: 'outbound' }, { orderBy: { createdAt: 'asc' } });

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL, TWILIO_AUTH_TOKEN: AUTH_TOKEN } });
    const logger = createLogger({ level: 'warn', pretty: false });
    installTemporalRuntime(logger);
    connection = await NativeConnection.connect({ address: app.config.TEMPORAL_ADDRESS as string });
    worker = await Worker.create({
      connection,
      namespace: app.config.TEMPORAL_NAMESPACE,
      taskQueue: app.config.TEMPORAL_TASK_QUEUE,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ orm: app.orm, logger, messaging: { config: { quietHours: null } } }),
    });
    running = worker.run();
    owner = await signup(app.baseUrl, { businessName: 'Fern Grooming' });
    for (const seeded of (await owner.api.get('/api/automations')).body.items) await owner.api.post(`/api/automations/${seeded.id}/pause`);
    serviceId = (await owner.api.post('/api/services', { name: 'Wash', durationMinutes: 40, priceCents: 3500 })).body.id;
  }, 120_000);

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running?.catch(() => undefined);
    await connection?.close();
    await app?.close();
  });

  test('a forged, altered or unsigned webhook gets 403 and changes nothing', async () => {
    const params = inboundSmsParams({ accountSid: ACCOUNT_SID, from: '+12125550999', to: OUR_NUMBER, body: 'STOP' });
    const path = '/api/webhooks/twilio/inbound';
    expect((await postWebhook(path, params, null)).status).toBe(403);
    expect((await postWebhook(path, params, signTwilioWebhook('wrong-token', `${PUBLIC_URL}${path}`, params))).status).toBe(403);
    expect((await postWebhook(path, params, signTwilioWebhook(AUTH_TOKEN, `https://evil.example.test${path}`, params))).status).toBe(403);
    const signed = signTwilioWebhook(AUTH_TOKEN, `${PUBLIC_URL}${path}`, params);
    const forged = await postWebhook(path, { ...params, Body: 'START' }, signed);
    expect(forged.status).toBe(403);
    expect(JSON.parse(forged.text).error.code).toBe('FORBIDDEN');
    const status = statusCallbackParams({ accountSid: ACCOUNT_SID, messageSid: 'SMx', status: 'delivered', to: '+1', from: OUR_NUMBER });
    expect((await postWebhook('/api/webhooks/twilio/status', status, 'bm90LWEtc2lnbmF0dXJl')).status).toBe(403);
    expect(await app.orm.em.fork().count(Message, { direction: 'inbound' }, { filters: false })).toBe(0);
  });

  test('a signed "X" cancels the appointment, and the run stops sending', async () => {
    const automationId = await publish(askThenRemind('PT5S'));
    const { phone, appointment } = await customerWithAppointment(automationId);
    expect((await textsTo(phone)).map((m) => m.nodeId)).toEqual(['ask']);

    const answer = await reply(phone, 'X');
    expect(answer.status).toBe(200);
    expect(answer.type).toContain('text/xml');
    expect(answer.text).toMatch(/<Response><Message>Fern Grooming: Wash on .* is cancelled\./);
    expect((await owner.api.get(`/api/appointments/${appointment.id}`)).body).toMatchObject({ status: 'cancelled', cancelReason: 'customer replied to cancel' });

    const run = await waitFor(
      () => owner.api.get(`/api/executions?automationId=${automationId}&appointmentId=${appointment.id}`).then((res) => res.body.items[0]),
      (r: Loose) => r.status === 'completed',
    );
    expect(run.endReason).toBe('goal');
    await sleep(6_000);
    expect((await textsTo(phone)).map((m) => m.nodeId)).toEqual(['ask']);
    const inbound = await em().findOneOrFail(Message, { from: phone, direction: 'inbound' });
    expect(inbound).toMatchObject({ body: 'X', status: 'received', appointmentId: appointment.id });
    await owner.api.post(`/api/automations/${automationId}/archive`);
  }, 60_000);

  test('"STOP" opts the number out: the later SMS is suppressed and the run records why', async () => {
    const automationId = await publish(askThenRemind('PT4S'));
    const { phone, customerId, appointment } = await customerWithAppointment(automationId);
    const answer = await reply(phone, 'STOP');
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect((await em().findOneOrFail(Customer, { id: customerId })).smsOptedOutAt).toBeInstanceOf(Date);

    const run = await waitFor(
      () => owner.api.get(`/api/executions?automationId=${automationId}&appointmentId=${appointment.id}`).then((res) => res.body.items[0]),
      (r: Loose) => r.status === 'completed',
    );
    const detail = await owner.api.get(`/api/executions/${run.id}`);
    const remind = detail.body.steps.find((s: Loose) => s.nodeId === 'remind');
    expect(remind.status).toBe('skipped');
    expect(remind.output.detail).toMatch(/opted_out/);
    const texts = await textsTo(phone);
    expect(texts.map((m) => [m.nodeId, m.status, m.errorCode ?? null])).toEqual([
      ['ask', 'sent', null],
      ['remind', 'suppressed', 'opted_out'],
    ]);
    expect((await owner.api.get(`/api/appointments/${appointment.id}`)).body.status).toBe('pending');
    await owner.api.post(`/api/automations/${automationId}/archive`);
  }, 60_000);

  test('"C" confirms; HELP answers with the help text; a re-delivered webhook is applied once', async () => {
    const automationId = await publish(askThenRemind('PT1H'));
    const { phone, appointment } = await customerWithAppointment(automationId);
    const params = inboundSmsParams({ accountSid: ACCOUNT_SID, from: phone, to: OUR_NUMBER, body: 'c' });
    const confirmed = await postWebhook('/api/webhooks/twilio/inbound', params);
    expect(confirmed.text).toMatch(/is confirmed\./);
    expect((await owner.api.get(`/api/appointments/${appointment.id}`)).body.status).toBe('confirmed');
    const again = await postWebhook('/api/webhooks/twilio/inbound', params);
    expect(again.status).toBe(200);
    expect(await em().count(Message, { from: phone, direction: 'inbound' })).toBe(1);

    const help = await reply(phone, 'HELP');
    expect(help.text).toMatch(/<Message>Fern Grooming: appointment messages\. Reply C to confirm, X to cancel, STOP/);
    await owner.api.post(`/api/appointments/${appointment.id}/cancel`);
    await owner.api.post(`/api/automations/${automationId}/archive`);
  }, 60_000);

  test('a status callback updates the message it reports on', async () => {
    const sent = await owner.api.post('/api/messages/test', { channel: 'sms', to: '+12125550177', body: 'status please' });
    const params = statusCallbackParams({ accountSid: ACCOUNT_SID, messageSid: sent.body.providerMessageId, status: 'delivered', to: '+12125550177', from: OUR_NUMBER });
    const res = await postWebhook('/api/webhooks/twilio/status', { ...params, Price: '-0.00790', PriceUnit: 'USD' });
    expect(res.status).toBe(200);
    const log = await owner.api.get('/api/messages?status=delivered');
    expect(log.body.items).toEqual([expect.objectContaining({ id: sent.body.id, status: 'delivered', priceMicros: 7900, priceCurrency: 'USD', deliveredAt: expect.any(String) })]);
  });
});
