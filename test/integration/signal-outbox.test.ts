/**
 * The workflow-signal outbox on the real stack: while Temporal cannot take a signal the API still
 * answers and the change waits in workflow_signal_outbox; the relay delivers it once Temporal is
 * back, in each workflow's order, once, whichever replica and after whatever crash.
 */
import { type Client, ServiceError, type WorkflowSignalWithStartOptions } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { Worker } from '@temporalio/worker';
import { WorkflowSignal } from '../../db/entities';
import { createOrm, type MikroORM } from '../../db/orm';
import { deliverWorkflowSignals } from '../../api/services/workflow-outbox/deliver-workflow-signals';
import { startSignalRelay } from '../../api/services/workflow-outbox/signal-relay';
import { createLogger } from '../../runtime/logger';
import { workflowBundle } from '../../worker/workflow-bundle';
import { type AppointmentEvent, appointmentStateQuery } from '../../workflows/appointment-contract';
import { sleep, waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const logger = createLogger({ level: 'warn', name: 'signal-outbox-test', pretty: false });

let stack: EngineStack;
/** How the API's Temporal client behaves: `down` refuses, `lost-ack` delivers but reports a failure. */
let temporalMode: 'up' | 'down' | 'lost-ack' | 'slow' = 'up';
/** Event ids of every signal that reached Temporal, in order. */
const sent: string[] = [];
const extraOrms: MikroORM[] = [];
/** Run before the extra ORMs close (a hung delivery keeps its connection until it is cut off). */
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  stack = await startEngineStack({ businessName: 'Outbox Grooming' });
  const workflows = stack.app.temporal.workflow;
  const realSignalWithStart = workflows.signalWithStart.bind(workflows);
  jest.spyOn(workflows, 'signalWithStart').mockImplementation((async (type: string, options: WorkflowSignalWithStartOptions) => {
    if (temporalMode === 'down') throw new ServiceError('14 UNAVAILABLE: No connection established (Temporal is down in this test)');
    if (temporalMode === 'slow') await sleep(50);
    const handle = await realSignalWithStart(type, options);
    sent.push(((options.signalArgs as unknown[] | undefined)?.[0] as AppointmentEvent | undefined)?.id ?? '');
    if (temporalMode === 'lost-ack') throw new ServiceError('4 DEADLINE_EXCEEDED: the answer was lost (test)');
    return handle;
  }) as typeof workflows.signalWithStart);
}, 120_000);

afterEach(() => {
  temporalMode = 'up';
});

afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await Promise.all(extraOrms.map((orm) => orm.close(true)));
  await stack?.stop();
});

const rowsOf = (appointmentId: string) => stack.em().find(WorkflowSignal, { appointmentId }, { orderBy: { sequence: 'asc' } });
const rowOf = async (appointmentId: string, type: AppointmentEvent['type']) => {
  const row = (await rowsOf(appointmentId)).find((r) => r.event.type === type);
  if (!row) throw new Error(`no outbox row ${type} for ${appointmentId}`);
  return row;
};
const deliveredRow = (appointmentId: string, type: AppointmentEvent['type']) =>
  waitFor(() => rowOf(appointmentId, type), (row) => Boolean(row.deliveredAt), 20_000);
const sql = (query: string, params: unknown[] = []) => stack.app.orm.em.fork().execute(query, params);
/** Time passes: every pending signal's next attempt is due now (rows a deliverer holds are left alone). */
const dueNow = () =>
  sql('update workflow_signal_outbox set next_attempt_at = now() where id in (select id from workflow_signal_outbox where delivered_at is null for update skip locked)');
/** Keeps the relays off these rows for a while. */
const hold = (ids: string[]) => sql(`update workflow_signal_outbox set next_attempt_at = now() + interval '1 hour' where id in (?)`, [ids]);
const state = (workflowId: string) => stack.runHandle(workflowId).query(appointmentStateQuery);
const timesSent = (eventId: string) => sent.filter((id) => id === eventId).length;

