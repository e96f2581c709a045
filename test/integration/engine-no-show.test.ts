/**
 * Acceptance: no-show defense on the real stack, with the seeded automation republished through
 * the API with a 3 s grace instead of 15 min (the only change), the notice going out through
 * the real `twilio` client to the fake Twilio API.
 */
import { Appointment, Customer, NoShowRecord, Payment, ReputationEvent } from '../../db/entities';
import { noShowDefense } from '../../db/seeders/automations/definitions';
import type { AutomationDefinition } from '../../workflows/dsl';
import { sleep, waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

const GRACE = 'PT3S';
const shortGrace: AutomationDefinition = {
  ...noShowDefense,
  nodes: noShowDefense.nodes.map((n) =>
    n.id === 'arrive' && n.type === 'waitForEvent' ? { ...n, data: { ...n.data, until: { anchor: 'appointment.startsAt', offset: GRACE } } } : n,
  ),
};

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack();
  expect(await stack.publish('no-show-defense', shortGrace)).toBe(2);
}, 120_000);
afterAll(() => stack?.stop());

test('no check-in by start + grace: no-show, fee, reputation −20, notice — in that order, once', async () => {
  const guest = await stack.customer();
  const startsAt = new Date(Date.now() + 2_000);
  const appointment = await stack.book(guest.id, startsAt);
  const deadline = startsAt.getTime() + 3_000;

  const run = await stack.runOf(appointment.id, 'no-show-defense', (r) => r.status === 'completed', 30_000);
  expect(run).toMatchObject({ version: 2, endReason: 'end', currentNodeId: 'end' });
  const steps = await stack.steps(run.id);
  expect(steps.find((s) => s.nodeId === 'arrive')).toMatchObject({ status: 'succeeded', exit: 'timeout' });
  const actions = steps.filter((s) => ['mark', 'fee', 'rep', 'notice'].includes(s.nodeId));
  expect(actions.map((s) => [s.nodeId, s.status])).toEqual([
    ['mark', 'succeeded'],
    ['fee', 'succeeded'],
    ['rep', 'succeeded'],
    ['notice', 'succeeded'],
  ]);
  expect(actions[0]!.startedAt.getTime()).toBeGreaterThanOrEqual(deadline);
  for (let i = 1; i < actions.length; i++) expect(actions[i]!.startedAt.getTime()).toBeGreaterThanOrEqual(actions[i - 1]!.endedAt!.getTime());

  const em = stack.em();
  expect((await em.findOneOrFail(Appointment, { id: appointment.id })).status).toBe('no_show');
  expect((await stack.owner.api.get(`/api/appointments/${appointment.id}`)).body.status).toBe('no_show');
  const payments = await em.find(Payment, { appointmentId: appointment.id });
  expect(payments.map((p) => [p.kind, p.amountCents])).toEqual([['no_show_fee', 2500]]);
  expect((await em.find(NoShowRecord, { appointmentId: appointment.id })).map((r) => [r.offenceNumber, r.feeCents, r.paymentId])).toEqual([[1, 2500, payments[0]!.id]]);
  expect((await em.find(ReputationEvent, { customerId: guest.id })).map((r) => [r.delta, r.scoreAfter, r.reason])).toEqual([[-20, 80, 'no-show']]);
  expect((await em.findOneOrFail(Customer, { id: guest.id })).reputationScore).toBe(80);

  // The notice reached the provider after the fee and the reputation change, and only once.
  const notices = await waitFor(async () => stack.arrivalsTo(guest.phone).filter((a) => a.text.startsWith('Hi Ada, we missed you')), (list) => list.length === 1);
  expect(notices[0]!.at).toBeGreaterThanOrEqual(actions[2]!.endedAt!.getTime());
  expect(notices[0]!.text).toContain('Per our policy a no-show fee may apply.');

  // The run told the entity workflow, which ended with the appointment.
  expect(await stack.runHandle(appointment.workflowId).result()).toMatchObject({ status: 'no_show' });
  await sleep(2_000);
  expect(stack.arrivalsTo(guest.phone).filter((a) => a.text.startsWith('Hi Ada, we missed you'))).toHaveLength(1);
  expect(await em.count(Payment, { appointmentId: appointment.id })).toBe(1);

  // Every other run of the appointment ended with it: nothing pending for a no-show.
  const runs = await waitFor(() => stack.runs(appointment.id), (list) => list.every((r) => r.endedAt));
  expect(runs).toHaveLength(3);
  await stack.expectMatchesSimulation(run);
}, 60_000);

test('a customer who checks in within the grace is left alone', async () => {
  const guest = await stack.customer();
  const appointment = await stack.book(guest.id, new Date(Date.now() + 2_000));
  await stack.runOf(appointment.id, 'no-show-defense', (r) => r.status === 'waiting');
  const arrivedAt = Date.now();
  expect((await stack.owner.api.post(`/api/appointments/${appointment.id}/check-in`)).status).toBe(200);

  const run = await stack.runOf(appointment.id, 'no-show-defense', (r) => r.status === 'completed');
  expect(run).toMatchObject({ endReason: 'end', currentNodeId: 'endArrived' });
  await sleep(4_000);
  const em = stack.em();
  expect((await em.findOneOrFail(Appointment, { id: appointment.id })).status).toBe('checked_in');
  expect(await em.count(NoShowRecord, { appointmentId: appointment.id })).toBe(0);
  expect((await em.findOneOrFail(Customer, { id: guest.id })).reputationScore).toBe(100);
  expect(stack.arrivalsTo(guest.phone).filter((a) => a.text.startsWith('Hi Ada, we missed you'))).toEqual([]);
  await stack.expectMatchesSimulation(run, [{ type: 'checked_in', at: arrivedAt }]);
}, 60_000);
