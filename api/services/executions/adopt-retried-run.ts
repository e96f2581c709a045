import type { Client } from '@temporalio/client';
import {
  type AppointmentWorkflowInput,
  appointmentWorkflowType,
  automationRunAdoptedSignal,
  automationRunFinishedSignal,
} from '../../../workflows/appointment-contract';
import type { AutomationRunInput } from '../../../workflows/automation-run-contract';
import type { RunContext } from '../../../workflows/dsl';
import type { Appointment } from '../../../db/entities';

/** The appointment workflow a run belongs to, or null for runs without one (schedules, vaccinations). */
function parentOf(input: AutomationRunInput): { workflowId: string; args: AppointmentWorkflowInput } | null {
  const appointmentId = input.context.appointment?.id;
  if (!input.parentWorkflowId || typeof appointmentId !== 'string') return null;
  return { workflowId: input.parentWorkflowId, args: { tenantId: input.tenantId, appointmentId } };
}

/**
 * Before a failed run is started again: its appointment workflow takes it back among its running
 * children (it had let it go when the run ended), so the events that follow — reschedule, cancel,
 * replies — reach the retried run. signalWithStart starts the workflow again if it has ended
 * since (the appointment was over): it then stays until the retried run ends.
 */
export async function adoptRetriedRun(temporal: Client, taskQueue: string, workflowId: string, input: AutomationRunInput): Promise<void> {
  const parent = parentOf(input);
  if (!parent) return;
  await temporal.workflow.signalWithStart(appointmentWorkflowType, {
    workflowId: parent.workflowId,
    taskQueue,
    args: [parent.args],
    signal: automationRunAdoptedSignal,
    signalArgs: [
      {
        workflowId,
        automationId: input.automationId,
        version: input.version,
        automationVersionId: input.automationVersionId,
        event: input.triggerEvent,
      },
    ],
  });
}

/** Undoes adoptRetriedRun when the run could not be started after all. */
export async function releaseRetriedRun(temporal: Client, workflowId: string, input: AutomationRunInput): Promise<void> {
  const parent = parentOf(input);
  if (!parent) return;
  await temporal.workflow.getHandle(parent.workflowId).signal(automationRunFinishedSignal, { workflowId, status: 'failed' });
}

/**
 * The run's context with the appointment as it is now. While a failed run was stopped nobody
 * forwarded it the appointment's events: a cancel or a reschedule of that time must count when it
 * goes again (its goal sees the cancel before the retried send; its waits the new time).
 */
export function withCurrentAppointment(context: RunContext, appointment: Appointment | null): RunContext {
  if (!appointment || !context.appointment || context.appointment.id !== appointment.id) return context;
  const current: Record<string, unknown> = {
    status: appointment.status,
    startsAt: appointment.startsAt.toISOString(),
    endsAt: appointment.endsAt.toISOString(),
  };
  if (appointment.arrivedAt) current.arrivedAt = appointment.arrivedAt.toISOString();
  if (appointment.cancelReason) current.cancelReason = appointment.cancelReason;
  if (current.startsAt !== context.appointment.startsAt) current.previousStartsAt = context.appointment.startsAt;
  return { ...context, appointment: { ...context.appointment, ...current } as NonNullable<RunContext['appointment']> };
}
