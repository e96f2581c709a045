import { AutomationHarness, sleep, waitFor } from './automation-harness';
import { AutomationRun, Message, RunStep } from '../../db/entities';
import { appointmentStateQuery } from '../../workflows/appointment-contract';
import {
  type AutomationRunResult,
  type AutomationRunView,
  automationRunQuery,
  automationRunWorkflowType,
  runEventSignal,
} from '../../workflows/automation-run-contract';
import type { AutomationDefinition } from '../../workflows/dsl';
import { edge, node } from '../../workflows/dsl/__fixtures__/definitions';

/** The seeded reminder, with an anchor offset short enough for a test: due 25 s before the start. */
function reminder(offset: string, templateId = 'reminder-2h-sms'): AutomationDefinition {
  return {
    schemaVersion: 1,
    name: 'Short reminder',
    trigger: { event: 'appointment.booked' },
    nodes: [
      node('t', 'trigger'),
      node('w', 'wait', { until: { anchor: 'appointment.startsAt', offset }, ifPast: 'skip' }),
      node('sms', 'sendSms', { templateId }),
      node('end', 'end'),
      node('cancelled', 'goal', { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } }),
    ],
    edges: [edge('t', 'w'), edge('w', 'sms'), edge('sms', 'end')],
  };
}

const harness = new AutomationHarness();

beforeAll(() => harness.start(), 120_000);
afterAll(() => harness.stop());

async function runOf(tenantId: string, appointmentId: string): Promise<AutomationRun> {
  return waitFor(
    () => harness.em(tenantId).findOne(AutomationRun, { appointmentId }),
    (run) => run !== null,
  ) as Promise<AutomationRun>;
}

test('a reminder fires once, at its time and not before', async () => {
  const business = await harness.createBusiness();
  await harness.publish(business.tenantId, reminder('-PT25S'));
  const { appointment, handle } = await harness.book(business, 30_000);
  const dueAt = appointment.startsAt.getTime() - 25_000;

  const run = await runOf(business.tenantId, appointment.id);
  const view = await waitFor(
    () => harness.runHandle(run.workflowId).query(automationRunQuery),
    (v: AutomationRunView) => v.status === 'waiting',
  );
  expect(view.nextWakeAt).toBe(new Date(dueAt).toISOString());
  expect(run.workflowId).toBe(`run:${business.tenantId}:${appointment.id}:${run.automationId}:appointment.booked:1`);

  const result: AutomationRunResult = await harness.runHandle(run.workflowId).result();
  expect(result).toMatchObject({ status: 'completed', endReason: 'end' });
  const sends = harness.sent.filter((s) => s.appointmentId === appointment.id);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.at).toBeGreaterThanOrEqual(dueAt);
  expect(sends[0]!.at - dueAt).toBeLessThan(3_000);
  expect(sends[0]!.idempotencyKey).toBe(`af:${appointment.workflowId}/${run.automationId}/appointment.booked:1/sms/1`);
  expect(harness.duplicates).toHaveLength(0);

  const em = harness.em(business.tenantId);
  const row = await em.findOneOrFail(AutomationRun, { id: run.id });
  expect(row).toMatchObject({ status: 'completed', currentNodeId: 'end', path: ['t', 'w', 'sms', 'end'], version: 1 });
  const steps = await em.find(RunStep, { runId: run.id }, { orderBy: { sequence: 'asc' } });
  expect(steps.map((s) => [s.sequence, s.nodeId, s.status, s.exit ?? null])).toEqual([
    [0, 't', 'succeeded', 'next'],
    [1, 'w', 'succeeded', 'next'],
    [2, 'sms', 'succeeded', 'next'],
    [3, 'end', 'succeeded', null],
  ]);
  expect(steps[2]!.input).toMatchObject({ templateId: 'reminder-2h-sms', idempotencyKey: sends[0]!.idempotencyKey });

  // The appointment is still upcoming: its workflow waits for the next event.
  const parent = await handle.query(appointmentStateQuery);
  expect(parent.children).toEqual([expect.objectContaining({ workflowId: run.workflowId, finished: true, version: 1 })]);
});