/** The events the workflow received, read from its history (re-deliveries included). */
async function receivedEvents(workflowId: string, runId?: string): Promise<AppointmentEvent[]> {
  const history = await stack.app.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  const events: AppointmentEvent[] = [];
  for (const event of history.events ?? []) {
    const signal = event.workflowExecutionSignaledEventAttributes;
    if (signal?.signalName !== 'appointmentEvent') continue;
    const [payload] = await decodeArrayFromPayloads(stack.app.temporal.options.loadedDataConverter, signal.input?.payloads);
    events.push(payload as AppointmentEvent);
  }
  return events;
}

/** A booking three days ahead whose reminder run is waiting for the 24 h mark. */
async function bookWithReminder(): Promise<{ id: string; workflowId: string; startsAt: Date }> {
  const guest = await stack.customer();
  const startsAt = new Date(Date.now() + 3 * DAY);
  const appointment = await stack.book(guest.id, startsAt);
  await stack.runOf(appointment.id, 'reminders', (run) => run.nextWakeAt?.getTime() === startsAt.getTime() - DAY);
  return { id: appointment.id, workflowId: appointment.workflowId, startsAt };
}

const reschedule = (id: string, startsAt: Date) => stack.owner.api.patch(`/api/appointments/${id}`, { startsAt: startsAt.toISOString(), override: true });
const cancel = (id: string) => stack.owner.api.post(`/api/appointments/${id}/cancel`, { reason: 'owner is away' });

function separateOrm(): Promise<MikroORM> {
  return createOrm(stack.app.config.DATABASE_URL as string, { pool: { min: 0, max: 4 } }).then((orm) => {
    extraOrms.push(orm);
    return orm;
  });
}

test('a booking made while Temporal is down answers 201, and the relay starts its workflow once Temporal is back', async () => {
  const guest = await stack.customer();
  temporalMode = 'down';
  const appointment = await stack.book(guest.id, new Date(Date.now() + 3 * DAY));
  const pending = await rowOf(appointment.id, 'appointment.booked');
  expect(pending).toMatchObject({ workflowId: appointment.workflowId, deliveredAt: null, lastError: expect.stringContaining('UNAVAILABLE') });
  expect(pending.attempts).toBeGreaterThanOrEqual(1);
  expect(pending.event).toMatchObject({ type: 'appointment.booked', id: pending.id });

  temporalMode = 'up';
  await dueNow();
  await deliveredRow(appointment.id, 'appointment.booked');
  await stack.runOf(appointment.id, 'reminders', (run) => run.status === 'waiting');
  expect((await state(appointment.workflowId)).appliedEventIds).toEqual([pending.id]);
  expect(timesSent(pending.id)).toBe(1);
  await cancel(appointment.id);
}, 60_000);

