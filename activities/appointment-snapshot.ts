import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Appointment, Customer, Service, Staff, Tenant } from '../db/entities';

export interface AppointmentSnapshot {
  tenant: { id: string; name: string; timezone: string; currency: string };
  appointment: {
    id: string;
    status: string;
    startsAt: string;
    endsAt: string;
    priceCents: number;
    source: string;
  };
  service: { id: string; name: string; category: string | null; durationMinutes: number };
  staff: { id: string; name: string } | null;
  customer: {
    id: string;
    name: string;
    phone: string | null;
    email: string | null;
    smsOptIn: boolean;
    emailOptIn: boolean;
    reputationScore: number;
    tags: string[];
    timezone: string;
  };
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
    const [service, customer, staff] = await Promise.all([
      em.findOneOrFail(Service, { id: appointment.serviceId }),
      em.findOneOrFail(Customer, { id: appointment.customerId }),
      appointment.staffId ? em.findOne(Staff, { id: appointment.staffId }) : Promise.resolve(null),
    ]);
    return {
      tenant: { id: tenant.id, name: tenant.name, timezone: tenant.timezone, currency: tenant.currency },
      appointment: {
        id: appointment.id,
        status: appointment.status,
        startsAt: appointment.startsAt.toISOString(),
        endsAt: appointment.endsAt.toISOString(),
        priceCents: appointment.priceCents,
        source: appointment.source,
      },
      service: {
        id: service.id,
        name: service.name,
        category: service.category ?? null,
        durationMinutes: service.durationMinutes,
      },
      staff: staff ? { id: staff.id, name: staff.name } : null,
      customer: {
        id: customer.id,
        name: customer.name,
        phone: customer.phone ?? null,
        email: customer.email ?? null,
        smsOptIn: customer.smsOptIn,
        emailOptIn: customer.emailOptIn,
        reputationScore: customer.reputationScore,
        tags: customer.tags,
        timezone: customer.timezone ?? tenant.timezone,
      },
    };
  };
}
