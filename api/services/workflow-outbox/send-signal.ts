import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import {
  appointmentEventSignal,
  appointmentStateQuery,
  appointmentWorkflowType,
  type AppointmentWorkflowInput,
} from '../../../workflows/appointment-contract';
import type { PendingSignal } from './outbox-rows';

export type SendOutcome = 'sent' | 'already-applied';

/**
 * Whether an earlier attempt that looked failed (the acknowledgement was lost) reached a workflow
 * that has closed since. A running workflow ignores a re-delivered event id itself; a closed one
 * would be started afresh by signalWithStart and apply the event a second time (a cancellation
 * notice sent twice), so its final state is asked which event ids it applied.
 */
async function appliedByClosedWorkflow(temporal: Client, signal: PendingSignal): Promise<boolean> {
  const handle = temporal.workflow.getHandle(signal.workflowId);
  try {
    const description = await handle.describe();
    if (description.status.name === 'RUNNING') return false;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
  const state = await handle.query(appointmentStateQuery);
  return state.appliedEventIds?.includes(signal.id) ?? false;
}

/**
 * Sends one outbox signal to the appointment's entity workflow with signalWithStart (starting it
 * if it is not running), within `timeoutMs`. A retry first checks that the event did not already
 * reach a workflow that has closed meanwhile.
 */
export async function sendSignal(options: { temporal: Client; taskQueue: string; signal: PendingSignal; timeoutMs: number }): Promise<SendOutcome> {
  const { temporal, taskQueue, signal } = options;
  return temporal.withDeadline(Date.now() + options.timeoutMs, async () => {
    if (signal.attempts > 0 && (await appliedByClosedWorkflow(temporal, signal))) return 'already-applied';
    await temporal.workflow.signalWithStart(appointmentWorkflowType, {
      workflowId: signal.workflowId,
      taskQueue,
      args: [{ tenantId: signal.tenantId, appointmentId: signal.appointmentId } satisfies AppointmentWorkflowInput],
      signal: appointmentEventSignal,
      signalArgs: [signal.event],
    });
    return 'sent';
  });
}
