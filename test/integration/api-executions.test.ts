import '../helpers/fresh-orm-metadata';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { Message, MessageTemplate } from '../../db/entities';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import { startTestApp, type TestApp } from '../helpers/app';
import { type Loose, type SignedUp, signup } from '../helpers/http';
import { sleep, waitFor } from './automation-harness';

const position = { x: 0, y: 0 };
const n = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, position, data });
const e = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });
const stopWhenCancelled = n('stop', 'goal', { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } });

/** trigger → wait → SMS → end, with a goal that ends it when the appointment is cancelled. */
function waitThenText(name: string, wait: Record<string, unknown>, templateId = 'reminder-2h-sms', ids = { wait: 'w', sms: 'sms' }) {
  return {
    schemaVersion: 1,
    name,
    trigger: { event: 'appointment.booked' },
    nodes: [n('t', 'trigger'), n(ids.wait, 'wait', wait), n(ids.sms, 'sendSms', { templateId }), n('end', 'end'), stopWhenCancelled],
    edges: [e('t', ids.wait), e(ids.wait, ids.sms), e(ids.sms, 'end')],
  };
}

describe('executions api (with a worker running the automations)', () => {
  let app: TestApp;
  let owner: SignedUp;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  let serviceId: string;
  let customerId: string;

  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };

  async function automation(definition: Loose): Promise<string> {
    const created = await owner.api.post('/api/automations', { name: definition.name, definition });
    const published = await owner.api.post(`/api/automations/${created.body.id}/publish`);
    if (published.status !== 201) throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
    return created.body.id;
  }

  async function book(startsInMs: number): Promise<Loose> {
    const res = await owner.api.post('/api/appointments', { serviceId, customerId, startsAt: new Date(Date.now() + startsInMs).toISOString() });
    if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const runsOf = (query: string) => owner.api.get(`/api/executions?${query}`).then((res) => res.body.items as Loose[]);
  const runOf = (automationId: string, appointmentId: string, done: (run: Loose) => boolean = () => true) =>
    waitFor(() => runsOf(`automationId=${automationId}&appointmentId=${appointmentId}`).then((items) => items[0]), (run) => Boolean(run) && done(run), 30_000);
  const archive = (id: string) => owner.api.post(`/api/automations/${id}/archive`);

  beforeAll(async () => {
    app = await startTestApp();
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

    owner = await signup(app.baseUrl);
    // Only the automations each test publishes run: the seeded ones are paused.
    for (const seeded of (await owner.api.get('/api/automations')).body.items) await owner.api.post(`/api/automations/${seeded.id}/pause`);
    serviceId = (await owner.api.post('/api/services', { name: 'Trim', durationMinutes: 30, priceCents: 2500 })).body.id;
    customerId = (await owner.api.post('/api/customers', { name: 'Ada Byron', phone: '+12125550142', email: 'ada@example.com', smsOptIn: true, emailOptIn: true })).body.id;
  }, 120_000);

  afterAll(async () => {
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running?.catch(() => undefined);
    await connection?.close();
    await app?.close();
  });

  test('a run in flight keeps v1 when v2 is published; list and detail show its path, steps and messages', async () => {
    const id = await automation(waitThenText('Versioned', { duration: 'PT4S' }, 'reminder-2h-sms', { wait: 'w1', sms: 'sms1' }));
    const first = await book(3 * 86_400_000);
    await runOf(id, first.id, (run) => run.status === 'waiting' && run.currentNodeId === 'w1');

    await owner.api.patch(`/api/automations/${id}`, { draft: waitThenText('Versioned', { duration: 'PT1S' }, 'reminder-2h-sms', { wait: 'w2', sms: 'sms2' }) });
    expect((await owner.api.post(`/api/automations/${id}/publish`)).body.version).toBe(2);
    const second = await book(3 * 86_400_000 + 3_600_000);

    const v1 = await runOf(id, first.id, (run) => run.status === 'completed');
    const v2 = await runOf(id, second.id, (run) => run.status === 'completed');
    expect(v1).toMatchObject({ version: 1, automationName: 'Versioned', triggerEvent: 'appointment.booked', endReason: 'end', path: ['t', 'w1', 'sms1', 'end'], customerId });
    expect(v2).toMatchObject({ version: 2, path: ['t', 'w2', 'sms2', 'end'] });

    const detail = await owner.api.get(`/api/executions/${v1.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.definition.nodes.map((node: Loose) => node.id)).toContain('w1');
    expect(detail.body.live).toBeUndefined();
    expect(detail.body.steps.map((s: Loose) => [s.nodeId, s.status])).toEqual([
      ['t', 'succeeded'],
      ['w1', 'succeeded'],
      ['sms1', 'succeeded'],
      ['end', 'succeeded'],
    ]);
    const send = detail.body.steps.find((s: Loose) => s.nodeId === 'sms1');
    expect(send.input).toMatchObject({ templateId: 'reminder-2h-sms', idempotencyKey: expect.stringContaining('/sms1/1') });
    expect(send.output).toMatchObject({ channel: 'sms', messageId: expect.any(String) });
    expect(detail.body.messages).toEqual([expect.objectContaining({ channel: 'sms', to: '+12125550142', status: 'sent', nodeId: 'sms1', id: send.output.messageId })]);

    expect((await runsOf(`automationId=${id}`)).map((run) => run.appointmentId).sort()).toEqual([first.id, second.id].sort());
    expect(await runsOf(`automationId=${id}&status=failed`)).toEqual([]);
    expect(await runsOf(`automationId=${id}&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
    const stats = (await owner.api.get(`/api/automations/${id}`)).body.stats;
    expect(stats).toMatchObject({ runsInFlight: 0, lastRunAt: expect.any(String), failures7d: 0 });
    await archive(id);
  });

  test('a waiting run shows its live view and can be cancelled: nothing is sent', async () => {
    const id = await automation(waitThenText('Long wait', { duration: 'PT1H' }));
    const appointment = await book(4 * 86_400_000);
    const run = await runOf(id, appointment.id, (r) => r.status === 'waiting');
    const detail = await owner.api.get(`/api/executions/${run.id}`);
    expect(detail.body.live).toMatchObject({ status: 'waiting', currentNodeId: 'w', path: ['t', 'w'], nextWakeAt: expect.any(String), version: 1 });
    expect(detail.body.nextWakeAt).toBe(new Date(detail.body.live.nextWakeAt).toISOString());

    const cancelled = await owner.api.post(`/api/executions/${run.id}/cancel`);
    expect(cancelled.status).toBe(202);
    expect(cancelled.body).toEqual({ id: run.id, workflowId: run.workflowId, requested: 'cancel' });
    await runOf(id, appointment.id, (r) => r.status === 'cancelled');
    expect((await owner.api.post(`/api/executions/${run.id}/cancel`)).status).toBe(409);
    expect(await em().count(Message, { appointmentId: appointment.id })).toBe(0);
    await archive(id);
  });

  test('rescheduling moves a pending reminder, and it is sent at the new time only', async () => {
    const id = await automation(waitThenText('Soon reminder', { until: { anchor: 'appointment.startsAt', offset: '-PT59M52S' }, ifPast: 'skip' }));
    const appointment = await book(3_600_000);
    const before = await runOf(id, appointment.id, (r) => r.status === 'waiting');
    const startsAt = new Date(Date.parse(appointment.startsAt) + 2 * 3_600_000).toISOString();
    expect((await owner.api.patch(`/api/appointments/${appointment.id}`, { startsAt })).status).toBe(200);

    const moved = await runOf(id, appointment.id, (r) => r.nextWakeAt !== before.nextWakeAt);
    expect(Date.parse(moved.nextWakeAt) - Date.parse(before.nextWakeAt)).toBe(2 * 3_600_000);
    await sleep(10_000);
    expect(await em().count(Message, { appointmentId: appointment.id })).toBe(0);
    expect((await runOf(id, appointment.id)).status).toBe('waiting');
    await owner.api.post(`/api/appointments/${appointment.id}/cancel`);
    await runOf(id, appointment.id, (r) => r.status === 'completed' && r.endReason === 'goal');
    await archive(id);
  }, 60_000);

  test('a run that failed on a send is retried from that step once the cause is fixed', async () => {
    const template = await owner.api.post('/api/templates', { key: 'retry-sms', name: 'Retry', channel: 'sms', body: 'Hello {{customer.firstName}}' });
    const id = await automation(waitThenText('Retry me', { duration: 'PT1S' }, 'retry-sms'));
    // The template disappears behind the api's back: the send fails for good (TemplateNotFound).
    await em().nativeDelete(MessageTemplate, { id: template.body.id });
    const appointment = await book(5 * 86_400_000);
    const failed = await runOf(id, appointment.id, (r) => r.status === 'failed');
    expect(failed).toMatchObject({ endReason: 'actionFailed', currentNodeId: 'sms', error: expect.stringContaining('TemplateNotFound') });
    expect((await owner.api.get(`/api/automations/${id}`)).body.stats.failures7d).toBe(1);
    expect((await owner.api.post(`/api/executions/${failed.id}/cancel`)).status).toBe(409);

    await owner.api.post('/api/templates', { key: 'retry-sms', name: 'Retry', channel: 'sms', body: 'Hello again {{customer.firstName}}' });
    const retried = await owner.api.post(`/api/executions/${failed.id}/retry`);
    expect(retried.status).toBe(202);
    const done = await runOf(id, appointment.id, (r) => r.status === 'completed');
    expect(done).toMatchObject({ id: failed.id, endReason: 'end', error: null, endedAt: expect.any(String) });
    expect(done.path.slice(-3)).toEqual(['sms', 'sms', 'end']);

    const detail = await owner.api.get(`/api/executions/${failed.id}`);
    const sends = detail.body.steps.filter((s: Loose) => s.nodeId === 'sms');
    expect(sends.map((s: Loose) => s.status)).toEqual(['failed', 'succeeded']);
    expect(sends[1].input.idempotencyKey).toMatch(/\/sms\/2$/);
    expect(detail.body.messages).toEqual([expect.objectContaining({ body: 'Hello again Ada', status: 'sent' })]);
    expect((await owner.api.post(`/api/executions/${failed.id}/retry`)).body.error.code).toBe('RETRY_NOT_POSSIBLE');
    await archive(id);
  }, 60_000);
});