test('rescheduling moves the pending reminder', async () => {
  const business = await harness.createBusiness();
  await harness.publish(business.tenantId, reminder('-PT25S'));
  const { appointment } = await harness.book(business, 30_000);
  const run = await runOf(business.tenantId, appointment.id);
  await waitFor(() => harness.runHandle(run.workflowId).query(automationRunQuery), (v: AutomationRunView) => v.status === 'waiting');

  const startsAt = new Date(appointment.startsAt.getTime() + 10_000);
  const endsAt = new Date(startsAt.getTime() + 3_600_000);
  await harness.change(
    appointment,
    { type: 'appointment.rescheduled', at: new Date().toISOString(), data: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } },
    { startsAt, endsAt },
  );
  const newDue = startsAt.getTime() - 25_000;
  const moved = await waitFor(
    () => harness.runHandle(run.workflowId).query(automationRunQuery),
    (v: AutomationRunView) => v.nextWakeAt === new Date(newDue).toISOString(),
  );
  expect(moved.context.appointment?.startsAt).toBe(startsAt.toISOString());

  await harness.runHandle(run.workflowId).result();
  const sends = harness.sent.filter((s) => s.appointmentId === appointment.id);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.at).toBeGreaterThanOrEqual(newDue);
});

test('cancelling ends the run through its goal: nothing is sent', async () => {
  const business = await harness.createBusiness();
  await harness.publish(business.tenantId, reminder('-PT25S'));
  const { appointment, handle } = await harness.book(business, 30_000);
  const run = await runOf(business.tenantId, appointment.id);
  await waitFor(() => harness.runHandle(run.workflowId).query(automationRunQuery), (v: AutomationRunView) => v.status === 'waiting');

  await harness.change(appointment, { type: 'appointment.cancelled', at: new Date().toISOString(), data: { status: 'cancelled', reason: 'sick pet' } }, { status: 'cancelled' });
  const result: AutomationRunResult = await harness.runHandle(run.workflowId).result();
  expect(result).toMatchObject({ status: 'completed', endReason: 'goal', endNodeId: 'cancelled' });
  // The entity workflow ends with its last child.
  expect((await handle.result()).status).toBe('cancelled');

  const em = harness.em(business.tenantId);
  expect(await em.findOneOrFail(AutomationRun, { id: run.id })).toMatchObject({ status: 'completed', endReason: 'goal', nextWakeAt: null });
  const steps = await em.find(RunStep, { runId: run.id }, { orderBy: { sequence: 'asc' } });
  expect(steps.map((s) => [s.nodeId, s.status])).toEqual([
    ['t', 'succeeded'],
    ['w', 'skipped'],
    ['cancelled', 'succeeded'],
  ]);
  await sleep(Math.max(0, appointment.startsAt.getTime() - 25_000 - Date.now()) + 1_000);
  expect(harness.sent.filter((s) => s.appointmentId === appointment.id)).toHaveLength(0);
  expect(await em.count(Message, { appointmentId: appointment.id })).toBe(0);
});

