import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, type Service, Staff, type Tenant } from '../../db/entities';
import type { AvailableSlot } from '../domain/availability';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors';
import { nextFreeSlots } from './availability/next-free-slots';
import { parallelReads } from './parallel-reads';

/** The next free slots as error details, so the caller can offer one at once. */
export function slotDetails(slots: readonly AvailableSlot[]): ErrorDetail[] {
  return slots.map((slot, i) => ({
    path: `nextSlots.${i}`,
    message: `free from ${slot.startsAt} to ${slot.endsAt}`,
    code: 'NEXT_FREE_SLOT',
    slot: { startsAt: slot.startsAt, endsAt: slot.endsAt, staffIds: slot.staffIds, ...(slot.seatsLeft !== undefined ? { seatsLeft: slot.seatsLeft } : {}) },
  }));
}

/** Looks up the next free slots of the service (best effort: an error here never hides the 409). */
export async function safeNextSlots(options: Parameters<typeof nextFreeSlots>[0] & { logger?: { warn(obj: object, msg: string): void } }): Promise<AvailableSlot[]> {
  try {
    return await nextFreeSlots(options);
  } catch (err) {
    options.logger?.warn({ err }, 'could not work out the next free slots');
    return [];
  }
}

/**
 * The answer to a slot that is no longer free (the exclusion constraint, or a check under the
 * staff lock): who is busy, the booking in the way, and the next free slots in `details`.
 */
export async function slotTakenError(
  ctx: { em: EntityManager },
  slot: { staffId: string; startsAt: Date; endsAt: Date; service?: Service; tenant?: Tenant; seats?: number; code?: ErrorCode },
): Promise<AppError> {
  // The caller's own manager: inside a caller's transaction a fork would wait for a second connection.
  const em = ctx.em;
  const [staff, clash] = await parallelReads(em, [
    () => (slot.staffId ? em.findOne(Staff, { id: slot.staffId }) : Promise.resolve(null)),
    () => slot.staffId
      ? em.findOne(
          Appointment,
          { staffId: slot.staffId, status: { $ne: 'cancelled' }, startsAt: { $lt: slot.endsAt }, endsAt: { $gt: slot.startsAt } },
          { orderBy: { startsAt: 'asc' } },
        )
      : Promise.resolve(null),
  ] as const);
  const next =
    slot.service && slot.tenant
      ? await safeNextSlots({ em, tenant: slot.tenant, service: slot.service, after: slot.startsAt, staffId: slot.staffId || null, seats: slot.seats ?? 1 })
      : [];
  const who = staff?.name ?? 'This staff member';
  const when = clash ? ` from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()}` : '';
  const range = `${slot.startsAt.toISOString()}–${slot.endsAt.toISOString()}`;
  const message = slot.staffId
    ? `${who} is already booked${when}; the requested slot ${range} overlaps it. Pick another time or staff member.`
    : `Nobody is free for the requested slot ${range}. Pick another time.`;
  return new AppError(slot.code ?? 'SLOT_TAKEN', message, [
    { path: 'startsAt', message: clash ? `overlaps an existing appointment${when}` : 'is no longer free' },
    ...slotDetails(next),
  ]);
}
