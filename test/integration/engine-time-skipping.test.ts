/**
 * Days and months in seconds: the real workflows (appointment entity workflow → automationRun
 * children) on Temporal's time-skipping test server, with the seeded automations at their real
 * lengths (24 h, 48 h, 12 h, 15 min, 30 days…). Activities are recording stubs: this file is
 * about when the interpreter acts, which the database-backed tests cannot wait for.
 *
 * - A reminder across a DST change lands at the right local time (spring forward and fall back,
 *   anchored offsets and local-time waits in the recipient's zone).
 * - For every seeded automation, the interpreter's actions (node, outcome, send key, workflow
 *   time) are exactly the simulator's timeline for the same context and events.
 *
 * The test server stops skipping time for good once a parent closes while an abandoned child is
 * still open (temporalio/sdk-typescript#1101): a later sleep or result() then waits in real time.
 * The appointment workflow waits for its runs to close (patch `await-child-close`), so the
 * scenarios may run in any order.
 */
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { type WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { Activities, AppointmentSnapshot, TriggeredAutomation } from '../../activities';
import type { RecordRunProgressInput } from '../../activities/automation';
import {
  afterVisit,
  birthday,
  bookingConfirmation,
  noShowDefense,
  reminders,
  twoWayConfirm,
  vaccinationExpiry,
  winBack,
} from '../../db/seeders/automations/definitions';
import { createLogger } from '../../runtime/logger';
import { locateTestServer, toEphemeralExecutable } from '../../runtime/temporal-cli';
import { workflowBundle } from '../../worker/workflow-bundle';
import { type AppointmentEvent, appointmentEventSignal, appointmentWorkflowId, appointmentWorkflowType } from '../../workflows/appointment-contract';
import { runContextFor } from '../../workflows/appointment-run-context';
import {
  type AutomationRunInput,
  type AutomationRunResult,
  automationRunWorkflowId,
  automationRunWorkflowType,
  type StepRecord,
} from '../../workflows/automation-run-contract';
import { type AutomationDefinition, type RunContext, type SimulationEvent, type SimulationResult, simulateTimeline } from '../../workflows/dsl';

const TENANT = randomUUID();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NEW_YORK = 'America/New_York';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `time-skipping-${randomUUID()}`;

/** What the stubs saw: steps per run workflow, the snapshot each appointment returns, the automations on. */
const steps = new Map<string, Map<number, StepRecord>>();
const appointments = new Map<string, AppointmentSnapshot>();
let active: TriggeredAutomation[] = [];

function stubActivities(): Partial<Activities> {
  const ok = async () => ({ status: 'ok' as const, detail: 'done' });
  return {
    loadAppointmentSnapshot: async ({ appointmentId }) => structuredClone(appointments.get(appointmentId) as AppointmentSnapshot),
    findTriggeredAutomations: async ({ event }) => active.filter((a) => a.definition.trigger.event === event),
    recordRunProgress: async (input: RecordRunProgressInput) => {
      const byRun = steps.get(input.run.workflowId) ?? new Map<number, StepRecord>();
      for (const step of input.steps) byRun.set(step.sequence, step);
      steps.set(input.run.workflowId, byRun);
      return { runId: randomUUID() };
    },
    updateAppointmentStatus: async ({ status }) => ({ status: 'ok', detail: `→ ${status}`, output: { from: 'pending', to: status } }),
    chargeNoShowFee: async () => ({ status: 'ok', detail: 'offence 1', output: { feeCents: 2500, offenceNumber: 1 } }),
    adjustReputation: ok,
    changeCustomerTag: ok,
    notifyStaff: ok,
    callWebhook: ok,
    sendMessage: async () => ({ status: 'sent', messageId: randomUUID() }),
    // No calendar is connected: the appointment workflow's push finds nothing to do.
    pushAppointmentToCalendars: async () => ({ pushed: [], failed: [], meetingLinkChanged: false }),
    sendCalendarInvite: async () => ({ status: 'skipped', reason: 'no calendar connected in these tests' }),
  };
}

beforeAll(async () => {
  const logger = createLogger({ level: 'warn', pretty: false });
  const cacheDir = process.env.CACHE_DIR || path.join(os.homedir(), '.cache', 'appointflow');
  const found = await locateTestServer({ cacheDir, logger });
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: toEphemeralExecutable(found, cacheDir) } });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: stubActivities(),
  });
  running = worker.run();
}, 180_000);

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running?.catch(() => undefined);
  await env?.teardown();
});

