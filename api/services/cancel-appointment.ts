import { LockMode } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Appointment, AuditLog } from '../../db/entities';
import type { RequestContext } from '../context';
import { AppError, notFound } from '../errors';
import type { AppointmentBody } from '../routes/appointments.schema';
import { signalAppointmentWorkflow } from './appointment-workflow';
import { presentAppointment } from './present-appointment';
import { createInTenant } from './tenant-scope';

const finalStatuses = new Set(['completed', 'no_show']);

/** Cancels an appointment and tells its workflow. Cancelling twice is harmless. */
export async function cancelAppointment(options: {
  ctx: RequestContext;
  temporal: Client;
  taskQueue: string;
  id: string;
  reason?: string;
}): Promise<AppointmentBody> {
  const { ctx, id } = options;
  // The row lock makes concurrent cancels (or a cancel racing a check-in) take turns.
  const outcome = await ctx.em.transactional(async (tx) => {
    const appointment = await tx.findOne(Appointment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!appointment) throw notFound('Appointment', id);
    if (appointment.status === 'cancelled') return { appointment, changed: false };
    if (finalStatuses.has(appointment.status)) {
      throw new AppError('INVALID_STATE', `The appointment is already ${appointment.status.replace('_', '-')} and can no longer be cancelled`);
    }
    const previousStatus = appointment.status;
    appointment.status = 'cancelled';
    appointment.cancelledAt = new Date();
    appointment.cancelReason = options.reason;
    createInTenant({ em: tx, tenantId: ctx.tenantId }, AuditLog, {
      userId: ctx.user.id,
      action: 'appointment.cancelled',
      entityType: 'appointment',
      entityId: appointment.id,
      reason: options.reason,
      changes: { status: [previousStatus, 'cancelled'] },
      requestId: ctx.requestId,
    });
    return { appointment, changed: true };
  });
  const { appointment } = outcome;
  if (!outcome.changed) return presentAppointment(appointment);
  ctx.logger.info({ appointmentId: id, workflowId: appointment.workflowId }, 'appointment cancelled');

  await signalAppointmentWorkflow({
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    target: { tenantId: ctx.tenantId, appointmentId: id, workflowId: appointment.workflowId },
    event: {
      type: 'appointment.cancelled',
      at: (appointment.cancelledAt ?? new Date()).toISOString(),
      data: { status: 'cancelled', ...(options.reason ? { reason: options.reason } : {}) },
    },
    logger: ctx.logger,
  });
  return presentAppointment(appointment);
}
