/**
 * A run retried through the executions API is the appointment's run again: its appointment
 * workflow adopts it, so a reschedule still moves its wait and a cancel still ends it — also when
 * the appointment workflow had already ended and the retry has to start it again.
 */
import { AutomationRun, MessageTemplate } from '../../db/entities';
import { appointmentStateQuery, type AppointmentWorkflowState } from '../../workflows/appointment-contract';
import { waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const position = { x: 0, y: 0 };
const n = (id: string, type: string, data: Record<string, unknown> = {}) => ({ id, type, position, data });
const e = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack();
  for (const key of ['booking-confirmation', 'reminders', 'no-show-defense']) await stack.pause(key);
}, 120_000);
afterAll(() => stack?.stop());

/** trigger → SMS → wait until 1 h before the start → SMS → end; a cancel ends it (goal). */
async function publishTextThenRemind(templateKey: string): Promise<{ automationId: string; templateId: string }> {
  const template = await stack.owner.api.post('/api/templates', { key: templateKey, name: 'Retry me', channel: 'sms', body: 'See you soon {{customer.firstName}}' });
  expect(template.status).toBe(201);
  const definition = {
    schemaVersion: 1,
    name: `Text then remind (${templateKey})`,
    trigger: { event: 'appointment.booked' },
    nodes: [
      n('t', 'trigger'),
      n('hello', 'sendSms', { templateId: templateKey }),
      n('w', 'wait', { until: { anchor: 'appointment.startsAt', offset: '-PT1H' }, ifPast: 'skip' }),
      n('remind', 'sendSms', { templateId: templateKey }),
      n('end', 'end'),
      n('stop', 'goal', { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } }),
    ],
    edges: [e('t', 'hello'), e('hello', 'w'), e('w', 'remind'), e('remind', 'end')],
  };
  const created = await stack.owner.api.post('/api/automations', { name: definition.name, definition });
  expect((await stack.owner.api.post(`/api/automations/${created.body.id}/publish`)).status).toBe(201);
  return { automationId: created.body.id, templateId: template.body.id };
}

/** Books with the template gone (deleted behind the api's back): the first send fails for good. */
async function bookIntoFailure(automationId: string, templateId: string) {
  await stack.em().nativeDelete(MessageTemplate, { id: templateId });
  const guest = await stack.customer();
  const appointment = await stack.book(guest.id, new Date(Date.now() + 3 * DAY));
  const failed = await waitFor(() => stack.em().findOne(AutomationRun, { appointmentId: appointment.id, automationId }), (run) => run?.status === 'failed');
  expect(failed).toMatchObject({ endReason: 'actionFailed', currentNodeId: 'hello', error: expect.stringContaining('TemplateNotFound') });
  return { guest, appointment, run: failed as AutomationRun };
}

const parentState = (workflowId: string) => stack.runHandle(workflowId).query(appointmentStateQuery);
const childOf = (state: AppointmentWorkflowState, workflowId: string) => state.children.find((c) => c.workflowId === workflowId);

async function restoreTemplateAndRetry(templateKey: string, runId: string): Promise<void> {
  await stack.owner.api.post('/api/templates', { key: templateKey, name: 'Retry me', channel: 'sms', body: 'See you soon {{customer.firstName}}' });
  const retried = await stack.owner.api.post(`/api/executions/${runId}/retry`);
  expect(retried.status).toBe(202);
}

test('a retried run still gets the reschedule and the cancel of its appointment', async () => {
  const { automationId, templateId } = await publishTextThenRemind('retry-adopt-sms');
  const { guest, appointment, run } = await bookIntoFailure(automationId, templateId);
  // The failed run has left its appointment's workflow, which goes on (the appointment is pending).
  await waitFor(() => parentState(appointment.workflowId), (s) => childOf(s, run.workflowId)?.finished === true);

  await restoreTemplateAndRetry('retry-adopt-sms', run.id);
  const detail = () => stack.owner.api.get(`/api/executions/${run.id}`).then((res) => res.body);
  const atWait = await waitFor(detail, (d) => d.status === 'waiting' && d.currentNodeId === 'w');
  expect(Date.parse(atWait.nextWakeAt)).toBe(Date.parse(appointment.startsAt) - HOUR);
  expect(stack.arrivalsTo(guest.phone).map((a) => a.text)).toEqual(['See you soon Ada']);
  const adopted = childOf(await parentState(appointment.workflowId), run.workflowId);
  expect(adopted).toMatchObject({ finished: false, retries: 1 });

  // The reschedule reaches the retried run: its wait moves with the appointment.
  const newStart = new Date(Date.parse(appointment.startsAt) + DAY);
  expect((await stack.owner.api.patch(`/api/appointments/${appointment.id}`, { startsAt: newStart.toISOString(), override: true })).status).toBe(200);
  const moved = await waitFor(detail, (d) => Date.parse(d.nextWakeAt) === newStart.getTime() - HOUR);
  expect(moved.status).toBe('waiting');

  // So does the cancel: the goal ends it, and the appointment's workflow ends after it.
  expect((await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`)).status).toBe(200);
  const ended = await waitFor(detail, (d) => d.status === 'completed');
  expect(ended).toMatchObject({ endReason: 'goal' });
  expect(await stack.runHandle(appointment.workflowId).result()).toMatchObject({ status: 'cancelled' });
  expect(stack.arrivalsTo(guest.phone)).toHaveLength(1);
  // Later bookings (the next test's) are not this automation's business.
  expect((await stack.owner.api.post(`/api/automations/${automationId}/pause`)).status).toBeLessThan(300);
}, 90_000);

test('retried after the appointment was cancelled: the run sees the cancel, sends nothing, and the restarted workflow ends with it', async () => {
  const { automationId, templateId } = await publishTextThenRemind('retry-restart-sms');
  const { guest, appointment, run } = await bookIntoFailure(automationId, templateId);
  // Cancelled while the run is stopped: its only run has ended, so the appointment's workflow ends.
  expect((await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`)).status).toBe(200);
  const first = await stack.runHandle(appointment.workflowId).describe();
  expect(await stack.runHandle(appointment.workflowId).result()).toMatchObject({ status: 'cancelled' });

  await restoreTemplateAndRetry('retry-restart-sms', run.id);
  const detail = () => stack.owner.api.get(`/api/executions/${run.id}`).then((res) => res.body);
  // The retried send would have gone to a cancelled appointment: the goal ends the run first.
  const ended = await waitFor(detail, (d) => d.status === 'completed');
  expect(ended).toMatchObject({ endReason: 'goal', currentNodeId: 'hello' });
  expect(ended.steps.map((step: { nodeId: string; status: string }) => [step.nodeId, step.status]).slice(-2)).toEqual([
    ['hello', 'failed'],
    ['stop', 'succeeded'],
  ]);
  expect(stack.arrivalsTo(guest.phone)).toEqual([]);
  // signalWithStart started the appointment's workflow again to adopt the run; it ended after it.
  const restarted = stack.runHandle(appointment.workflowId);
  const state = await restarted.result();
  expect((await restarted.describe()).runId).not.toBe(first.runId);
  expect(childOf(state, run.workflowId)).toMatchObject({ finished: true, retries: 1 });
  expect((await stack.owner.api.post(`/api/automations/${automationId}/pause`)).status).toBeLessThan(300);
}, 90_000);
