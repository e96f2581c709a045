import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, Customer, Location, Service, Staff, type Tenant } from '../../../db/entities';
import { appointmentUid } from '../../../activities/messaging/ics';
import type { CalendarEvent } from './build-calendar';

export type CalendarAudience = 'staff' | 'customer';

const STATUS: Record<string, CalendarEvent['status']> = {
  pending: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  checked_in: 'CONFIRMED',
  completed: 'CONFIRMED',
  no_show: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

/**
 * Appointments as calendar events for one audience: staff see who is coming and the notes,
 * customers see what, with whom and where. The UID is the one emailed invites use, so a
 * calendar that has both keeps one event.
 */
export async function appointmentEvents(options: {
  em: EntityManager;
  tenant: Tenant;
  appointments: readonly Appointment[];
  audience: CalendarAudience;
  uidDomain: string;
  portalUrl?: string;
}): Promise<CalendarEvent[]> {
  const { em, tenant, appointments } = options;
  const ids = <K extends 'serviceId' | 'staffId' | 'customerId' | 'locationId'>(key: K) =>
    [...new Set(appointments.map((a) => a[key]).filter((v): v is string => Boolean(v)))];
  const [services, staff, customers, locations] = await Promise.all([
    em.find(Service, { id: { $in: ids('serviceId') } }),
    em.find(Staff, { id: { $in: ids('staffId') } }),
    options.audience === 'staff' ? em.find(Customer, { id: { $in: ids('customerId') } }) : Promise.resolve([] as Customer[]),
    em.find(Location, { id: { $in: ids('locationId') } }),
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [serviceOf, staffOf, customerOf, locationOf] = [byId(services), byId(staff), byId(customers), byId(locations)];

  return appointments.map((a) => {
    const service = serviceOf.get(a.serviceId)?.name ?? 'Appointment';
    const who = a.staffId ? staffOf.get(a.staffId)?.name : undefined;
    const location = a.locationId ? locationOf.get(a.locationId) : undefined;
    const customer = customerOf.get(a.customerId);
    const summary = options.audience === 'staff' ? `${service}${customer ? ` – ${customer.name}` : ''}` : `${service} at ${tenant.name}`;
    const description = (
      options.audience === 'staff'
        ? [customer?.phone ? `Phone: ${customer.phone}` : undefined, a.seats > 1 ? `Seats: ${a.seats}` : undefined, a.notes ? `Notes: ${a.notes}` : undefined]
        : [who ? `${service} with ${who}` : service, a.meetingLink ? `Join: ${a.meetingLink}` : undefined, options.portalUrl ? `Manage your booking: ${options.portalUrl}` : undefined]
    )
      .filter(Boolean)
      .join('\n');
    return {
      uid: appointmentUid(a.id, options.uidDomain),
      sequence: a.sequence,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      summary,
      ...(description ? { description } : {}),
      ...(location ? { location: [location.name, location.address].filter(Boolean).join(', ') } : {}),
      ...(a.meetingLink ? { url: a.meetingLink } : {}),
      status: STATUS[a.status] ?? 'CONFIRMED',
      created: a.createdAt,
      lastModified: a.updatedAt,
    };
  });
}

export async function loadAppointment(em: EntityManager, id: string): Promise<Appointment | null> {
  return em.findOne(Appointment, { id });
}
