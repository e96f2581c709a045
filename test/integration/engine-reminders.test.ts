/**
 * Acceptance: reminders on the real stack. Bookings go through POST /api/appointments on a
 * business signed up through the API (so with the seeded automations); every message goes
 * through the real `twilio` client and nodemailer to the fake Twilio API and the local SMTP server.
 */
import { seedDefaultAutomations } from '../../db/seeders/automations/seed-default-automations';
import { appointmentStateQuery } from '../../workflows/appointment-contract';
import { sleep, waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How late a message may reach the provider after its due time on a loaded 2-core machine. */
const LATE_MS = 3_000;

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack();
}, 120_000);
afterAll(() => stack?.stop());

const reminderEmailsTo = (email: string) => stack.arrivalsTo(email).filter((a) => a.text.startsWith('Tomorrow:'));

test('booked 24 h + 5 s ahead: the 24 h reminder reaches the provider about 5 s later, not before, and once', async () => {
  const guest = await stack.customer();
  const startsAt = new Date(Date.now() + DAY + 5_000);
  const appointment = await stack.book(guest.id, startsAt);
  const dueAt = startsAt.getTime() - DAY;

  // The confirmation goes out at once, by SMS and by email with the invitation attached.
  await waitFor(async () => stack.arrivalsTo(guest.phone).length + stack.arrivalsTo(guest.email).length, (n) => n >= 2);
  expect(stack.arrivalsTo(guest.phone).map((a) => a.text)).toEqual([expect.stringMatching(/^Hi Ada, you're booked at Fern Grooming: Full groom on /)]);
  const confirmation = stack.smtp.messages.find((m) => m.to.includes(guest.email))!;
  expect(confirmation.subject).toBe('Booked: Full groom at Fern Grooming');
  expect(confirmation.attachments.some((part) => part.contentType === 'text/calendar')).toBe(true);
  expect(reminderEmailsTo(guest.email)).toEqual([]);

  const reminders = await stack.runOf(appointment.id, 'reminders', (run) => run.status === 'waiting');
  expect(reminders.nextWakeAt?.getTime()).toBe(dueAt);

  const [reminder] = await waitFor(async () => reminderEmailsTo(guest.email), (list) => list.length > 0, 15_000);
  expect(reminder!.at).toBeGreaterThanOrEqual(dueAt);
  expect(reminder!.at - dueAt).toBeLessThan(LATE_MS);
  const mail = stack.smtp.messages.find((m) => m.subject.startsWith('Tomorrow:') && m.to.includes(guest.email))!;
  expect(mail.text).toContain('is tomorrow');

  // Once: nothing more arrives, and the run now waits for the 2 h SMS.
  await sleep(3_000);
  expect(reminderEmailsTo(guest.email)).toHaveLength(1);
  const waiting = await stack.runOf(appointment.id, 'reminders', (run) => run.currentNodeId === 'w2');
  expect(waiting.nextWakeAt?.getTime()).toBe(startsAt.getTime() - 2 * HOUR);
  const rows = (await stack.messages(appointment.id)).filter((m) => m.nodeId === 'email24');
  expect(rows.map((m) => [m.channel, m.status, m.provider])).toEqual([['email', 'sent', 'smtp']]);

  // The interpreter did what the simulator predicts, at the predicted times.
  await stack.expectMatchesSimulation(waiting);
  await stack.expectMatchesSimulation(await stack.runOf(appointment.id, 'booking-confirmation', (run) => run.status === 'completed'));
  await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`);
}, 60_000);

test('rescheduling moves the reminder; cancelling stops every pending send', async () => {
  const moved = await stack.customer();
  const cancelled = await stack.customer();
  const startsAt = new Date(Date.now() + DAY + 7_000);
  const [movedAppointment, cancelledAppointment] = await Promise.all([stack.book(moved.id, startsAt), stack.book(cancelled.id, startsAt)]);
  const oldDue = startsAt.getTime() - DAY;
  await Promise.all([
    stack.runOf(movedAppointment.id, 'reminders', (run) => run.status === 'waiting'),
    stack.runOf(cancelledAppointment.id, 'reminders', (run) => run.status === 'waiting'),
    stack.runOf(cancelledAppointment.id, 'no-show-defense', (run) => run.status === 'waiting'),
    // The confirmation is on its way already; what the cancel must stop is what is still pending.
    stack.runOf(cancelledAppointment.id, 'booking-confirmation', (run) => run.status === 'completed'),
  ]);

  const newStart = new Date(startsAt.getTime() + 8_000);
  const rescheduledAt = Date.now();
  expect((await stack.owner.api.patch(`/api/appointments/${movedAppointment.id}`, { startsAt: newStart.toISOString(), override: true })).status).toBe(200);
  const cancelledAt = Date.now();
  expect((await stack.owner.api.post(`/api/appointments/${cancelledAppointment.id}/cancel`, { reason: 'pet is unwell' })).status).toBe(200);
  const newDue = newStart.getTime() - DAY;
  const waiting = await stack.runOf(movedAppointment.id, 'reminders', (run) => run.nextWakeAt?.getTime() === newDue);
  expect(waiting.status).toBe('waiting');

  // Past the old time: nothing for either of them.
  await sleep(Math.max(0, oldDue + 2_000 - Date.now()));
  expect(reminderEmailsTo(moved.email)).toEqual([]);
  const [reminder] = await waitFor(async () => reminderEmailsTo(moved.email), (list) => list.length > 0, 15_000);
  expect(reminder!.at).toBeGreaterThanOrEqual(newDue);
  expect(reminder!.at - newDue).toBeLessThan(LATE_MS);
  await sleep(2_000);
  expect(reminderEmailsTo(moved.email)).toHaveLength(1);

  // The cancelled appointment: every run has ended, its workflow is closed, nothing was sent after the cancel.
  const runs = await waitFor(() => stack.runs(cancelledAppointment.id), (list) => list.length === 3 && list.every((r) => r.endedAt));
  const endings = await Promise.all(runs.map(async (run) => [(await stack.automationKeyOf(run.automationId)), run.status, run.endReason, run.nextWakeAt ?? null]));
  expect(endings.sort()).toEqual(
    [
      ['booking-confirmation', 'completed', 'end', null],
      ['no-show-defense', 'completed', 'end', null],
      ['reminders', 'completed', 'goal', null],
    ].sort(),
  );
  const state = await stack.runHandle(cancelledAppointment.workflowId).result();
  expect(state).toMatchObject({ status: 'cancelled' });
  expect(stack.arrivalsTo(cancelled.phone).concat(stack.arrivalsTo(cancelled.email)).filter((a) => a.at > cancelledAt)).toEqual([]);
  expect((await stack.messages(cancelledAppointment.id)).map((m) => m.nodeId).sort()).toEqual(['email', 'sms']);

  // The simulator, told the same story, predicts the same.
  const movedRun = await stack.runOf(movedAppointment.id, 'reminders');
  await stack.expectMatchesSimulation(movedRun, [{ type: 'rescheduled', at: rescheduledAt, startsAt: newStart.toISOString() }]);
  for (const run of runs) await stack.expectMatchesSimulation(run, [{ type: 'cancelled', at: cancelledAt }]);
  await stack.owner.api.post(`/api/appointments/${movedAppointment.id}/cancel`);
}, 90_000);

test('booked 10 minutes ahead: the confirmation still goes out; reminders already past follow ifPast', async () => {
  // The demo set adds the two-way confirmation, whose ask is `ifPast: continue`.
  await seedDefaultAutomations(stack.app.orm.em.fork(), stack.owner.tenant.id, { all: true });
  const guest = await stack.customer();
  const appointment = await stack.book(guest.id, new Date(Date.now() + 10 * 60_000));

  const confirmation = await stack.runOf(appointment.id, 'booking-confirmation', (run) => run.status === 'completed');
  const reminders = await stack.runOf(appointment.id, 'reminders', (run) => run.status === 'completed');
  const twoWay = await stack.runOf(appointment.id, 'two-way-confirm', (run) => run.currentNodeId === 'reply');
  await waitFor(async () => stack.arrivalsTo(guest.phone).length, (n) => n === 2);
  const texts = stack.arrivalsTo(guest.phone).map((a) => a.text).sort();
  expect(texts).toEqual([expect.stringMatching(/^Hi Ada, please confirm Full groom/), expect.stringMatching(/^Hi Ada, you're booked/)]);
  expect(stack.arrivalsTo(guest.email).map((a) => a.text)).toEqual(['Booked: Full groom at Fern Grooming']);

  // ifPast=skip: the 24 h email and the 2 h SMS are recorded as skipped, never sent.
  const steps = await stack.steps(reminders.id);
  expect(steps.map((s) => [s.nodeId, s.status])).toEqual([
    ['t', 'succeeded'],
    ['w24', 'succeeded'],
    ['email24', 'skipped'],
    ['w2', 'succeeded'],
    ['sms2', 'skipped'],
    ['end', 'succeeded'],
  ]);
  expect(steps.find((s) => s.nodeId === 'w24')?.output).toMatchObject({ detail: expect.stringMatching(/had already passed; ifPast=skip$/) });
  // ifPast=continue: asked at once, late rather than never.
  expect((await stack.steps(twoWay.id)).find((s) => s.nodeId === 'w48')?.output).toMatchObject({ detail: expect.stringMatching(/ifPast=continue$/) });
  const parent = await stack.runHandle(appointment.workflowId).query(appointmentStateQuery);
  expect(parent.children.map((c) => c.event)).toEqual(Array(4).fill('appointment.booked'));

  for (const run of [confirmation, reminders, twoWay]) await stack.expectMatchesSimulation(run);
  await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`);
}, 60_000);
