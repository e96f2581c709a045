import type { EntityManager } from '@mikro-orm/postgresql';
import { Location } from '../../entities/location';
import { defaultPolicies, Tenant } from '../../entities/tenant';

export const DEMO_SLUG = 'demo';
export const DEMO_BUSINESS_NAME = 'Pawsh Grooming';
export const DEMO_TIMEZONE = 'America/New_York';

export function buildTenant(em: EntityManager, createdAt: Date): Tenant {
  return em.create(
    Tenant,
    {
      name: DEMO_BUSINESS_NAME,
      slug: DEMO_SLUG,
      timezone: DEMO_TIMEZONE,
      currency: 'USD',
      policies: defaultPolicies(),
      branding: { primaryColor: '#0f766e' },
      createdAt,
      updatedAt: createdAt,
    },
    { persist: false },
  );
}

export function buildLocation(em: EntityManager, tenantId: string, createdAt: Date): Location {
  return em.create(
    Location,
    {
      tenantId,
      name: 'Pawsh Grooming — Park Slope',
      address: '214 7th Avenue, Brooklyn, NY 11215',
      phone: '+17185550100',
      createdAt,
      updatedAt: createdAt,
    },
    { persist: false },
  );
}
