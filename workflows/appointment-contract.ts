import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Names and payloads shared by the API (which signals) and the appointment workflow. */
export const appointmentEventTypes = [
  'appointment.booked',
  'appointment.confirmed',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.checked_in',
  'appointment.completed',
  'appointment.no_show',
  'message.received',
] as const;
export type AppointmentEventType = (typeof appointmentEventTypes)[number];

export interface AppointmentEvent {
  type: AppointmentEventType;
  /** ISO-8601 time the change happened. */
  at: string;
  /** The API's outbox id of this event: a re-delivery with an id already applied is ignored. */
  id?: string;
  /** New times on a reschedule, the reason on a cancel, the text of a reply. */
  data?: {
    startsAt?: string;
    endsAt?: string;
    status?: string;
    reason?: string;
    body?: string;
    from?: string;
    /** The automation run that caused the change (e.g. a no-show marked by the no-show defense). */
    origin?: string;
  };
}

export interface AppointmentWorkflowInput {
  tenantId: string;
  appointmentId: string;
}

export interface AppointmentWorkflowState {
  tenantId: string;
  appointmentId: string;
  status: string;
  events: AppointmentEvent[];
  children: Array<{
    workflowId: string;
    automationId: string;
    version: number;
    event: string;
    automationVersionId?: string;
    /** Set once the run has ended; a finished run gets no more events. */
    finished?: boolean;
    /** Times the executions API retried the run; a result of an execution before the latest retry is stale. */
    retries?: number;
  }>;
  /** How many times each event type arrived: the n of the run workflow ids it starts. */
  eventCounts?: Record<string, number>;
  startsAt?: string;
  /** Ids of the latest events applied (kept across continue-as-new), to ignore re-deliveries. */
  appliedEventIds?: string[];
}

/** Sent by an automation run to its parent when it ends, so the parent knows when it may end too. */
export interface AutomationRunFinished {
  workflowId: string;
  status: string;
}

/**
 * Sent by the executions API (with signalWithStart) before it starts a failed run again: the
 * appointment's workflow takes the run back among its running children, so later events
 * (reschedule, cancel, replies) reach it and the workflow does not end before it.
 */
export interface AutomationRunAdopted {
  workflowId: string;
  automationId: string;
  version: number;
  automationVersionId?: string;
  event: string;
}

export const appointmentWorkflowType = 'appointmentWorkflow';
export const appointmentEventSignal = defineSignal<[AppointmentEvent]>('appointmentEvent');
export const automationRunFinishedSignal = defineSignal<[AutomationRunFinished]>('automationRunFinished');
export const automationRunAdoptedSignal = defineSignal<[AutomationRunAdopted]>('automationRunAdopted');
export const appointmentStateQuery = defineQuery<AppointmentWorkflowState>('appointmentState');

export function appointmentWorkflowId(tenantId: string, appointmentId: string): string {
  return `appointment:${tenantId}:${appointmentId}`;
}
