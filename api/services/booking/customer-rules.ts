import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Appointment, type Customer, Pet, type Service, type Tenant, Vaccination } from '../../../db/entities';
import { recoverReputation } from '../../../activities/automation/reputation-recovery';
import { AppError } from '../../errors';
import { type BookingActor, isOwnerOrAdmin, type PolicyBypass } from './booking-types';

export const ACTIVE_STATUSES = ['pending', 'confirmed', 'checked_in'] as const;

/**
 * Below the business's reputation threshold (after no-shows and late cancellations) a booking is
 * refused with REPUTATION_TOO_LOW; an owner or admin may book anyway with `override: true`. The
 * recovery that clean time since the last offence has earned is credited first.
 */
export async function checkReputation(em: EntityManager, tenant: Tenant, customer: Customer, actor: BookingActor, override: boolean, now: Date): Promise<PolicyBypass[]> {
  const threshold = tenant.policies.reputationThreshold ?? 30;
  await recoverReputation(em, customer, now);
  if (customer.reputationScore >= threshold) return [];
  if (!override || !isOwnerOrAdmin(actor)) {
    const staffHint = actor.kind === 'staff' ? ' An owner or admin can book anyway with override: true.' : ' Please call the business to book.';
    throw new AppError(
      'REPUTATION_TOO_LOW',
      `${customer.name}'s reputation score is ${customer.reputationScore}, below this business's booking threshold of ${threshold} ` +
        `(${customer.noShowCount} no-show${customer.noShowCount === 1 ? '' : 's'} on record).${staffHint}`,
      [{ path: 'customerId', message: `reputation ${customer.reputationScore} is below the threshold ${threshold}`, code: 'REPUTATION_TOO_LOW' }],
    );
  }
  return [{ policy: 'reputationThreshold', facts: { reputationScore: customer.reputationScore, reputationThreshold: threshold } }];
}

/** At most `maxActiveBookings` upcoming bookings per customer; call under the customer lock. */
export async function checkActiveBookings(
  tx: EntityManager,
  tenant: Tenant,
  customerId: string,
  now: Date,
  override: boolean,
  excludeSessionKey?: string,
): Promise<PolicyBypass[]> {
  const limit = tenant.policies.maxActiveBookings ?? 10;
  const active = await tx.count(Appointment, {
    customerId,
    status: { $in: [...ACTIVE_STATUSES] },
    endsAt: { $gt: now },
    ...(excludeSessionKey ? { $or: [{ sessionKey: null }, { sessionKey: { $ne: excludeSessionKey } }] } : {}),
  });
  if (active < limit) return [];
  if (override) return [{ policy: 'maxActiveBookings', facts: { activeBookings: active, maxActiveBookings: limit } }];
  throw new AppError(
    'BOOKING_LIMIT_REACHED',
    `This customer already has ${active} upcoming bookings, the most this business allows at once (${limit}). Cancel one or wait until a visit has passed.`,
    [{ path: 'customerId', message: `${active} active bookings; the limit is ${limit}`, code: 'BOOKING_LIMIT_REACHED' }],
  );
}

/** The pet a vaccination-required service is for: the one named, else the customer's only pet. */
export async function resolvePet(em: EntityManager, service: Service, customerId: string, petId: string | null | undefined): Promise<Pet | undefined> {
  if (petId) {
    const pet = await em.findOne(Pet, { id: petId, customerId });
    if (!pet) throw new AppError('INVALID_REFERENCE', `petId: No pet with id ${petId} belongs to this customer`, [{ path: 'petId', message: `No pet with id ${petId} belongs to this customer` }]);
    return pet;
  }
  if (!service.requiresVaccination) return undefined;
  const pets = await em.find(Pet, { customerId, active: true });
  if (pets.length === 1) return pets[0];
  const why = pets.length === 0 ? 'add the pet first' : 'say which pet with petId';
  throw new AppError('VALIDATION_FAILED', `${service.name} needs up-to-date vaccinations: ${why}`, [{ path: 'petId', message: `is required for ${service.name}` }]);
}

/**
 * A vaccination-required service is refused when the pet has no vaccination on record, or when the
 * latest record of any vaccine will have expired by the appointment's local date. Staff may book
 * anyway (`overrideVaccination`), which is audit-logged.
 */
export async function checkVaccinations(options: {
  em: EntityManager;
  tenant: Tenant;
  service: Service;
  pet: Pet | undefined;
  startsAt: Date;
  actor: BookingActor;
  override: boolean;
}): Promise<PolicyBypass[]> {
  const { service, pet } = options;
  if (!service.requiresVaccination || !pet) return [];
  const records = await options.em.find(Vaccination, { petId: pet.id }, { orderBy: { administeredOn: 'asc' } });
  const latest = new Map<string, Vaccination>();
  for (const record of records) latest.set(record.name.trim().toLowerCase(), record);
  const day = DateTime.fromJSDate(options.startsAt, { zone: options.tenant.timezone }).toISODate() as string;
  const expired = [...latest.values()].filter((v) => v.expiresOn < day);
  if (latest.size > 0 && expired.length === 0) return [];
  const facts = { petId: pet.id, appointmentDate: day, expired: expired.map((v) => ({ name: v.name, expiresOn: v.expiresOn })), onRecord: latest.size };
  if (options.override && options.actor.kind === 'staff') return [{ policy: 'vaccinationRequired', facts }];
  const problem =
    latest.size === 0
      ? `${pet.name} has no vaccination on record`
      : `${pet.name}'s ${expired.map((v) => `${v.name} (expires ${v.expiresOn})`).join(', ')} will have expired by ${day}`;
  throw new AppError(
    'VACCINATION_EXPIRED',
    `${service.name} needs up-to-date vaccinations: ${problem}.${options.actor.kind === 'staff' ? ' Staff can book anyway with overrideVaccination: true.' : ' Upload a current record in your portal, or call us.'}`,
    [
      ...(latest.size === 0 ? [{ path: 'petId', message: 'no vaccination on record', code: 'VACCINATION_MISSING' }] : []),
      ...expired.map((v) => ({ path: 'petId', message: `${v.name} expires ${v.expiresOn}`, code: 'VACCINATION_EXPIRED' })),
    ],
  );
}
