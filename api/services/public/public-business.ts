import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Review, Service, Staff, Tenant } from '../../../db/entities';
import { notFound } from '../../errors';

/** The business behind a public slug, with an entity manager scoped to it. */
export async function businessBySlug(orm: MikroORM, slug: string): Promise<{ em: EntityManager; tenant: Tenant }> {
  const em = orm.em.fork();
  const tenant = await em.findOne(Tenant, { slug: slug.toLowerCase() });
  if (!tenant) throw notFound('Business', slug);
  em.setFilterParams('tenant', { tenantId: tenant.id });
  return { em, tenant };
}

/** What the booking page shows: the business, its online services and the staff who take them. */
export async function publicBusiness(em: EntityManager, tenant: Tenant) {
  const services = await em.find(Service, { active: true, bookableOnline: true }, { orderBy: { category: 'asc', name: 'asc' } });
  const serviceIds = new Set(services.map((s) => s.id));
  const staff = (await em.find(Staff, { active: true }, { orderBy: { name: 'asc' } })).filter((s) => s.serviceIds.some((id) => serviceIds.has(id)));
  const ratings = await em.find(Review, { published: true }, { fields: ['rating'] });
  return {
    business: {
      name: tenant.name,
      slug: tenant.slug,
      timezone: tenant.timezone,
      currency: tenant.currency,
      branding: tenant.branding,
      policies: { cancelWindowHours: tenant.policies.cancelWindowHours, rescheduleWindowHours: tenant.policies.rescheduleWindowHours },
      rating: ratings.length ? { average: Math.round((ratings.reduce((s, r) => s + r.rating, 0) / ratings.length) * 10) / 10, count: ratings.length } : null,
    },
    services: services.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description ?? null,
      category: s.category ?? null,
      durationMinutes: s.durationMinutes,
      priceCents: s.priceCents,
      depositCents: s.depositCents ?? null,
      capacity: s.capacity,
      groupPriceTiers: s.groupPriceTiers,
      requiresVaccination: s.requiresVaccination,
      color: s.color ?? null,
    })),
    staff: staff.map((s) => ({ id: s.id, name: s.name, title: s.title ?? null, color: s.color ?? null, serviceIds: s.serviceIds.filter((id) => serviceIds.has(id)) })),
  };
}

export async function publishedReviews(em: EntityManager, limit = 20) {
  const rows = await em.find(Review, { published: true }, { orderBy: { createdAt: 'desc' }, limit });
  return rows.map((r) => ({ rating: r.rating, comment: r.comment ?? null, serviceId: r.serviceId, createdAt: r.createdAt.toISOString() }));
}
