import { LockMode } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Appointment, AuditLog, Service, Staff } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import type { AppointmentBody, RescheduleAppointmentInput } from '../../routes/appointments.schema';
import { signalAppointmentWorkflow } from '../appointment-workflow';
import { presentAppointment } from '../present-appointment';
import { slotTakenError } from '../slot-taken';
import { createInTenant } from '../tenant-scope';
import type { DomainContext } from './domain-context';
import { invalidTransition, RESCHEDULABLE } from './status-machine';

/**
 * Moves a pending or confirmed appointment to a new start (and optionally another staff member).
 * The end follows from the service's duration; the exclusion constraint still refuses overlaps
 * (409 SLOT_TAKEN). After the commit the workflow gets `appointment.rescheduled` with the new
 * times, and every wait anchored on the start moves with it.
 */
export async function rescheduleAppointment(options: {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  id: string;
  input: RescheduleAppointmentInput;
}): Promise<AppointmentBody> {
  const { ctx, id, input } = options;
  const startsAt = new Date(input.startsAt);
  let endsAt = startsAt;
  let staffId: string | undefined;
  let outcome: { appointment: Appointment; changed: boolean };
  try {
    outcome = await ctx.em.transactional(async (tx) => {
      const appointment = await tx.findOne(Appointment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!appointment) throw notFound('Appointment', id);
      if (!RESCHEDULABLE.includes(appointment.status)) {
        throw invalidTransition(appointment.status, 'rescheduled', 'only pending or confirmed appointments can move');
      }
      const service = await tx.findOneOrFail(Service, { id: appointment.serviceId });
      staffId = input.staffId === undefined ? appointment.staffId : input.staffId ?? undefined;
      if (input.staffId) {
        const staff = await tx.findOne(Staff, { id: input.staffId });
        if (!staff || !staff.active) {
          const message = staff ? `${staff.name} is no longer active` : `No staff member with id ${input.staffId}`;
          throw new AppError('INVALID_REFERENCE', `staffId: ${message}`, [{ path: 'staffId', message }]);
        }
      }
      endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
      const before = { startsAt: appointment.startsAt.toISOString(), endsAt: appointment.endsAt.toISOString(), staffId: appointment.staffId ?? null };
      if (before.startsAt === startsAt.toISOString() && before.endsAt === endsAt.toISOString() && before.staffId === (staffId ?? null)) {
        return { appointment, changed: false };
      }
      appointment.startsAt = startsAt;
      appointment.endsAt = endsAt;
      appointment.staffId = staffId;
      createInTenant({ em: tx, tenantId: ctx.tenantId }, AuditLog, {
        userId: ctx.user?.id,
        action: 'appointment.rescheduled',
        entityType: 'appointment',
        entityId: appointment.id,
        reason: ctx.actor,
        changes: {
          startsAt: [before.startsAt, startsAt.toISOString()],
          endsAt: [before.endsAt, endsAt.toISOString()],
          staffId: [before.staffId, staffId ?? null],
        },
        requestId: ctx.requestId,
      });
      await tx.flush();
      return { appointment, changed: true };
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23P01') throw await slotTakenError(ctx, { staffId: staffId ?? '', startsAt, endsAt });
    throw error;
  }

  const { appointment } = outcome;
  if (outcome.changed) {
    ctx.logger.info({ appointmentId: id, workflowId: appointment.workflowId, startsAt: startsAt.toISOString() }, 'appointment rescheduled');
    await signalAppointmentWorkflow({
      temporal: options.temporal,
      taskQueue: options.taskQueue,
      target: { tenantId: ctx.tenantId, appointmentId: id, workflowId: appointment.workflowId },
      event: { type: 'appointment.rescheduled', at: new Date().toISOString(), data: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } },
      logger: ctx.logger,
    });
  }
  return presentAppointment(appointment);
}
