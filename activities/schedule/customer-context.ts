import type { Customer, Pet, Tenant } from '../../db/entities';

/** Optional fields are left out rather than set to undefined, so contexts are plain JSON. */
function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The `tenant` section of a run context. */
export function tenantSection(tenant: Tenant): Record<string, unknown> & { id: string; timezone: string } {
  return { id: tenant.id, name: tenant.name, slug: tenant.slug, timezone: tenant.timezone, currency: tenant.currency, policies: tenant.policies };
}

/** The `customer` section of a run context (the same fields an appointment's runs see). */
export function customerSection(customer: Customer, tenant: Tenant): Record<string, unknown> & { id: string } {
  return defined({
    id: customer.id,
    name: customer.name,
    firstName: customer.name.trim().split(/\s+/)[0] ?? customer.name,
    phone: customer.phone ?? null,
    email: customer.email ?? null,
    smsOptIn: customer.smsOptIn && !customer.smsOptedOutAt,
    emailOptIn: customer.emailOptIn,
    whatsappOptIn: customer.whatsappOptIn,
    marketingOptIn: customer.marketingOptIn,
    preferredChannel: customer.channelPreferences[0] ?? 'sms',
    reputationScore: customer.reputationScore,
    noShowCount: customer.noShowCount,
    visitCount: customer.visitCount,
    lastVisitAt: customer.lastVisitAt?.toISOString(),
    birthday: customer.birthday,
    tags: customer.tags,
    timezone: customer.timezone ?? tenant.timezone,
  });
}

export function petSection(pet: Pet): Record<string, unknown> {
  return defined({ id: pet.id, name: pet.name, species: pet.species, breed: pet.breed, birthday: pet.birthDate });
}