test('v2 published while v1 runs: the v1 run finishes on v1, new appointments get v2', async () => {
  const business = await harness.createBusiness();
  const { automationId } = await harness.publish(business.tenantId, reminder('-PT25S', 'reminder-2h-sms'));
  const first = await harness.book(business, 30_000);
  const firstRun = await runOf(business.tenantId, first.appointment.id);
  await waitFor(() => harness.runHandle(firstRun.workflowId).query(automationRunQuery), (v: AutomationRunView) => v.status === 'waiting');

  expect(await harness.publishVersion(business.tenantId, automationId, reminder('-PT28S', 'booking-confirmation-sms'))).toBe(2);
  const second = await harness.book(business, 30_000);
  const secondRun = await runOf(business.tenantId, second.appointment.id);

  const [firstResult, secondResult] = await Promise.all([
    harness.runHandle(firstRun.workflowId).result() as Promise<AutomationRunResult>,
    harness.runHandle(secondRun.workflowId).result() as Promise<AutomationRunResult>,
  ]);
  expect(firstResult.status).toBe('completed');
  expect(secondResult.status).toBe('completed');
  expect(firstRun.version).toBe(1);
  expect(secondRun.version).toBe(2);
  const sentFor = (id: string) => harness.sent.filter((s) => s.appointmentId === id).map((s) => s.templateId);
  expect(sentFor(first.appointment.id)).toEqual(['reminder-2h-sms']);
  expect(sentFor(second.appointment.id)).toEqual(['booking-confirmation-sms']);
  const firstSend = harness.sent.find((s) => s.appointmentId === first.appointment.id)!;
  expect(firstSend.at).toBeGreaterThanOrEqual(first.appointment.startsAt.getTime() - 25_000);
});

test('continue-as-new keeps the position, the variables and the send keys', async () => {
  const business = await harness.createBusiness();
  const definition: AutomationDefinition = {
    schemaVersion: 1,
    name: 'Three pings',
    trigger: { event: 'manual' },
    nodes: [
      node('t', 'trigger'),
      node('init', 'setVariable', { name: 'count', value: 0 }),
      node('more', 'condition', { rule: { '<': [{ var: 'vars.count' }, 3] } }),
      node('w', 'wait', { duration: 'PT1S' }),
      node('inc', 'setVariable', { name: 'count', value: { '+': [{ var: 'vars.count' }, 1] } }),
      node('ping', 'sendSms', { templateId: 'reminder-2h-sms' }),
      node('end', 'end'),
    ],
    edges: [edge('t', 'init'), edge('init', 'more'), edge('more', 'w', 'true'), edge('more', 'end', 'false'), edge('w', 'inc'), edge('inc', 'ping'), edge('ping', 'more')],
  };
  const { automationId, versionId } = await harness.publish(business.tenantId, definition);
  const workflowId = `run:${business.tenantId}:manual:${automationId}:cas`;
  const handle = await harness.client.workflow.start(automationRunWorkflowType, {
    workflowId,
    taskQueue: harness.taskQueue,
    args: [
      {
        tenantId: business.tenantId,
        automationId,
        version: 1,
        automationVersionId: versionId,
        definition,
        context: {
          tenant: { id: business.tenantId, timezone: 'America/New_York' },
          customer: { id: business.customerId, smsOptIn: true },
          vars: {},
          event: { type: 'manual', at: new Date().toISOString() },
        },
        triggerEvent: 'manual',
        historyLimit: 25,
      },
    ],
  });
  // An event that arrives mid-run is carried over with the rest of the state.
  await sleep(1_500);
  await handle.signal(runEventSignal, { type: 'payment.received', at: new Date().toISOString(), data: { amountCents: 100 } });

  const result: AutomationRunResult = await handle.result();
  expect(result).toMatchObject({ status: 'completed', endReason: 'end' });
  expect(result.context.vars).toEqual({ count: 3 });
  expect(result.context.lastEvent).toMatchObject({ type: 'payment.received' });
  expect(result.path).toEqual(['t', 'init', 'more', 'w', 'inc', 'ping', 'more', 'w', 'inc', 'ping', 'more', 'w', 'inc', 'ping', 'more', 'end']);
  const description = await handle.describe();
  expect(description.runId).not.toBe(description.raw.workflowExecutionInfo?.firstRunId);

  const keys = harness.sent.filter((s) => s.customerId === business.customerId).map((s) => s.idempotencyKey);
  expect(keys).toEqual([1, 2, 3].map((n) => `af:${workflowId}/${automationId}/ping/${n}`));
  const em = harness.em(business.tenantId);
  const row = await em.findOneOrFail(AutomationRun, { workflowId });
  expect(row.status).toBe('completed');
  const steps = await em.find(RunStep, { runId: row.id }, { orderBy: { sequence: 'asc' } });
  expect(steps.map((s) => s.sequence)).toEqual([...Array(16).keys()]);
});

