import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, Pet } from '../../../db/entities';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';

export interface PublicCustomerInput {
  name: string;
  email?: string | null;
  phone?: string | null;
  smsOptIn?: boolean;
  emailOptIn?: boolean;
  marketingOptIn?: boolean;
}

/**
 * The customer a public booking is for: the one with this email, else this phone, else a new
 * one. An existing customer's details are never overwritten by an anonymous form (only gaps are
 * filled), so nobody can change another person's contact data by booking in their name.
 */
export async function matchOrCreateCustomer(em: EntityManager, tenantId: string, input: PublicCustomerInput): Promise<{ customer: Customer; created: boolean }> {
  const email = input.email?.trim().toLowerCase() || undefined;
  const phone = input.phone?.trim() || undefined;
  if (!email && !phone) throw new AppError('VALIDATION_FAILED', 'Give an email address or a phone number', [{ path: 'customer.email', message: 'email or phone is required' }]);
  const existing =
    (email ? await em.findOne(Customer, { email }, { orderBy: { createdAt: 'asc' } }) : null) ??
    (phone ? await em.findOne(Customer, { phone }, { orderBy: { createdAt: 'asc' } }) : null);
  if (existing) {
    if (!existing.email && email) existing.email = email;
    if (!existing.phone && phone) existing.phone = phone;
    if (input.smsOptIn) existing.smsOptIn = true;
    if (input.emailOptIn) existing.emailOptIn = true;
    return { customer: existing, created: false };
  }
  const customer = createInTenant({ em, tenantId }, Customer, {
    name: input.name.trim(),
    email,
    phone,
    smsOptIn: input.smsOptIn ?? false,
    emailOptIn: input.emailOptIn ?? Boolean(email),
    marketingOptIn: input.marketingOptIn ?? false,
    tags: ['online'],
  });
  return { customer, created: true };
}

/** The pet named in a public booking: the customer's pet of that name, else a new one. */
export async function matchOrCreatePet(em: EntityManager, tenantId: string, customerId: string, input: { name: string; species: string; breed?: string | null }): Promise<Pet> {
  const existing = await em.findOne(Pet, { customerId, name: { $ilike: input.name.trim() }, active: true });
  if (existing) return existing;
  return createInTenant({ em, tenantId }, Pet, { customerId, name: input.name.trim(), species: input.species.trim(), breed: input.breed?.trim() || undefined });
}