const automation = (definition: AutomationDefinition): TriggeredAutomation => ({
  automationId: randomUUID(),
  name: definition.name,
  version: 1,
  automationVersionId: randomUUID(),
  definition,
});

function snapshotFor(appointmentId: string, startsAt: number, customer: Partial<AppointmentSnapshot['customer']> = {}): AppointmentSnapshot {
  return {
    tenant: {
      id: TENANT,
      name: 'Fern Grooming',
      slug: 'fern',
      timezone: NEW_YORK,
      currency: 'USD',
      policies: { cancelWindowHours: 24, rescheduleWindowHours: 2, maxActiveBookings: 10, noShowGraceMinutes: 15, noShowFeesCents: [2500, 3500, 5000], reputationThreshold: 30 },
    },
    appointment: {
      id: appointmentId,
      status: 'pending',
      startsAt: new Date(startsAt).toISOString(),
      endsAt: new Date(startsAt + HOUR).toISOString(),
      priceCents: 6500,
      source: 'admin',
      durationMinutes: 60,
      createdAt: new Date().toISOString(),
      participantCount: 1,
    },
    service: { id: randomUUID(), name: 'Full groom', category: 'grooming', durationMinutes: 60, priceCents: 6500 },
    staff: null,
    customer: {
      id: randomUUID(),
      name: 'Ada Byron',
      firstName: 'Ada',
      phone: '+12125550142',
      email: 'ada@example.com',
      smsOptIn: true,
      emailOptIn: true,
      whatsappOptIn: false,
      preferredChannel: 'sms',
      reputationScore: 100,
      noShowCount: 0,
      visitCount: 3,
      tags: [],
      timezone: NEW_YORK,
      ...customer,
    },
    pets: [],
  } as AppointmentSnapshot;
}

interface Booked {
  appointmentId: string;
  workflowId: string;
  bookedAt: number;
  /** What loadAppointmentSnapshot answers now (tests change it as the API would change the row). */
  snapshot: AppointmentSnapshot;
  /** The snapshot as it was at the booking. */
  atBooking: AppointmentSnapshot;
  handle: WorkflowHandle;
  signal(event: AppointmentEvent): Promise<void>;
  /** Cleanup: cancels the appointment unless its workflow has already closed (time skips on while the test ends). */
  cancelIfOpen(): Promise<void>;
}