test('a send held back by quiet hours goes out when they end, unless the appointment is cancelled meanwhile', async () => {
  const business = await harness.createBusiness();
  await harness.publish(business.tenantId, {
    schemaVersion: 1,
    name: 'Instant SMS',
    trigger: { event: 'appointment.booked' },
    nodes: [
      node('t', 'trigger'),
      node('sms', 'sendSms', { templateId: 'booking-confirmation-sms' }),
      node('end', 'end'),
      node('cancelled', 'goal', { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } }),
    ],
    edges: [edge('t', 'sms'), edge('sms', 'end')],
  });
  harness.quietUntil = new Date(Date.now() + 4_000);
  const kept = await harness.book(business, 3_600_000);
  const dropped = await harness.book(business, 3_600_000);
  const keptRun = await runOf(business.tenantId, kept.appointment.id);
  const droppedRun = await runOf(business.tenantId, dropped.appointment.id);
  const held = await waitFor(() => harness.runHandle(keptRun.workflowId).query(automationRunQuery), (v: AutomationRunView) => v.status === 'waiting');
  expect(held).toMatchObject({ currentNodeId: 'sms', nextWakeAt: harness.quietUntil.toISOString() });
  await waitFor(() => harness.runHandle(droppedRun.workflowId).query(automationRunQuery), (v: AutomationRunView) => v.status === 'waiting');
  await harness.change(dropped.appointment, { type: 'appointment.cancelled', at: new Date().toISOString(), data: { status: 'cancelled' } }, { status: 'cancelled' });

  const [keptResult, droppedResult] = await Promise.all([
    harness.runHandle(keptRun.workflowId).result() as Promise<AutomationRunResult>,
    harness.runHandle(droppedRun.workflowId).result() as Promise<AutomationRunResult>,
  ]);
  expect(keptResult).toMatchObject({ endReason: 'end' });
  expect(droppedResult).toMatchObject({ endReason: 'goal' });
  const keptSends = harness.sent.filter((s) => s.appointmentId === kept.appointment.id);
  expect(keptSends).toHaveLength(1);
  expect(keptSends[0]!.at).toBeGreaterThanOrEqual(harness.quietUntil.getTime());
  expect(harness.sent.filter((s) => s.appointmentId === dropped.appointment.id)).toHaveLength(0);
  harness.quietUntil = undefined;
});

test('a run cancelled from outside (executions API) is recorded as cancelled and releases its appointment', async () => {
  const business = await harness.createBusiness();
  await harness.publish(business.tenantId, reminder('-PT25S'));
  const { appointment, handle } = await harness.book(business, 30_000);
  const run = await runOf(business.tenantId, appointment.id);
  await waitFor(() => harness.runHandle(run.workflowId).query(automationRunQuery), (v: AutomationRunView) => v.status === 'waiting');

  await harness.runHandle(run.workflowId).cancel();
  await expect(harness.runHandle(run.workflowId).result()).rejects.toThrow();
  const row = await waitFor(() => harness.em(business.tenantId).findOneOrFail(AutomationRun, { id: run.id }), (r) => r.status === 'cancelled');
  expect(row).toMatchObject({ currentNodeId: 'w', nextWakeAt: null, error: 'cancelled' });
  expect(row.endedAt).toBeInstanceOf(Date);
  const parent = await waitFor(() => handle.query(appointmentStateQuery), (s) => s.children.every((c) => c.finished));
  expect(parent.children).toHaveLength(1);
  expect(harness.sent.filter((s) => s.appointmentId === appointment.id)).toHaveLength(0);
});
