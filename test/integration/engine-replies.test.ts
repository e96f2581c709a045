/**
 * Acceptance: two-way SMS on the real stack. Replies come in as signed Twilio webhooks; the
 * automations are the seeded ones (the demo set, with the two-way confirmation).
 */
import { AuditLog, Customer, Message } from '../../db/entities';
import { seedDefaultAutomations } from '../../db/seeders/automations/seed-default-automations';
import { sleep, waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

const HOUR = 3_600_000;

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack();
  await seedDefaultAutomations(stack.app.orm.em.fork(), stack.owner.tenant.id, { all: true });
}, 120_000);
afterAll(() => stack?.stop());

/** Books `startsInMs` ahead and waits until the two-way confirmation has asked and listens for the reply. */
async function bookAndAsk(startsInMs: number) {
  const guest = await stack.customer();
  const appointment = await stack.book(guest.id, new Date(Date.now() + startsInMs));
  const twoWay = await stack.runOf(appointment.id, 'two-way-confirm', (run) => run.currentNodeId === 'reply' && run.status === 'waiting');
  await waitFor(async () => stack.arrivalsTo(guest.phone).filter((a) => a.text.includes('Reply C to confirm')), (list) => list.length === 1);
  return { guest, appointment, twoWay };
}

const staffNotices = (appointmentId: string) =>
  stack.em().find(AuditLog, { action: 'automation.staff_notified', entityId: appointmentId }, { orderBy: { createdAt: 'asc' } });

test('replying X cancels the appointment: every run stops, the staff is told, nothing more is sent', async () => {
  const { guest, appointment, twoWay } = await bookAndAsk(30 * HOUR);
  await stack.runOf(appointment.id, 'booking-confirmation', (run) => run.status === 'completed');
  const repliedAt = Date.now();
  const answer = await stack.reply(guest.phone, 'X');
  expect(answer.status).toBe(200);
  expect(answer.text).toMatch(/<Message>Fern Grooming: Full groom on .* is cancelled\./);
  expect((await stack.owner.api.get(`/api/appointments/${appointment.id}`)).body).toMatchObject({ status: 'cancelled' });

  const runs = await waitFor(() => stack.runs(appointment.id), (list) => list.length === 4 && list.every((r) => r.endedAt));
  const ended = await stack.runOf(appointment.id, 'two-way-confirm');
  expect(ended).toMatchObject({ status: 'completed', endReason: 'end', currentNodeId: 'endCancelled' });
  expect(ended.path.slice(-5)).toEqual(['cancelAsked', 'settle', 'isCancelled', 'staffCancelled', 'endCancelled']);
  expect((await staffNotices(appointment.id)).map((n) => n.reason)).toEqual([expect.stringMatching(/^Ada Byron replied X: Full groom on .* is cancelled\.$/)]);
  expect(await stack.runHandle(appointment.workflowId).result()).toMatchObject({ status: 'cancelled' });

  await sleep(2_000);
  expect(stack.arrivalsTo(guest.phone).filter((a) => a.at >= repliedAt)).toEqual([]);
  expect((await stack.messages(appointment.id)).filter((m) => m.direction === 'outbound').map((m) => m.nodeId).sort()).toEqual(['ask', 'email', 'sms']);
  for (const run of runs) await stack.expectMatchesSimulation(run, [{ type: 'reply', body: 'X', at: repliedAt }]);
  expect(twoWay.automationVersionId).toBe(ended.automationVersionId);
}, 60_000);

test('an X refused inside the cancel window leaves the appointment booked, and the run follows its status', async () => {
  const { guest, appointment } = await bookAndAsk(10 * HOUR);
  const repliedAt = Date.now();
  const answer = await stack.reply(guest.phone, 'X');
  expect(answer.text).toMatch(/is less than 24 hours away, so it can&apos;t be cancelled by text/);
  expect((await stack.owner.api.get(`/api/appointments/${appointment.id}`)).body.status).toBe('pending');

  // The reply said "cancel", the booking rules said no: the staff hears the truth.
  const run = await stack.runOf(appointment.id, 'two-way-confirm', (r) => r.endedAt !== undefined && r.endedAt !== null, 45_000);
  expect(run).toMatchObject({ status: 'completed', endReason: 'end', currentNodeId: 'endRefused' });
  expect(run.path.slice(-4)).toEqual(['settle', 'isCancelled', 'staffRefused', 'endRefused']);
  expect((await staffNotices(appointment.id)).map((n) => n.reason)).toEqual([expect.stringMatching(/^Ada Byron replied X for Full groom on .*, inside the cancel window: it is still booked\./)]);
  const steps = await stack.steps(run.id);
  expect(steps.find((s) => s.nodeId === 'settle')).toMatchObject({ status: 'succeeded', exit: 'timeout' });
  expect(steps.find((s) => s.nodeId === 'isCancelled')).toMatchObject({ exit: 'false' });

  // The other runs are untouched: the reminders and the no-show watch still wait.
  expect((await stack.runOf(appointment.id, 'reminders')).status).toBe('waiting');
  expect((await stack.runOf(appointment.id, 'no-show-defense')).status).toBe('waiting');
  await stack.expectMatchesSimulation(run, [{ type: 'message.received', body: 'X', intent: 'cancel', channel: 'sms', at: new Date(repliedAt).toISOString() }]);
  await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`);
}, 90_000);

test('STOP: no further SMS to that number, and the run records why', async () => {
  const guest = await stack.customer();
  const startsAt = new Date(Date.now() + 2 * HOUR + 12_000);
  const appointment = await stack.book(guest.id, startsAt);
  await stack.runOf(appointment.id, 'booking-confirmation', (run) => run.status === 'completed');
  const reminders = await stack.runOf(appointment.id, 'reminders', (run) => run.currentNodeId === 'w2' && run.status === 'waiting');
  expect(reminders.nextWakeAt?.getTime()).toBe(startsAt.getTime() - 2 * HOUR);

  const stoppedAt = Date.now();
  const answer = await stack.reply(guest.phone, 'STOP');
  expect(answer.status).toBe(200);
  expect((await stack.em().findOneOrFail(Customer, { id: guest.id })).smsOptedOutAt).toBeInstanceOf(Date);

  const done = await stack.runOf(appointment.id, 'reminders', (run) => run.status === 'completed', 30_000);
  const step = (await stack.steps(done.id)).find((s) => s.nodeId === 'sms2')!;
  expect(step.status).toBe('skipped');
  expect(step.output).toMatchObject({ detail: expect.stringMatching(/opted_out/) });
  const row = await stack.em().findOneOrFail(Message, { appointmentId: appointment.id, nodeId: 'sms2' });
  expect(row).toMatchObject({ status: 'suppressed', errorCode: 'opted_out', provider: expect.any(String) });
  expect(row.providerMessageId ?? null).toBeNull();
  expect(stack.arrivalsTo(guest.phone).filter((a) => a.at >= stoppedAt)).toEqual([]);
  expect(stack.twilio.sendRequests.filter((r) => r.form.To === guest.phone).length).toBe(stack.arrivalsTo(guest.phone).length);

  // The email channel is not affected by an SMS STOP.
  expect((await stack.em().findOneOrFail(Customer, { id: guest.id })).emailOptIn).toBe(true);
  await stack.expectMatchesSimulation(done, [{ type: 'reply', body: 'STOP', at: stoppedAt }]);
  await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`);
}, 60_000);