/** Books as the API does: signalWithStart of the entity workflow with `appointment.booked`. */
async function book(startsAt: number, customer?: Partial<AppointmentSnapshot['customer']>): Promise<Booked> {
  const appointmentId = randomUUID();
  const snapshot = snapshotFor(appointmentId, startsAt, customer);
  appointments.set(appointmentId, snapshot);
  const bookedAt = await env.currentTimeMs();
  const workflowId = appointmentWorkflowId(TENANT, appointmentId);
  const handle = await env.client.workflow.signalWithStart(appointmentWorkflowType, {
    workflowId,
    taskQueue,
    args: [{ tenantId: TENANT, appointmentId }],
    signal: appointmentEventSignal,
    signalArgs: [{ type: 'appointment.booked', at: new Date(bookedAt).toISOString() }],
  });
  const signal = (event: AppointmentEvent) => handle.signal(appointmentEventSignal, event);
  const cancelIfOpen = async () => {
    try {
      await signal({ type: 'appointment.cancelled', at: new Date(await env.currentTimeMs()).toISOString(), data: { status: 'cancelled' } });
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  };
  return { appointmentId, workflowId, bookedAt, snapshot, atBooking: structuredClone(snapshot), handle, signal, cancelIfOpen };
}

const runIdOf = (booked: Booked, auto: TriggeredAutomation, event = 'appointment.booked', occurrence = 1) =>
  automationRunWorkflowId({ tenantId: TENANT, subjectId: booked.appointmentId, automationId: auto.automationId, event, occurrence });

/** Waits (real time, no skipping) for the run to exist, then for its result (time skips). */
async function finish(workflowId: string): Promise<AutomationRunResult> {
  const handle = env.client.workflow.getHandle(workflowId);
  for (let i = 0; ; i++) {
    try {
      await handle.describe();
      break;
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return handle.result();
}

/** Polls (real time, the server's clock stands still) until `done`. */
async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Skips forward to `at` (server time). */
async function skipTo(at: number): Promise<void> {
  const now = await env.currentTimeMs();
  if (at > now) await env.sleep(at - now);
}

interface ActionSeen {
  nodeId: string;
  status: string;
  key: unknown;
  at: number;
}

function interpreted(workflowId: string): ActionSeen[] {
  return [...(steps.get(workflowId)?.values() ?? [])]
    .filter((s) => s.input?.idempotencyKey !== undefined)
    .sort((a, b) => a.sequence - b.sequence)
    .map((s) => ({ nodeId: s.nodeId, status: s.status === 'succeeded' ? 'ok' : s.status, key: s.input?.idempotencyKey, at: Date.parse(s.startedAt) }));
}

function simulated(result: SimulationResult): ActionSeen[] {
  return result.actions.map((a) => ({ nodeId: a.nodeId, status: a.action?.status as string, key: a.action?.idempotencyKey, at: Date.parse(a.at) }));
}

/**
 * Same actions, outcomes and keys, at the same workflow time: to the second after timers; events
 * the test sends in real time reach the workflow a moment after the time the test read (more on
 * a loaded machine), hence `toleranceMs` for those.
 */
function expectSameTimeline(actual: ActionSeen[], predicted: ActionSeen[], toleranceMs = 1_000): void {
  expect(actual.map(({ at: _at, ...rest }) => rest)).toEqual(predicted.map(({ at: _at, ...rest }) => rest));
  actual.forEach((a, i) => expectNear(a.at, predicted[i]!.at, toleranceMs));
}

/**
 * The workflow clock of the task that runs after a timer is the timer's time plus the few
 * milliseconds the server took to hand out that task, even when time skips.
 */
function expectNear(actual: number, expected: number, toleranceMs = 1_000): void {
  expect(Math.abs(actual - expected)).toBeLessThan(toleranceMs);
}

/** The simulator's timeline for a run the booking started (or `trigger`, with the snapshot as it was then). */
function simulateBooked(
  booked: Booked,
  auto: TriggeredAutomation,
  events: SimulationEvent[] = [],
  trigger: { event: AppointmentEvent; snapshot: AppointmentSnapshot } = { event: { type: 'appointment.booked', at: new Date(booked.bookedAt).toISOString() }, snapshot: booked.atBooking },
  occurrence = 1,
): SimulationResult {
  const triggerEvent = trigger.event;
  return simulateTimeline({
    definition: auto.definition,
    context: runContextFor(trigger.snapshot, triggerEvent),
    startAt: Date.parse(triggerEvent.at),
    events,
    ids: { workflowId: booked.workflowId, automationId: auto.automationId, triggerKey: `${triggerEvent.type}:${occurrence}` },
  });
}

const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');

/** The next instant after `after` at which `zone` changes its UTC offset, in the given direction. */
function nextTransition(zone: string, after: number, direction: 'forward' | 'back'): DateTime {
  let t = DateTime.fromMillis(after, { zone }).startOf('hour');
  for (let i = 0; i < 2 * 366 * 24; i++) {
    const next = t.plus({ hours: 1 });
    if (next.offset !== t.offset && (next.offset > t.offset) === (direction === 'forward')) return next;
    t = next;
  }
  throw new Error(`no ${direction} transition in ${zone}`);
}

describe.each(['forward', 'back'] as const)('reminders across the DST change (%s)', (direction) => {
  test('the 24 h email keeps the local time of day; the 2 h SMS is 2 hours before, on the wall clock too', async () => {
    const auto = automation(reminders);
    active = [auto];
    const transition = nextTransition(NEW_YORK, (await env.currentTimeMs()) + 3 * DAY, direction);
    // 10:00 on the day the clocks change: 24 h earlier on the wall clock is 23 h (or 25 h) earlier in time.
    const startsAt = transition.set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const booked = await book(startsAt.toMillis());
    const result = await finish(runIdOf(booked, auto));
    expect(result).toMatchObject({ status: 'completed', endReason: 'end' });

    const actions = interpreted(runIdOf(booked, auto));
    const dayBefore = startsAt.minus({ days: 1 });
    expect(actions.map((a) => [a.nodeId, local(a.at, NEW_YORK)])).toEqual([
      ['email24', dayBefore.toFormat('yyyy-MM-dd 10:00')],
      ['sms2', startsAt.toFormat('yyyy-MM-dd 08:00')],
    ]);
    expectNear(startsAt.toMillis() - actions[0]!.at, direction === 'forward' ? 23 * HOUR : 25 * HOUR);
    expectNear(startsAt.toMillis() - actions[1]!.at, 2 * HOUR);
    expectSameTimeline(actions, simulated(simulateBooked(booked, auto)));
    await booked.signal({ type: 'appointment.completed', at: new Date(await env.currentTimeMs()).toISOString(), data: { status: 'completed' } });
  });
});

test('vaccination alerts at 9:00 in the recipient’s zone, before and after their DST change', async () => {
  const berlin = 'Europe/Berlin';
  const transition = nextTransition(berlin, (await env.currentTimeMs()) + 40 * DAY, 'forward');
  const expiresAt = transition.plus({ days: 10 }).set({ hour: 15, minute: 0 });
  const auto = automation(vaccinationExpiry);
  const now = await env.currentTimeMs();
  const context: RunContext = {
    tenant: { id: TENANT, name: 'Fern Grooming', timezone: NEW_YORK },
    customer: { id: randomUUID(), name: 'Jonas Weber', firstName: 'Jonas', phone: '+4915112345678', smsOptIn: true, timezone: berlin },
    vaccination: { id: randomUUID(), name: 'Rabies', petName: 'Bello', expiresAt: expiresAt.toUTC().toISO() as string },
    vars: {},
    event: { type: 'vaccination.recorded', at: new Date(now).toISOString() },
  } as RunContext;
  const workflowId = `run:${TENANT}:vaccination:${randomUUID()}`;
  const input: AutomationRunInput = {
    tenantId: TENANT,
    automationId: auto.automationId,
    version: 1,
    automationVersionId: auto.automationVersionId,
    definition: auto.definition,
    context,
    triggerEvent: 'vaccination.recorded',
  };
  const result: AutomationRunResult = await env.client.workflow.execute(automationRunWorkflowType, { workflowId, taskQueue, args: [input] });
  expect(result).toMatchObject({ status: 'completed', endReason: 'end' });

  const actions = interpreted(workflowId);
  const nineLocal = (days: number) => expiresAt.setZone(berlin).minus({ days }).set({ hour: 9, minute: 0 });
  expect(actions.map((a) => [a.nodeId, local(a.at, berlin)])).toEqual([
    ['a30', nineLocal(30).toFormat('yyyy-MM-dd HH:mm')],
    ['a14', nineLocal(14).toFormat('yyyy-MM-dd HH:mm')],
    ['a7', nineLocal(7).toFormat('yyyy-MM-dd HH:mm')],
  ]);
  // 9:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer.
  expect(actions.map((a) => DateTime.fromMillis(a.at, { zone: 'UTC' }).hour)).toEqual([8, 8, 7]);
  const predicted = simulateTimeline({ definition: auto.definition, context, startAt: now, ids: { workflowId, automationId: auto.automationId } });
  expectSameTimeline(actions, simulated(predicted));
});

describe('every seeded automation: the interpreter does what the simulator predicts', () => {
  test('booking confirmation', async () => {
    const auto = automation(bookingConfirmation);
    active = [auto];
    const booked = await book((await env.currentTimeMs()) + 5 * DAY);
    await finish(runIdOf(booked, auto));
    const actions = interpreted(runIdOf(booked, auto));
    expect(actions.map((a) => a.nodeId)).toEqual(['sms', 'email']);
    expectSameTimeline(actions, simulated(simulateBooked(booked, auto)));
    await booked.cancelIfOpen();
  });

  test('reminders, rescheduled once, then cancelled before the 2 h SMS', async () => {
    const auto = automation(reminders);
    active = [auto];
    const start = (await env.currentTimeMs()) + 5 * DAY;
    const booked = await book(start);
    const movedTo = start + 2 * DAY + 3 * HOUR;
    const movedAt = start - 3 * DAY;
    await skipTo(movedAt);
    booked.snapshot.appointment.startsAt = new Date(movedTo).toISOString();
    await booked.signal({ type: 'appointment.rescheduled', at: new Date(movedAt).toISOString(), data: { startsAt: new Date(movedTo).toISOString(), endsAt: new Date(movedTo + HOUR).toISOString() } });
    const cancelledAt = movedTo - 6 * HOUR;
    await skipTo(cancelledAt);
    await booked.signal({ type: 'appointment.cancelled', at: new Date(cancelledAt).toISOString(), data: { status: 'cancelled' } });
    const result = await finish(runIdOf(booked, auto));
    expect(result).toMatchObject({ endReason: 'goal' });

    const actions = interpreted(runIdOf(booked, auto));
    expect(actions.map((a) => a.nodeId)).toEqual(['email24']);
    expectNear(actions[0]!.at, movedTo - DAY);
    const predicted = simulateBooked(booked, auto, [
      { type: 'rescheduled', at: movedAt, startsAt: new Date(movedTo).toISOString() },
      { type: 'cancelled', at: cancelledAt },
    ]);
    expect(predicted.endedBy.reason).toBe('goal');
    expectSameTimeline(actions, simulated(predicted));
  });

  test('two-way confirmation: no answer → nudge once → tell the staff', async () => {
    const auto = automation(twoWayConfirm);
    active = [auto];
    const booked = await book((await env.currentTimeMs()) + 6 * DAY);
    const result = await finish(runIdOf(booked, auto));
    expect(result).toMatchObject({ endReason: 'end', endNodeId: 'endUnconfirmed' });
    const actions = interpreted(runIdOf(booked, auto));
    expect(actions.map((a) => a.nodeId)).toEqual(['ask', 'nudge', 'staffUnconfirmed']);
    expectNear(actions[1]!.at - actions[0]!.at, 12 * HOUR);
    expectSameTimeline(actions, simulated(simulateBooked(booked, auto)));
    await booked.cancelIfOpen();
  });

  test('no-show defense at its real 15 min grace', async () => {
    const auto = automation(noShowDefense);
    active = [auto];
    const start = (await env.currentTimeMs()) + 2 * DAY;
    const booked = await book(start);
    const result = await finish(runIdOf(booked, auto));
    expect(result).toMatchObject({ endReason: 'end', endNodeId: 'end' });
    const actions = interpreted(runIdOf(booked, auto));
    expect(actions.map((a) => a.nodeId)).toEqual(['mark', 'fee', 'rep', 'notice']);
    expectNear(actions[0]!.at, start + 15 * 60_000);
    expectSameTimeline(actions, simulated(simulateBooked(booked, auto)));
    // The run marked the no-show and told its appointment's workflow, which ends.
    expect(await booked.handle.result()).toMatchObject({ status: 'no_show' });
  });

  test('after the visit: on time → +5, then the thank-you 2 h later', async () => {
    const auto = automation(afterVisit);
    active = [auto];
    const start = (await env.currentTimeMs()) + DAY;
    const booked = await book(start);
    await skipTo(start + 70 * 60_000);
    const arrivedAt = new Date(start - 5 * 60_000).toISOString();
    const completedAt = new Date(await env.currentTimeMs()).toISOString();
    Object.assign(booked.snapshot.appointment, { status: 'completed', arrivedAt });
    const completed: AppointmentEvent = { type: 'appointment.completed', at: completedAt, data: { status: 'completed' } };
    await booked.signal(completed);
    const runId = runIdOf(booked, auto, 'appointment.completed');
    await finish(runId);
    const actions = interpreted(runId);
    expect(actions.map((a) => a.nodeId)).toEqual(['rep5', 'thanks']);
    expectNear(actions[1]!.at - actions[0]!.at, 2 * HOUR);
    expectSameTimeline(actions, simulated(simulateBooked(booked, auto, [], { event: completed, snapshot: booked.snapshot })));
    expect(await booked.handle.result()).toMatchObject({ status: 'completed' });
  });

  test.each([
    ['win-back', winBack(NEW_YORK)],
    ['birthday', birthday(NEW_YORK)],
  ])('%s (a scheduled run)', async (_name, definition) => {
    const auto = automation(definition);
    const now = await env.currentTimeMs();
    const context = {
      tenant: { id: TENANT, name: 'Fern Grooming', timezone: NEW_YORK },
      customer: { id: randomUUID(), name: 'Ada Byron', firstName: 'Ada', phone: '+12125550142', smsOptIn: true },
      vars: {},
      event: { type: 'schedule', at: new Date(now).toISOString() },
    } as RunContext;
    const workflowId = `run:${TENANT}:schedule:${randomUUID()}`;
    await env.client.workflow.execute(automationRunWorkflowType, {
      workflowId,
      taskQueue,
      args: [{ tenantId: TENANT, automationId: auto.automationId, version: 1, automationVersionId: auto.automationVersionId, definition, context, triggerEvent: 'schedule' }],
    });
    const predicted = simulateTimeline({ definition, context, startAt: now, ids: { workflowId, automationId: auto.automationId } });
    expect(predicted.actions.map((a) => a.nodeId)).toEqual(['sms']);
    expectSameTimeline(interpreted(workflowId), simulated(predicted));
  });
  test('two-way confirmation: X, accepted by the booking rules', async () => {
    const auto = automation(twoWayConfirm);
    active = [auto];
    // Booked 40 h ahead: the ask (48 h before, ifPast=continue) goes out at once.
    const start = (await env.currentTimeMs()) + 40 * HOUR;
    const booked = await book(start);
    const runId = runIdOf(booked, auto);
    await waitUntil(() => [...(steps.get(runId)?.values() ?? [])].some((s) => s.nodeId === 'reply' && s.status === 'waiting'));
    const repliedAt = await env.currentTimeMs();
    // As the API delivers an X within policy: the reply, then the cancel.
    await booked.signal({ type: 'message.received', at: new Date(repliedAt).toISOString(), data: { body: 'X', from: '+12125550142' } });
    booked.snapshot.appointment.status = 'cancelled';
    await booked.signal({ type: 'appointment.cancelled', at: new Date(repliedAt).toISOString(), data: { status: 'cancelled', reason: 'customer replied to cancel' } });
    const result = await finish(runId);
    expect(result).toMatchObject({ endReason: 'end', endNodeId: 'endCancelled' });
    const actions = interpreted(runId);
    expect(actions.map((a) => a.nodeId)).toEqual(['ask', 'staffCancelled']);
    expectSameTimeline(actions, simulated(simulateBooked(booked, auto, [{ type: 'reply', body: 'X', at: repliedAt }])), 5_000);
  });
});
