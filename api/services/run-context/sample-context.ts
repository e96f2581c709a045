import { DateTime } from 'luxon';
import { Service, Staff, Tenant } from '../../../db/entities';
import type { RunContext } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';

export type TenantSection = RunContext['tenant'];

/** The tenant as a run sees it (activities/appointment-snapshot.ts builds the same section). */
export async function tenantSection(ctx: Pick<RequestContext, 'em' | 'tenantId'>): Promise<TenantSection> {
  const tenant = await ctx.em.findOne(Tenant, { id: ctx.tenantId });
  if (!tenant) throw notFound('Business', ctx.tenantId);
  return {
    id: tenant.id,
    name: tenant.name,
    slug: tenant.slug,
    timezone: tenant.timezone,
    currency: tenant.currency,
    policies: { ...tenant.policies },
  };
}

/**
 * A believable context for previews and simulations when no real appointment is given: the
 * tenant as it is, its first service and staff member when it has them, and a sample customer,
 * pet and vaccination. The appointment is two days after `at`, at 10:00 in the tenant's zone.
 */
export async function sampleContext(
  ctx: Pick<RequestContext, 'em' | 'tenantId'>,
  options: { at: Date; triggerEvent: string },
): Promise<RunContext> {
  const tenant = await tenantSection(ctx);
  const [service, staff] = await Promise.all([
    ctx.em.findOne(Service, { active: true }, { orderBy: { name: 'asc' } }),
    ctx.em.findOne(Staff, { active: true }, { orderBy: { name: 'asc' } }),
  ]);
  const local = DateTime.fromJSDate(options.at, { zone: tenant.timezone });
  const durationMinutes = service?.durationMinutes ?? 60;
  const startsAt = local.plus({ days: 2 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
  const iso = (value: DateTime) => value.toUTC().toISO() as string;
  return {
    tenant,
    appointment: {
      id: 'sample-appointment',
      status: 'pending',
      startsAt: iso(startsAt),
      endsAt: iso(startsAt.plus({ minutes: durationMinutes })),
      priceCents: service?.priceCents ?? 5000,
      source: 'online',
      durationMinutes,
      createdAt: iso(local),
      participantCount: 1,
    },
    service: {
      id: service?.id ?? 'sample-service',
      name: service?.name ?? 'Sample service',
      category: service?.category ?? null,
      durationMinutes,
      priceCents: service?.priceCents ?? 5000,
    },
    staff: { id: staff?.id ?? 'sample-staff', name: staff?.name ?? 'Sam Sample', email: staff?.email ?? 'staff@example.com' },
    customer: {
      id: 'sample-customer',
      name: 'Alex Sample',
      firstName: 'Alex',
      phone: '+15555550123',
      email: 'alex.sample@example.com',
      smsOptIn: true,
      emailOptIn: true,
      whatsappOptIn: false,
      preferredChannel: 'sms',
      reputationScore: 100,
      noShowCount: 0,
      visitCount: 3,
      lastVisitAt: iso(local.minus({ days: 60 })),
      // Today, so a birthday automation's filter matches in a simulation.
      birthday: `1990-${local.toFormat('MM-dd')}`,
      tags: [],
      timezone: tenant.timezone,
    },
    pets: [{ id: 'sample-pet', name: 'Biscuit', species: 'dog', breed: 'Beagle' }],
    vaccination: {
      id: 'sample-vaccination',
      name: 'Rabies',
      petId: 'sample-pet',
      petName: 'Biscuit',
      administeredAt: iso(local.minus({ days: 320 })),
      expiresAt: iso(local.plus({ days: 45 })),
    },
    vars: {},
    event: { type: options.triggerEvent, at: iso(local) },
  };
}
