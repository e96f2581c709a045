/**
 * An appointment workflow ends once its appointment is final and its runs are done. A late event
 * delivered with signalWithStart (as the API delivers every event) starts it again, with a fresh
 * state: its event counter must not start over, or its runs would reuse the workflow ids and
 * send keys of the runs before, and their texts would be dropped as duplicates.
 */
import { AutomationRun, Message } from '../../db/entities';
import { appointmentEventSignal, appointmentWorkflowType } from '../../workflows/appointment-contract';
import { waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack();
  for (const key of ['booking-confirmation', 'reminders', 'no-show-defense']) await stack.pause(key);
}, 120_000);
afterAll(() => stack?.stop());

const position = { x: 0, y: 0 };

test('a workflow started again by a late event gives its runs new ids and new send keys', async () => {
  const template = await stack.owner.api.post('/api/templates', { key: 'reply-ack-sms', name: 'Reply received', channel: 'sms', body: 'Thanks {{customer.firstName}}, we got your message.' });
  expect(template.status).toBe(201);
  const created = await stack.owner.api.post('/api/automations', {
    name: 'Acknowledge replies',
    definition: {
      schemaVersion: 1,
      name: 'Acknowledge replies',
      trigger: { event: 'message.received' },
      nodes: [
        { id: 't', type: 'trigger', position, data: {} },
        { id: 'ack', type: 'sendSms', position, data: { templateId: 'reply-ack-sms' } },
        { id: 'end', type: 'end', position, data: {} },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'ack' },
        { id: 'e2', source: 'ack', target: 'end' },
      ],
    },
  });
  const automationId = created.body.id as string;
  expect((await stack.owner.api.post(`/api/automations/${automationId}/publish`)).status).toBe(201);

  const guest = await stack.customer();
  const appointment = await stack.book(guest.id, new Date(Date.now() + 3 * 86_400_000));
  const deliver = (body: string) =>
    stack.app.temporal.workflow.signalWithStart(appointmentWorkflowType, {
      workflowId: appointment.workflowId,
      taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE,
      args: [{ tenantId: stack.owner.tenant.id, appointmentId: appointment.id }],
      signal: appointmentEventSignal,
      signalArgs: [{ type: 'message.received', at: new Date().toISOString(), data: { body, from: guest.phone } }],
    });
  const acks = () => stack.arrivalsTo(guest.phone).filter((a) => a.text.startsWith('Thanks Ada'));
  const runsOf = () => stack.em().find(AutomationRun, { automationId }, { orderBy: { startedAt: 'asc' } });

  await deliver('running late, sorry');
  await waitFor(async () => acks().length, (n) => n === 1);
  const [first] = await waitFor(runsOf, (runs) => runs.length === 1 && runs[0]!.status === 'completed');

  // The appointment is cancelled: its workflow ends.
  expect((await stack.owner.api.post(`/api/appointments/${appointment.id}/cancel`)).status).toBe(200);
  const firstExecution = await stack.runHandle(appointment.workflowId).describe();
  await stack.runHandle(appointment.workflowId).result();

  // A late reply re-delivered afterwards starts it again: a new run, a new key, a new text.
  await deliver('can I come next week instead?');
  await waitFor(async () => acks().length, (n) => n === 2, 20_000);
  const runs = await waitFor(runsOf, (list) => list.length === 2 && list.every((r) => r.status === 'completed'));
  const restarted = await stack.runHandle(appointment.workflowId).describe();
  expect(restarted.runId).not.toBe(firstExecution.runId);
  expect(runs.map((r) => r.workflowId)).toEqual([1, 2].map((n) => `run:${stack.owner.tenant.id}:${appointment.id}:${automationId}:message.received:${n}`));
  expect(runs[0]).toMatchObject({ id: first!.id, path: ['t', 'ack', 'end'], endedAt: first!.endedAt });

  const sends = await stack.em().find(Message, { appointmentId: appointment.id, nodeId: 'ack' }, { orderBy: { createdAt: 'asc' } });
  expect(sends.map((m) => [m.idempotencyKey, m.status])).toEqual(
    [1, 2].map((n) => [`af:${appointment.workflowId}/${automationId}/message.received:${n}/ack/1`, 'sent']),
  );
  expect(new Set(stack.twilio.sendRequests.filter((r) => r.form.To === guest.phone).map((r) => r.form.Body)).size).toBe(1);
  expect(stack.twilio.sendRequests.filter((r) => r.form.To === guest.phone)).toHaveLength(2);
}, 60_000);