test('a reschedule while Temporal is down answers 200; when it is back the relay delivers it and the reminder moves', async () => {
  const appointment = await bookWithReminder();
  const newStart = new Date(appointment.startsAt.getTime() + DAY);

  temporalMode = 'down';
  const res = await reschedule(appointment.id, newStart);
  expect(res.status).toBe(200);
  expect(res.body.startsAt).toBe(newStart.toISOString());
  const pending = await rowOf(appointment.id, 'appointment.rescheduled');
  expect(pending.deliveredAt).toBeNull();
  expect(pending.lastError).toContain('UNAVAILABLE');
  // The workflow has not heard of it: its reminder still waits for the old time.
  expect((await state(appointment.workflowId)).startsAt).toBe(appointment.startsAt.toISOString());
  expect((await stack.runOf(appointment.id, 'reminders')).nextWakeAt?.getTime()).toBe(appointment.startsAt.getTime() - DAY);

  temporalMode = 'up';
  await dueNow();
  await deliveredRow(appointment.id, 'appointment.rescheduled');
  await stack.runOf(appointment.id, 'reminders', (run) => run.nextWakeAt?.getTime() === newStart.getTime() - DAY);
  const after = await state(appointment.workflowId);
  expect(after.startsAt).toBe(newStart.toISOString());
  expect(after.events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.rescheduled']);
  expect(timesSent(pending.id)).toBe(1);
  await cancel(appointment.id);
}, 60_000);

test('a cancel while Temporal is down answers 200; once delivered every run ends and the workflow closes', async () => {
  const appointment = await bookWithReminder();
  temporalMode = 'down';
  const res = await cancel(appointment.id);
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('cancelled');
  expect((await rowOf(appointment.id, 'appointment.cancelled')).deliveredAt).toBeNull();
  await sleep(1_500);
  // Nothing reached the workflow: its reminder is still waiting.
  expect((await stack.runOf(appointment.id, 'reminders')).status).toBe('waiting');

  temporalMode = 'up';
  await dueNow();
  await deliveredRow(appointment.id, 'appointment.cancelled');
  const runs = await waitFor(() => stack.runs(appointment.id), (list) => list.length === 3 && list.every((r) => r.endedAt));
  expect(runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);
  await expect(stack.runHandle(appointment.workflowId).result()).resolves.toMatchObject({ status: 'cancelled' });
  expect((await stack.messages(appointment.id)).map((m) => m.nodeId).sort()).toEqual(['email', 'sms']);
}, 60_000);

test('a later event waits behind an earlier pending one of the same workflow, then both go in order', async () => {
  const appointment = await bookWithReminder();
  temporalMode = 'down';
  expect((await reschedule(appointment.id, new Date(appointment.startsAt.getTime() + HOUR))).status).toBe(200);
  expect((await cancel(appointment.id)).status).toBe(200);
  const rescheduled = await rowOf(appointment.id, 'appointment.rescheduled');
  await hold([rescheduled.id]);

  // Temporal is back and the cancel is due, but the reschedule before it is not: the cancel waits.
  temporalMode = 'up';
  const relay = startSignalRelay({ em: stack.app.orm.em, temporal: stack.app.temporal, taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE, logger, pollIntervalMs: 200 });
  await sleep(2_000);
  await relay.stop();
  const cancelled = await rowOf(appointment.id, 'appointment.cancelled');
  expect(cancelled.deliveredAt).toBeNull();
  expect(timesSent(cancelled.id)).toBe(0);
  expect((await receivedEvents(appointment.workflowId)).map((e) => e.type)).toEqual(['appointment.booked']);

  await dueNow();
  await deliveredRow(appointment.id, 'appointment.cancelled');
  const [, first, second] = await rowsOf(appointment.id);
  expect([first!.event.type, second!.event.type]).toEqual(['appointment.rescheduled', 'appointment.cancelled']);
  expect(first!.deliveredAt!.getTime()).toBeLessThanOrEqual(second!.deliveredAt!.getTime());
  expect((await receivedEvents(appointment.workflowId)).map((e) => e.type)).toEqual(['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled']);
  await expect(stack.runHandle(appointment.workflowId).result()).resolves.toMatchObject({ status: 'cancelled' });
}, 60_000);

test('a change made once Temporal is back sends the earlier pending signal of its workflow first', async () => {
  const appointment = await bookWithReminder();
  temporalMode = 'down';
  expect((await reschedule(appointment.id, new Date(appointment.startsAt.getTime() + HOUR))).status).toBe(200);
  const rescheduled = await rowOf(appointment.id, 'appointment.rescheduled');
  await hold([rescheduled.id]);

  temporalMode = 'up';
  expect((await cancel(appointment.id)).status).toBe(200);
  // Delivered by the cancel's own request, before it answered.
  const rows = await rowsOf(appointment.id);
  expect(rows.map((r) => [r.event.type, Boolean(r.deliveredAt)])).toEqual([
    ['appointment.booked', true],
    ['appointment.rescheduled', true],
    ['appointment.cancelled', true],
  ]);
  expect((await receivedEvents(appointment.workflowId)).map((e) => e.type)).toEqual(['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled']);
}, 60_000);

test('a re-delivery after a lost acknowledgement reaches the workflow twice and is applied once', async () => {
  const appointment = await bookWithReminder();
  const newStart = new Date(appointment.startsAt.getTime() + 2 * HOUR);
  temporalMode = 'lost-ack';
  expect((await reschedule(appointment.id, newStart)).status).toBe(200);
  const row = await rowOf(appointment.id, 'appointment.rescheduled');
  expect(row.deliveredAt).toBeNull();
  expect(row.lastError).toContain('the answer was lost');

  temporalMode = 'up';
  await dueNow();
  await deliveredRow(appointment.id, 'appointment.rescheduled');
  expect(timesSent(row.id)).toBe(2);
  const received = await receivedEvents(appointment.workflowId);
  expect(received.filter((e) => e.id === row.id)).toHaveLength(2);

  const after = await waitFor(() => state(appointment.workflowId), (s) => s.startsAt === newStart.toISOString());
  expect(after.events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.rescheduled']);
  expect(after.eventCounts?.['appointment.rescheduled']).toBe(1);
  expect(after.appliedEventIds).toContain(row.id);
  await stack.runOf(appointment.id, 'reminders', (run) => run.nextWakeAt?.getTime() === newStart.getTime() - DAY);
  // That history (the dedupe under its patch) replays deterministically on the current code.
  const history = await stack.runHandle(appointment.workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, appointment.workflowId);
  await cancel(appointment.id);
}, 60_000);

test('a lost acknowledgement of a cancel is not applied again after the workflow has closed', async () => {
  const appointment = await bookWithReminder();
  temporalMode = 'lost-ack';
  expect((await cancel(appointment.id)).status).toBe(200);
  const row = await rowOf(appointment.id, 'appointment.cancelled');
  await hold([row.id]);
  temporalMode = 'up';
  expect(timesSent(row.id)).toBe(1);

  const handle = stack.runHandle(appointment.workflowId);
  await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
  const closed = await handle.describe();

  await dueNow();
  const delivered = await deliveredRow(appointment.id, 'appointment.cancelled');
  expect(delivered.lastError).toBeNull();
  // Not sent again: no new execution was started to apply the cancel a second time.
  expect(timesSent(row.id)).toBe(1);
  const now = await handle.describe();
  expect(now.runId).toBe(closed.runId);
  expect(now.status.name).toBe('COMPLETED');
  expect((await stack.runs(appointment.id)).length).toBe(3);
}, 60_000);

test('relays running at once deliver every signal exactly once, in each workflow\'s order', async () => {
  const appointments = await Promise.all([0, 1, 2, 3].map(() => bookWithReminder()));
  temporalMode = 'down';
  for (const appointment of appointments) {
    expect((await reschedule(appointment.id, new Date(appointment.startsAt.getTime() + HOUR))).status).toBe(200);
    expect((await cancel(appointment.id)).status).toBe(200);
  }
  const pending = (await Promise.all(appointments.map((a) => rowsOf(a.id)))).flat().filter((r) => !r.deliveredAt);
  expect(pending).toHaveLength(8);

  temporalMode = 'slow';
  const [ormA, ormB] = await Promise.all([separateOrm(), separateOrm()]);
  const relayOptions = { temporal: stack.app.temporal, taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE, logger, pollIntervalMs: 100, concurrency: 3 };
  const relays = [startSignalRelay({ em: ormA.em, ...relayOptions }), startSignalRelay({ em: ormB.em, ...relayOptions })];
  await dueNow();
  await Promise.all(relays.map((relay) => relay.runOnce()));
  await waitFor(() => Promise.all(appointments.map((a) => rowsOf(a.id))), (lists) => lists.flat().every((r) => r.deliveredAt), 30_000);
  await Promise.all(relays.map((relay) => relay.stop()));

  for (const row of pending) expect([row.event.type, timesSent(row.id)]).toEqual([row.event.type, 1]);
  for (const appointment of appointments) {
    expect((await receivedEvents(appointment.workflowId)).map((e) => e.type)).toEqual(['appointment.booked', 'appointment.rescheduled', 'appointment.cancelled']);
    await expect(stack.runHandle(appointment.workflowId).result()).resolves.toMatchObject({ status: 'cancelled' });
  }
}, 90_000);

test('the relay survives a crash: a signal held by a replica that died goes out from the next one, once', async () => {
  const appointment = await bookWithReminder();
  const newStart = new Date(appointment.startsAt.getTime() + 3 * HOUR);
  temporalMode = 'down';
  expect((await reschedule(appointment.id, newStart)).status).toBe(200);
  const row = await rowOf(appointment.id, 'appointment.rescheduled');
  await sql(`update workflow_signal_outbox set next_attempt_at = now() + interval '3 seconds' where id = ?`, [row.id]);
  temporalMode = 'up';

  // Another replica claims it at once (after its own commit) and hangs in Temporal with the row locked...
  const doomedOrm = await separateOrm();
  let cutOff!: (error: Error) => void;
  const hanging = new Promise<never>((_, reject) => {
    cutOff = reject;
  });
  cleanups.push(() => cutOff(new ServiceError('14 UNAVAILABLE: test over')));
  const realClient = stack.app.temporal;
  const hangingClient = {
    withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn(),
    workflow: { signalWithStart: () => hanging, getHandle: (id: string) => realClient.workflow.getHandle(id) },
  } as unknown as Client;
  const doomed = deliverWorkflowSignals({ em: doomedOrm.em, temporal: hangingClient, taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE, logger, timeoutMs: 60_000 }, appointment.workflowId, row.id).catch(
    (err: unknown) => err,
  );
  const [holder] = await waitFor(
    () => sql(`select pid from pg_stat_activity where datname = current_database() and state = 'idle in transaction' and query ilike '%skip locked%'`) as Promise<Array<{ pid: number }>>,
    (rows) => rows.length === 1,
  );

  // ...so, though due a moment later, no other relay touches it.
  await sleep(5_000);
  expect((await rowOf(appointment.id, 'appointment.rescheduled')).deliveredAt).toBeNull();
  expect(timesSent(row.id)).toBe(0);

  // The replica dies (its connection goes), and a relay in a fresh process delivers the row.
  await sql('select pg_terminate_backend(?)', [holder!.pid]);
  const restartedOrm = await separateOrm();
  const restarted = startSignalRelay({ em: restartedOrm.em, temporal: realClient, taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE, logger, pollIntervalMs: 200 });
  await deliveredRow(appointment.id, 'appointment.rescheduled');
  await restarted.stop();
  cutOff(new ServiceError('14 UNAVAILABLE: the replica is gone'));
  expect(await doomed).toBeInstanceOf(Error);

  expect(timesSent(row.id)).toBe(1);
  await stack.runOf(appointment.id, 'reminders', (run) => run.nextWakeAt?.getTime() === newStart.getTime() - DAY);
  await cancel(appointment.id);
}, 60_000);

test('delivered signals are pruned after the retention (7 days); recent and pending ones stay', async () => {
  const [old, recent] = await Promise.all([bookWithReminder(), bookWithReminder()]);
  temporalMode = 'down';
  expect((await reschedule(old.id, new Date(old.startsAt.getTime() + HOUR))).status).toBe(200);
  const [oldBooked, pending] = await rowsOf(old.id);
  await sql(`update workflow_signal_outbox set delivered_at = now() - interval '8 days' where id = ?`, [oldBooked!.id]);

  const relay = startSignalRelay({ em: stack.app.orm.em, temporal: stack.app.temporal, taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE, logger, pollIntervalMs: 60_000 });
  await relay.runOnce();
  await relay.stop();
  expect((await rowsOf(old.id)).map((r) => r.id)).toEqual([pending!.id]);
  expect((await rowsOf(recent.id)).map((r) => [r.event.type, Boolean(r.deliveredAt)])).toEqual([['appointment.booked', true]]);

  temporalMode = 'up';
  await dueNow();
  await deliveredRow(old.id, 'appointment.rescheduled');
  await Promise.all([cancel(old.id), cancel(recent.id)]);
}, 60_000);
