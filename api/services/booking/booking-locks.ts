import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Transaction-scoped advisory locks, taken in a fixed order so two bookings never wait on each
 * other in a cycle. A staff lock serialises checks of one person's calendar (buffers and group
 * seats are beyond the exclusion constraint); a customer lock guards the active-bookings limit.
 */
export async function lockBookingKeys(tx: EntityManager, keys: readonly string[]): Promise<void> {
  for (const key of [...new Set(keys)].sort()) {
    await tx.execute('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`booking:${key}`]);
  }
}

export const staffLockKey = (tenantId: string, staffId: string) => `${tenantId}:staff:${staffId}`;
export const customerLockKey = (tenantId: string, customerId: string) => `${tenantId}:customer:${customerId}`;
