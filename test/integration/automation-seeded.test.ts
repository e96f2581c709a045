import { AutomationHarness, waitFor } from './automation-harness';
import { Automation, AutomationRun, AutomationVersion, RunStep } from '../../db/entities';
import { seedDefaultAutomations } from '../../db/seeders/automations/seed-default-automations';
import { type AppointmentWorkflowState, appointmentStateQuery } from '../../workflows/appointment-contract';

const harness = new AutomationHarness();

beforeAll(() => harness.start(), 120_000);
afterAll(() => harness.stop());

test('a new tenant gets confirmation, reminders and no-show defense published; the demo gets all; twice is harmless', async () => {
  const business = await harness.createBusiness();
  const em = harness.em(business.tenantId);
  const created = await seedDefaultAutomations(em, business.tenantId);
  expect(created.map((c) => c.key)).toEqual(['booking-confirmation', 'reminders', 'no-show-defense']);
  expect(await seedDefaultAutomations(harness.em(business.tenantId), business.tenantId)).toEqual([]);
  const all = await seedDefaultAutomations(harness.em(business.tenantId), business.tenantId, { all: true });
  expect(all.map((c) => c.key)).toEqual(['two-way-confirm', 'after-visit', 'win-back', 'birthday', 'vaccination-expiry']);

  const automations = await harness.em(business.tenantId).find(Automation, {}, { orderBy: { templateKey: 'asc' } });
  expect(automations).toHaveLength(8);
  for (const automation of automations) {
    expect(automation).toMatchObject({ status: 'active', publishedVersion: 1 });
    const version = await harness.em(business.tenantId).findOneOrFail(AutomationVersion, { id: automation.publishedVersionId! });
    expect(version.definition).toEqual(automation.draft);
  }
});

test('an appointment booked 10 minutes ahead gets its confirmation; reminders already past are skipped', async () => {
  const business = await harness.createBusiness();
  await seedDefaultAutomations(harness.em(business.tenantId), business.tenantId);
  const { appointment, handle } = await harness.book(business, 10 * 60_000);

  const state = await waitFor(() => handle.query(appointmentStateQuery), (s: AppointmentWorkflowState) => s.children.length === 3);
  const runs = await waitFor(
    () => harness.em(business.tenantId).find(AutomationRun, { appointmentId: appointment.id }),
    (rows) => rows.filter((r) => r.status === 'completed').length === 2 && rows.some((r) => r.status === 'waiting'),
  );
  const sent = harness.sent.filter((s) => s.appointmentId === appointment.id);
  expect(sent.map((s) => [s.channel, s.templateId, s.attachIcs ?? false])).toEqual([
    ['sms', 'booking-confirmation-sms', false],
    ['email', 'booking-confirmation-email', true],
  ]);

  const reminders = runs.find((r) => r.path.includes('w24'))!;
  const steps = await harness.em(business.tenantId).find(RunStep, { runId: reminders.id }, { orderBy: { sequence: 'asc' } });
  expect(steps.map((s) => [s.nodeId, s.status])).toEqual([
    ['t', 'succeeded'],
    ['w24', 'succeeded'],
    ['email24', 'skipped'],
    ['w2', 'succeeded'],
    ['sms2', 'skipped'],
    ['end', 'succeeded'],
  ]);
  const noShow = runs.find((r) => r.status === 'waiting')!;
  expect(noShow).toMatchObject({ currentNodeId: 'arrive' });
  expect(noShow.nextWakeAt?.getTime()).toBe(appointment.startsAt.getTime() + 15 * 60_000);

  // Cancelling releases the no-show watch, and the entity workflow ends with it.
  await harness.change(appointment, { type: 'appointment.cancelled', at: new Date().toISOString(), data: { status: 'cancelled' } }, { status: 'cancelled' });
  const final: AppointmentWorkflowState = await handle.result();
  expect(final.children.every((c) => c.finished)).toBe(true);
  expect(state.children.map((c) => c.event)).toEqual(['appointment.booked', 'appointment.booked', 'appointment.booked']);
  expect(harness.sent.filter((s) => s.appointmentId === appointment.id)).toHaveLength(2);
});
