import { AutomationHarness, waitFor } from './automation-harness';
import { createActivities } from '../../activities';
import { Appointment, AutomationRun, Customer, NoShowRecord, Payment, ReputationEvent, RunStep } from '../../db/entities';
import { noShowDefense } from '../../db/seeders/automations/definitions';
import { createLogger } from '../../runtime/logger';
import { appointmentStateQuery, type AppointmentWorkflowState } from '../../workflows/appointment-contract';
import type { AutomationRunResult } from '../../workflows/automation-run-contract';
import { type AutomationDefinition, simulateTimeline } from '../../workflows/dsl';

/** The seeded no-show defense with a 3 s grace instead of 15 min. */
const definition: AutomationDefinition = {
  ...noShowDefense,
  nodes: noShowDefense.nodes.map((n) =>
    n.id === 'arrive' && n.type === 'waitForEvent' ? { ...n, data: { ...n.data, until: { anchor: 'appointment.startsAt', offset: 'PT3S' } } } : n,
  ),
};

const harness = new AutomationHarness();
let business: Awaited<ReturnType<AutomationHarness['createBusiness']>>;

beforeAll(async () => {
  await harness.start();
  business = await harness.createBusiness();
  await harness.publish(business.tenantId, definition);
}, 120_000);
afterAll(() => harness.stop());

async function runFor(appointmentId: string): Promise<AutomationRun> {
  return (await waitFor(
    () => harness.em(business.tenantId).findOne(AutomationRun, { appointmentId }),
    (run) => run !== null,
  )) as AutomationRun;
}

test('no check-in by start + grace: no-show, fee, reputation −20, notice — in that order, once', async () => {
  const { appointment, handle } = await harness.book(business, 2_000);
  const run = await runFor(appointment.id);
  const result: AutomationRunResult = await harness.runHandle(run.workflowId).result();
  expect(result).toMatchObject({ status: 'completed', endReason: 'end', endNodeId: 'end' });

  const em = harness.em(business.tenantId);
  const steps = await em.find(RunStep, { runId: run.id }, { orderBy: { sequence: 'asc' } });
  const actions = steps.filter((s) => ['updateAppointment', 'chargeNoShowFee', 'adjustReputation', 'sendSms'].includes(s.nodeType));
  expect(actions.map((s) => [s.nodeId, s.status])).toEqual([
    ['mark', 'succeeded'],
    ['fee', 'succeeded'],
    ['rep', 'succeeded'],
    ['notice', 'succeeded'],
  ]);
  for (let i = 1; i < actions.length; i++) expect(actions[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(actions[i - 1]!.endedAt!.getTime());
  expect(steps.find((s) => s.nodeId === 'arrive')).toMatchObject({ status: 'succeeded', exit: 'timeout' });

  // The simulator, given the same appointment and no check-in, predicts the same actions.
  const predicted = simulateTimeline({
    definition,
    context: { ...result.context, appointment: { ...result.context.appointment!, status: 'pending' } },
    startAt: run.startedAt.toISOString(),
  });
  expect(predicted.actions.map((a) => a.nodeId)).toEqual(actions.map((s) => s.nodeId));

  expect((await em.findOneOrFail(Appointment, { id: appointment.id })).status).toBe('no_show');
  const payments = await em.find(Payment, { appointmentId: appointment.id });
  expect(payments.map((p) => [p.kind, p.amountCents, p.status])).toEqual([['no_show_fee', 2500, 'pending']]);
  const records = await em.find(NoShowRecord, { appointmentId: appointment.id });
  expect(records.map((r) => [r.offenceNumber, r.feeCents, r.paymentId])).toEqual([[1, 2500, payments[0]!.id]]);
  const reputation = await em.find(ReputationEvent, { customerId: business.customerId });
  expect(reputation.map((r) => [r.delta, r.scoreAfter, r.reason])).toEqual([[-20, 80, 'no-show']]);
  const customer = await em.findOneOrFail(Customer, { id: business.customerId });
  expect([customer.reputationScore, customer.noShowCount]).toEqual([80, 1]);
  expect(harness.sent.filter((s) => s.appointmentId === appointment.id).map((s) => s.templateId)).toEqual(['no-show-notice-sms']);

  // Retried activities (a worker crash after the write) change nothing.
  const activities = createActivities({ orm: harness.orm, logger: createLogger({ level: 'warn', pretty: false }) });
  const fee = steps.find((s) => s.nodeId === 'fee')!;
  const rep = steps.find((s) => s.nodeId === 'rep')!;
  await activities.chargeNoShowFee({ tenantId: business.tenantId, appointmentId: appointment.id, mode: 'escalating', amountsCents: [2500, 3500, 5000], idempotencyKey: String(fee.input!.idempotencyKey) });
  await activities.adjustReputation({ tenantId: business.tenantId, customerId: business.customerId, appointmentId: appointment.id, delta: -20, reason: 'no-show', idempotencyKey: String(rep.input!.idempotencyKey) });
  const fresh = harness.em(business.tenantId);
  expect(await fresh.count(Payment, { appointmentId: appointment.id })).toBe(1);
  expect(await fresh.count(ReputationEvent, { customerId: business.customerId })).toBe(1);
  expect((await fresh.findOneOrFail(Customer, { id: business.customerId })).reputationScore).toBe(80);

  // The run told the entity workflow, which ends now that the appointment is final and its runs are done.
  const state: AppointmentWorkflowState = await handle.result();
  expect(state.status).toBe('no_show');
  expect(state.events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.no_show']);
});

test('a second no-show costs the next fee of the escalation', async () => {
  const { appointment } = await harness.book(business, 2_000);
  const run = await runFor(appointment.id);
  await harness.runHandle(run.workflowId).result();
  const em = harness.em(business.tenantId);
  const records = await em.find(NoShowRecord, { appointmentId: appointment.id });
  expect(records.map((r) => [r.offenceNumber, r.feeCents])).toEqual([[2, 3500]]);
  expect((await em.findOneOrFail(Customer, { id: business.customerId })).reputationScore).toBe(60);
});

test('a customer who checks in within the grace period is left alone', async () => {
  const { appointment, handle } = await harness.book(business, 2_000);
  const run = await runFor(appointment.id);
  await waitFor(() => handle.query(appointmentStateQuery), (s) => s.children.length === 1);
  await harness.change(appointment, { type: 'appointment.checked_in', at: new Date().toISOString() }, { status: 'checked_in', arrivedAt: new Date() });
  const result: AutomationRunResult = await harness.runHandle(run.workflowId).result();
  expect(result).toMatchObject({ status: 'completed', endNodeId: 'endArrived' });
  const em = harness.em(business.tenantId);
  expect(await em.count(NoShowRecord, { appointmentId: appointment.id })).toBe(0);
  expect((await em.findOneOrFail(Appointment, { id: appointment.id })).status).toBe('checked_in');
  expect(harness.sent.filter((s) => s.appointmentId === appointment.id)).toHaveLength(0);
});
