import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Appointment, AutomationRun, Customer, Pet, Service, Staff, Tenant, type TenantPolicies } from '../db/entities';
import { Location } from '../db/entities/location';

export interface AppointmentSnapshot {
  tenant: { id: string; name: string; slug: string; timezone: string; currency: string; policies: TenantPolicies };
  appointment: {
    id: string;
    status: string;
    startsAt: string;
    endsAt: string;
    priceCents: number;
    source: string;
    durationMinutes: number;
    createdAt: string;
    notes?: string;
    arrivedAt?: string;
    cancelReason?: string;
    meetingLink?: string;
    locationName?: string;
    participantCount: number;
  };
  service: { id: string; name: string; category: string | null; durationMinutes: number; priceCents: number };
  staff: { id: string; name: string; email: string; phone?: string } | null;
  customer: {
    id: string;
    name: string;
    firstName: string;
    phone: string | null;
    email: string | null;
    smsOptIn: boolean;
    emailOptIn: boolean;
    whatsappOptIn: boolean;
    preferredChannel: string;
    reputationScore: number;
    noShowCount: number;
    visitCount: number;
    lastVisitAt?: string;
    birthday?: string;
    tags: string[];
    timezone: string;
  };
  pets: Array<{ id: string; name: string; species: string; breed?: string; birthday?: string }>;
  /**
   * For each event type, the highest occurrence an automation run of this appointment was already
   * started for (`run:…:<event>:<n>`), by earlier executions of its workflow. A workflow that had
   * ended and is started again by a late event counts on from there, so its runs never reuse the
   * workflow ids or send keys of the runs before it. Absent in histories recorded before it existed.
   */
  triggerOccurrences?: Record<string, number>;
}

/** `run:<tenant>:<appointment>:<automation>:<event>:<n>` → [event, n]. */
export function runOccurrence(workflowId: string, prefix: string): [string, number] | null {
  if (!workflowId.startsWith(prefix)) return null;
  const match = /:([^:]+):(\d+)$/.exec(workflowId.slice(prefix.length));
  return match ? [match[1] as string, Number(match[2])] : null;
}

async function triggerOccurrencesOf(em: EntityManager, tenantId: string, appointmentId: string): Promise<Record<string, number>> {
  const runs = await em.find(AutomationRun, { appointmentId }, { fields: ['workflowId'] });
  const occurrences: Record<string, number> = {};
  for (const run of runs) {
    const found = runOccurrence(run.workflowId, `run:${tenantId}:${appointmentId}:`);
    if (found) occurrences[found[0]] = Math.max(occurrences[found[0]] ?? 0, found[1]);
  }
  return occurrences;
}

/** Optional fields are left out rather than set to undefined, so the snapshot is plain JSON. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Reads what an appointment's workflows need to know about it, scoped to its tenant.
 * A missing appointment is final: retrying will not make it appear.
 */
export function createAppointmentSnapshotActivity(deps: { orm: MikroORM }) {
  return async function loadAppointmentSnapshot(input: {
    tenantId: string;
    appointmentId: string;
  }): Promise<AppointmentSnapshot> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const tenant = await em.findOne(Tenant, { id: input.tenantId });
    const appointment = await em.findOne(Appointment, { id: input.appointmentId });
    if (!tenant || !appointment) {
      throw ApplicationFailure.nonRetryable(
        `appointment ${input.appointmentId} not found in tenant ${input.tenantId}`,
        'AppointmentNotFound',
      );
    }
    const [service, customer, staff, location, pets, triggerOccurrences] = await Promise.all([
      em.findOneOrFail(Service, { id: appointment.serviceId }),
      em.findOneOrFail(Customer, { id: appointment.customerId }),
      appointment.staffId ? em.findOne(Staff, { id: appointment.staffId }) : Promise.resolve(null),
      appointment.locationId ? em.findOne(Location, { id: appointment.locationId }) : Promise.resolve(null),
      em.find(Pet, { customerId: appointment.customerId }, { orderBy: { name: 'asc' }, limit: 20 }),
      triggerOccurrencesOf(em, input.tenantId, input.appointmentId),
    ]);
    return {
      tenant: {
        id: tenant.id,
        name: tenant.name,
        slug: tenant.slug,
        timezone: tenant.timezone,
        currency: tenant.currency,
        policies: tenant.policies,
      },
      appointment: defined({
        id: appointment.id,
        status: appointment.status,
        startsAt: appointment.startsAt.toISOString(),
        endsAt: appointment.endsAt.toISOString(),
        priceCents: appointment.priceCents,
        source: appointment.source,
        durationMinutes: Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000),
        createdAt: appointment.createdAt.toISOString(),
        notes: appointment.notes,
        arrivedAt: appointment.arrivedAt?.toISOString(),
        cancelReason: appointment.cancelReason,
        meetingLink: appointment.meetingLink,
        locationName: location?.name,
        participantCount: Math.max(1, appointment.participants.length),
      }),
      service: {
        id: service.id,
        name: service.name,
        category: service.category ?? null,
        durationMinutes: service.durationMinutes,
        priceCents: service.priceCents,
      },
      staff: staff ? defined({ id: staff.id, name: staff.name, email: staff.email, phone: staff.phone }) : null,
      customer: defined({
        id: customer.id,
        name: customer.name,
        firstName: customer.name.trim().split(/\s+/)[0] ?? customer.name,
        phone: customer.phone ?? null,
        email: customer.email ?? null,
        smsOptIn: customer.smsOptIn && !customer.smsOptedOutAt,
        emailOptIn: customer.emailOptIn,
        whatsappOptIn: customer.whatsappOptIn,
        preferredChannel: customer.channelPreferences[0] ?? 'sms',
        reputationScore: customer.reputationScore,
        noShowCount: customer.noShowCount,
        visitCount: customer.visitCount,
        lastVisitAt: customer.lastVisitAt?.toISOString(),
        birthday: customer.birthday,
        tags: customer.tags,
        timezone: customer.timezone ?? tenant.timezone,
      }),
      pets: pets.map((pet) => defined({ id: pet.id, name: pet.name, species: pet.species, breed: pet.breed, birthday: pet.birthDate })),
      triggerOccurrences,
    };
  };
}
