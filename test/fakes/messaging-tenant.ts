import { randomBytes, randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Appointment, Customer, MessageTemplate, Service, Tenant } from '../../db/entities';
import { DEMO_TEMPLATES } from '../../db/seeders/demo/templates';

/** A tenant with the demo templates, one service, one customer and one upcoming appointment. */
export interface MessagingTenant {
  tenantId: string;
  customerId: string;
  serviceId: string;
  appointmentId: string;
  startsAt: Date;
  /** A run context for that appointment (workflows/dsl/context.ts shape). */
  context: Record<string, unknown>;
}

export async function createMessagingTenant(
  orm: MikroORM,
  opts: { phone?: string; email?: string; timezone?: string; customer?: Partial<Customer>; startsAt?: Date } = {},
): Promise<MessagingTenant> {
  const em = orm.em.fork();
  const tenant = em.create(Tenant, {
    name: 'Paws & Claws',
    slug: `paws-${randomBytes(4).toString('hex')}`,
    timezone: opts.timezone ?? 'America/New_York',
  });
  em.setFilterParams('tenant', { tenantId: tenant.id });
  const customer = em.create(Customer, {
    tenantId: tenant.id,
    name: 'Ava Stone',
    phone: opts.phone ?? `+1212555${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}`,
    email: opts.email ?? `ava.${randomBytes(3).toString('hex')}@example.com`,
    smsOptIn: true,
    emailOptIn: true,
    whatsappOptIn: true,
    ...opts.customer,
  });
  const service = em.create(Service, { tenantId: tenant.id, name: 'Full groom', durationMinutes: 90, priceCents: 6500 });
  const startsAt = opts.startsAt ?? new Date(Date.now() + 3 * 86_400_000);
  const appointmentId = randomUUID();
  const appointment = em.create(Appointment, {
    id: appointmentId,
    tenantId: tenant.id,
    serviceId: service.id,
    customerId: customer.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 90 * 60_000),
    priceCents: 6500,
    status: 'confirmed',
    workflowId: `appointment:${tenant.id}:${appointmentId}`,
  });
  for (const spec of DEMO_TEMPLATES) {
    em.create(MessageTemplate, { tenantId: tenant.id, key: spec.key, name: spec.name, channel: spec.channel, subject: spec.subject, body: spec.body, system: true });
  }
  await em.flush();
  return {
    tenantId: tenant.id,
    customerId: customer.id,
    serviceId: service.id,
    appointmentId: appointment.id,
    startsAt,
    context: {
      tenant: { id: tenant.id, name: tenant.name, slug: tenant.slug, timezone: tenant.timezone, currency: 'USD', email: 'hello@paws.example' },
      appointment: {
        id: appointment.id,
        startsAt: startsAt.toISOString(),
        endsAt: appointment.endsAt.toISOString(),
        status: 'confirmed',
        durationMinutes: 90,
        locationName: 'Main Street',
      },
      service: { id: service.id, name: service.name, durationMinutes: 90 },
      staff: { id: randomUUID(), name: 'Sam' },
      customer: { id: customer.id, name: customer.name, firstName: 'Ava', phone: customer.phone, email: customer.email, timezone: null },
      vars: {},
      event: { type: 'appointment.booked', at: new Date().toISOString() },
    },
  };
}
