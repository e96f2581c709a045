import { LockMode } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Appointment, AuditLog, Service, Staff, Tenant } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import type { AppointmentBody, RescheduleAppointmentInput } from '../../routes/appointments.schema';
import { type QueuedSignal, queueAppointmentSignal, signalAppointmentWorkflow } from '../appointment-workflow';
import { lockBookingKeys, staffLockKey } from '../booking/booking-locks';
import type { BookingActor } from '../booking/booking-types';
import { type ChangeActor, enforcePolicyWindow } from '../booking/policy-window';
import { resolveSlot, SlotRefused } from '../booking/resolve-slot';
import { slotRefusedError } from '../booking/slot-refused-error';
import { presentAppointment } from '../present-appointment';
import { slotTakenError } from '../slot-taken';
import { createInTenant } from '../tenant-scope';
import { offerFreedSlot } from '../waitlist/offer-freed-slot';
import type { DomainContext } from './domain-context';
import { invalidTransition, RESCHEDULABLE } from './status-machine';

export interface RescheduleOptions {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  id: string;
  input: RescheduleAppointmentInput;
  /** Customers are bound by the reschedule window and must pick an offered slot; default staff when signed in. */
  by?: ChangeActor;
  /** Only this customer's booking (the portal): another's is a 404. */
  customerId?: string;
}

async function checkStaff(em: DomainContext['em'], staffId: string | null | undefined): Promise<void> {
  if (!staffId) return;
  const staff = await em.findOne(Staff, { id: staffId });
  if (!staff || !staff.active) {
    const message = staff ? `${staff.name} is no longer active` : `No staff member with id ${staffId}`;
    throw new AppError('INVALID_REFERENCE', `staffId: ${message}`, [{ path: 'staffId', message }]);
  }
}

/**
 * Moves a pending or confirmed appointment to a new start (and optionally another staff member)
 * through the same checks as a booking: an offered slot for customers, the front-desk check for
 * staff, under the staff lock, with the exclusion constraint as the last word (409 SLOT_TAKEN with
 * the next free slots). Customers may move a booking only before the reschedule window closes;
 * staff inside it is an audit-logged override. SEQUENCE goes up, the workflow gets
 * `appointment.rescheduled` with the new times, and the old slot goes to the waitlist.
 */
export async function rescheduleAppointment(options: RescheduleOptions): Promise<AppointmentBody> {
  const { ctx, id, input } = options;
  const by: ChangeActor = options.by ?? (ctx.user ? 'staff' : 'customer');
  const now = new Date();
  const start = new Date(input.startsAt);
  const current = await ctx.em.findOne(Appointment, { id });
  if (!current || (options.customerId && current.customerId !== options.customerId)) throw notFound('Appointment', id);
  const [tenant, service] = await Promise.all([ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId }), ctx.em.findOneOrFail(Service, { id: current.serviceId })]);
  const actor: BookingActor = by === 'customer' || !ctx.user ? { kind: 'customer', customerId: current.customerId, via: 'portal' } : { kind: 'staff', user: ctx.user };
  const override = Boolean(input.override) && actor.kind === 'staff' && (ctx.user?.role === 'owner' || ctx.user?.role === 'admin');
  if (input.override && !override) throw new AppError('FORBIDDEN', 'Only an owner or admin can override booking rules');
  await checkStaff(ctx.em, input.staffId);
  const targetStaff = input.staffId === undefined ? (current.staffId ?? null) : input.staffId;
  const slotOptions = { tenant, service, actor, customerId: current.customerId, start, seats: current.seats, override, now, excludeAppointmentId: id };

  let before = { startsAt: current.startsAt, endsAt: current.endsAt, staffId: current.staffId ?? null };
  let outcome: { appointment: Appointment; changed: boolean; signal?: QueuedSignal };
  try {
    outcome = await ctx.em.transactional(async (tx) => {
      const appointment = await tx.findOne(Appointment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!appointment) throw notFound('Appointment', id);
      if (!RESCHEDULABLE.includes(appointment.status)) throw invalidTransition(appointment.status, 'rescheduled', 'only pending or confirmed appointments can move');
      before = { startsAt: appointment.startsAt, endsAt: appointment.endsAt, staffId: appointment.staffId ?? null };
      const { window, overridden } = enforcePolicyWindow({ tenant, action: 'reschedule', appointment, actor: by, now });
      await lockBookingKeys(tx, [before.staffId, targetStaff].filter((s): s is string => Boolean(s)).map((s) => staffLockKey(ctx.tenantId, s)));
      const slot = await resolveSlot({ ...slotOptions, em: tx, staffId: targetStaff });
      if (before.startsAt.getTime() === slot.startsAt.getTime() && before.endsAt.getTime() === slot.endsAt.getTime() && before.staffId === slot.staffId) {
        return { appointment, changed: false };
      }
      appointment.startsAt = slot.startsAt;
      appointment.endsAt = slot.endsAt;
      appointment.staffId = slot.staffId ?? undefined;
      appointment.teamStaffIds = slot.teamStaffIds;
      appointment.sessionKey = slot.sessionKey;
      appointment.sequence += 1;
      const changes = {
        startsAt: [before.startsAt.toISOString(), slot.startsAt.toISOString()],
        endsAt: [before.endsAt.toISOString(), slot.endsAt.toISOString()],
        staffId: [before.staffId, slot.staffId],
      };
      const scope = { em: tx, tenantId: ctx.tenantId };
      createInTenant(scope, AuditLog, { userId: ctx.user?.id, action: 'appointment.rescheduled', entityType: 'appointment', entityId: id, reason: input.reason ?? ctx.actor, changes, requestId: ctx.requestId });
      if (overridden || override) {
        createInTenant(scope, AuditLog, {
          userId: ctx.user?.id,
          action: 'appointment.policy_override',
          entityType: 'appointment',
          entityId: id,
          reason: input.reason ?? ctx.actor,
          changes: { ...changes, ...(overridden ? { policy: 'rescheduleWindowHours', windowHours: window.hours, windowClosedAt: window.closesAt.toISOString() } : { policy: 'availability' }) },
          requestId: ctx.requestId,
        });
      }
      const target = { tenantId: ctx.tenantId, appointmentId: id, workflowId: appointment.workflowId };
      const signal = queueAppointmentSignal(tx, target, { type: 'appointment.rescheduled', at: now.toISOString(), data: { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() } });
      await tx.flush();
      return { appointment, changed: true, signal };
    });
  } catch (error) {
    if (error instanceof SlotRefused) throw await slotRefusedError(ctx, error, { ...slotOptions, requestedStaffId: targetStaff });
    if ((error as { code?: string }).code === '23P01') {
      const endsAt = new Date(start.getTime() + service.durationMinutes * 60_000);
      throw await slotTakenError(ctx, { staffId: targetStaff ?? '', startsAt: start, endsAt, service, tenant, seats: current.seats });
    }
    throw error;
  }

  const { appointment } = outcome;
  if (outcome.signal) {
    ctx.logger.info({ appointmentId: id, workflowId: appointment.workflowId, startsAt: appointment.startsAt.toISOString() }, 'appointment rescheduled');
    await signalAppointmentWorkflow({ em: ctx.em, temporal: options.temporal, taskQueue: options.taskQueue, signal: outcome.signal, logger: ctx.logger });
    if (before.startsAt > now) {
      await offerFreedSlot({ ctx, temporal: options.temporal, taskQueue: options.taskQueue, appointmentId: id, slot: { ...before, serviceId: service.id, seats: appointment.seats }, reason: 'rescheduled' });
    }
  }
  return presentAppointment(appointment);
}
