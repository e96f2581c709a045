import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { WorkflowSignal } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import type { AppointmentEvent, AppointmentWorkflowInput } from '../../workflows/appointment-contract';
import { createInTenant } from './tenant-scope';
import { deliverWorkflowSignals } from './workflow-outbox/deliver-workflow-signals';

export interface WorkflowTarget extends AppointmentWorkflowInput {
  workflowId: string;
}

/** An event written to the outbox, to deliver once its transaction has committed. */
export interface QueuedSignal {
  eventId: string;
  workflowId: string;
  appointmentId: string;
}

/** Bound on the delivery a request waits for; past it the relay takes over. */
export const immediateDeliveryTimeoutMs = 5_000;

/**
 * Writes an event for the appointment's entity workflow to the outbox in the caller's transaction,
 * so it is committed (or rolled back) with the change it reports and cannot be lost between the
 * commit and Temporal. Its row id travels as `event.id`, which the workflow uses to ignore a
 * re-delivery.
 */
export function queueAppointmentSignal(tx: EntityManager, target: WorkflowTarget, event: Omit<AppointmentEvent, 'id'>): QueuedSignal {
  const row = createInTenant({ em: tx, tenantId: target.tenantId }, WorkflowSignal, {
    workflowId: target.workflowId,
    appointmentId: target.appointmentId,
    event,
  });
  row.event = { ...event, id: row.id };
  return { eventId: row.id, workflowId: target.workflowId, appointmentId: target.appointmentId };
}

/**
 * After the commit: delivers the queued event to the appointment's entity workflow with
 * signalWithStart (starting it if it is not running), after any earlier event of that workflow
 * still pending, so a booking and every later change reach the same workflow in order. A Temporal
 * failure is logged and never fails the request: the row stays pending and the api's signal relay
 * (workflow-outbox/signal-relay.ts) re-delivers it with backoff. True when it was delivered now.
 */
export async function signalAppointmentWorkflow(options: {
  em: EntityManager;
  temporal: Client;
  taskQueue: string;
  signal: QueuedSignal;
  logger: Logger;
}): Promise<boolean> {
  const { signal, logger } = options;
  try {
    return await deliverWorkflowSignals(
      { em: options.em, temporal: options.temporal, taskQueue: options.taskQueue, logger, timeoutMs: immediateDeliveryTimeoutMs },
      signal.workflowId,
      signal.eventId,
    );
  } catch (err) {
    // The database itself failed: the row is committed, the relay delivers it.
    logger.error({ err, appointmentId: signal.appointmentId, workflowId: signal.workflowId, eventId: signal.eventId }, 'could not deliver the appointment workflow signal now; the relay will');
    return false;
  }
}
