import { LockMode } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { type Appointment, AuditLog, PackagePurchase, Payment, Tenant } from '../../db/entities';
import { notFound } from '../errors';
import type { AppointmentBody } from '../routes/appointments.schema';
import { changeAppointmentStatus } from './appointments/change-appointment-status';
import type { DomainContext } from './appointments/domain-context';
import { type ChangeActor, enforcePolicyWindow, type PolicyWindow } from './booking/policy-window';
import { createInTenant } from './tenant-scope';
import { offerFreedSlot } from './waitlist/offer-freed-slot';

export interface CancelOptions {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  id: string;
  reason?: string;
  /** Who cancels: customers are bound by the cancel window; staff override it (audit-logged). Default: staff when a user is signed in. */
  by?: ChangeActor;
  /** Only this customer's booking (the portal): another's is a 404. */
  customerId?: string;
  /** Staff inside the window: give the package credits back all the same. */
  returnCredits?: boolean;
}

/** Package credits come back on an in-policy cancel (or when staff choose to return them). */
async function returnCredits(tx: DomainContext['em'], appointment: Appointment): Promise<number> {
  if (!appointment.packagePurchaseId || appointment.creditsUsed <= 0) return 0;
  const purchase = await tx.findOne(PackagePurchase, { id: appointment.packagePurchaseId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!purchase || purchase.status !== 'active') return 0;
  const returned = Math.min(appointment.creditsUsed, purchase.creditsTotal - purchase.creditsRemaining);
  purchase.creditsRemaining += returned;
  appointment.creditsUsed = 0;
  return returned;
}

/**
 * Cancels an appointment and tells its workflow (every pending send stops). Customers may cancel
 * only before the cancel window closes, and are told the rule when refused (409
 * CANCEL_WINDOW_CLOSED); staff may always, inside the window as an audit-logged override. An
 * in-policy cancel returns package credits and voids an unpaid deposit. The freed slot goes to
 * the waitlist. Cancelling twice is harmless; a completed or no-show appointment cannot be
 * cancelled (INVALID_TRANSITION).
 */
export async function cancelAppointment(options: CancelOptions): Promise<AppointmentBody> {
  const { ctx } = options;
  const by: ChangeActor = options.by ?? (ctx.user ? 'staff' : 'customer');
  let window: PolicyWindow | undefined;
  let freed: { startsAt: Date; endsAt: Date; staffId?: string; serviceId: string; seats: number } | undefined;

  const result = await changeAppointmentStatus({
    ...options,
    to: 'cancelled',
    guard: async (appointment, now, tx) => {
      if (options.customerId && appointment.customerId !== options.customerId) throw notFound('Appointment', appointment.id);
      const tenant = await tx.findOneOrFail(Tenant, { id: ctx.tenantId });
      window = enforcePolicyWindow({ tenant, action: 'cancel', appointment, actor: by, now }).window;
    },
    afterChange: async (tx, appointment, from, now) => {
      const inPolicy = window ? !window.inside : true;
      const credits = inPolicy || options.returnCredits ? await returnCredits(tx, appointment) : 0;
      if (inPolicy) await tx.nativeUpdate(Payment, { appointmentId: appointment.id, kind: 'deposit', status: 'pending' }, { status: 'void' });
      if (window?.inside) {
        createInTenant({ em: tx, tenantId: ctx.tenantId }, AuditLog, {
          userId: ctx.user?.id,
          action: 'appointment.policy_override',
          entityType: 'appointment',
          entityId: appointment.id,
          reason: options.reason ?? ctx.actor,
          changes: { policy: 'cancelWindowHours', windowHours: window.hours, windowClosedAt: window.closesAt.toISOString(), status: [from, 'cancelled'], creditsReturned: credits },
          requestId: ctx.requestId,
        });
      }
      if (appointment.startsAt > now) {
        freed = { startsAt: appointment.startsAt, endsAt: appointment.endsAt, staffId: appointment.staffId, serviceId: appointment.serviceId, seats: appointment.seats };
      }
    },
  });
  if (freed && result.changed) {
    await offerFreedSlot({ ctx, temporal: options.temporal, taskQueue: options.taskQueue, appointmentId: options.id, slot: freed, reason: 'cancelled' });
  }
  return result.appointment;
}
