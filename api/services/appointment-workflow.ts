import type { Client } from '@temporalio/client';
import type { Logger } from '../../runtime/logger';
import {
  type AppointmentEvent,
  appointmentEventSignal,
  appointmentWorkflowType,
  type AppointmentWorkflowInput,
} from '../../workflows/appointment-contract';

export interface WorkflowTarget extends AppointmentWorkflowInput {
  workflowId: string;
}

/**
 * Delivers an event to the appointment's entity workflow, starting it if it is not running
 * (signalWithStart), so a booking and every later change reach the same workflow.
 * Called after the database commit: the row is the source of truth, and a failure here is
 * logged with the ids needed to re-deliver, never turned into a failed request.
 */
export async function signalAppointmentWorkflow(options: {
  temporal: Client;
  taskQueue: string;
  target: WorkflowTarget;
  event: AppointmentEvent;
  logger: Logger;
}): Promise<boolean> {
  const { temporal, taskQueue, target, event, logger } = options;
  const log = logger.child({ appointmentId: target.appointmentId, workflowId: target.workflowId, event: event.type });
  try {
    await temporal.workflow.signalWithStart(appointmentWorkflowType, {
      workflowId: target.workflowId,
      taskQueue,
      args: [{ tenantId: target.tenantId, appointmentId: target.appointmentId } satisfies AppointmentWorkflowInput],
      signal: appointmentEventSignal,
      signalArgs: [event],
    });
    log.info('appointment workflow signalled');
    return true;
  } catch (error) {
    log.error({ err: error }, 'could not signal the appointment workflow; the event must be re-delivered');
    return false;
  }
}
