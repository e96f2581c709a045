import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, Review, Service, Staff, Tenant } from '../../../db/entities';
import type { PortalContext } from '../../middleware/authenticate-customer';
import { notFound } from '../../errors';
import type { DomainContext } from '../appointments/domain-context';
import { RESCHEDULABLE } from '../appointments/status-machine';
import { explainWindow, policyWindow } from '../booking/policy-window';
import { presentAppointment } from '../present-appointment';

export const portalDomainContext = (portal: PortalContext): DomainContext => ({
  em: portal.em,
  tenantId: portal.tenantId,
  requestId: portal.requestId,
  logger: portal.logger,
  actor: 'customer via portal',
});

/** The customer's own appointment, or 404: another customer's booking is indistinguishable from none. */
export async function ownAppointment(portal: PortalContext, id: string): Promise<Appointment> {
  const appointment = await portal.em.findOne(Appointment, { id, customerId: portal.customerId });
  if (!appointment) throw notFound('Appointment', id);
  return appointment;
}

export interface PortalAppointment extends ReturnType<typeof presentAppointment> {
  serviceName: string;
  staffName: string | null;
  canCancel: boolean;
  canReschedule: boolean;
  /** The rule, in words, when the customer can no longer change it themselves. */
  policyNote?: string;
  cancelDeadline: string;
  rescheduleDeadline: string;
  reviewed: boolean;
}

/** Appointments as the portal shows them: names, and what the customer may still do under the policy. */
export async function presentForPortal(em: EntityManager, tenantId: string, rows: readonly Appointment[], now = new Date()): Promise<PortalAppointment[]> {
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const [services, staff, reviews] = await Promise.all([
    em.find(Service, { id: { $in: [...new Set(rows.map((r) => r.serviceId))] } }),
    em.find(Staff, { id: { $in: [...new Set(rows.map((r) => r.staffId).filter((s): s is string => Boolean(s)))] } }),
    em.find(Review, { appointmentId: { $in: rows.map((r) => r.id) } }, { fields: ['appointmentId'] }),
  ]);
  const serviceName = new Map(services.map((s) => [s.id, s.name]));
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  const reviewed = new Set(reviews.map((r) => r.appointmentId));
  return rows.map((a) => {
    const cancel = policyWindow(tenant, 'cancel', a.startsAt, now);
    const reschedule = policyWindow(tenant, 'reschedule', a.startsAt, now);
    const open = RESCHEDULABLE.includes(a.status) && a.startsAt > now;
    const canCancel = open && !cancel.inside;
    const canReschedule = open && !reschedule.inside;
    return {
      ...presentAppointment(a),
      serviceName: serviceName.get(a.serviceId) ?? 'Appointment',
      staffName: a.staffId ? (staffName.get(a.staffId) ?? null) : null,
      canCancel,
      canReschedule,
      ...(open && !canCancel ? { policyNote: explainWindow(tenant, canReschedule ? cancel : reschedule) } : {}),
      cancelDeadline: cancel.closesAt.toISOString(),
      rescheduleDeadline: reschedule.closesAt.toISOString(),
      reviewed: reviewed.has(a.id),
    };
  });
}

/** Upcoming (not finished, ending later) or past appointments of the signed-in customer. */
export async function listPortalAppointments(portal: PortalContext, scope: 'upcoming' | 'past', limit: number): Promise<PortalAppointment[]> {
  const now = new Date();
  const rows =
    scope === 'upcoming'
      ? await portal.em.find(Appointment, { customerId: portal.customerId, endsAt: { $gt: now }, status: { $in: ['pending', 'confirmed', 'checked_in'] } }, { orderBy: { startsAt: 'asc' }, limit })
      : await portal.em.find(Appointment, { customerId: portal.customerId, $or: [{ endsAt: { $lte: now } }, { status: { $in: ['completed', 'cancelled', 'no_show'] } }] }, { orderBy: { startsAt: 'desc' }, limit });
  return presentForPortal(portal.em, portal.tenantId, rows, now);
}
