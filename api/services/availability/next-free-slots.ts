import type { EntityManager } from '@mikro-orm/postgresql';
import type { Service, Tenant } from '../../../db/entities';
import type { AvailableSlot } from '../../domain/availability';
import { loadAvailabilityInput } from './load-availability-input';
import { runEngine } from './find-slots';

const DAY_MS = 86_400_000;

/**
 * The first free slots at or after `after` (the answer to a slot someone else just took), looking
 * ahead a fortnight at a time up to `horizonDays`. With a staff member: theirs, else anyone's.
 */
export async function nextFreeSlots(options: {
  em: EntityManager;
  tenant: Tenant;
  service: Service;
  after: Date;
  staffId?: string | null;
  seats?: number;
  limit?: number;
  horizonDays?: number;
  now?: Date;
}): Promise<AvailableSlot[]> {
  const limit = options.limit ?? 3;
  const now = options.now ?? new Date();
  const horizon = (options.horizonDays ?? 42) * DAY_MS;
  const start = Math.max(options.after.getTime(), now.getTime());
  const found: AvailableSlot[] = [];
  for (let from = start; from < start + horizon && found.length < limit; from += 14 * DAY_MS) {
    const to = Math.min(from + 14 * DAY_MS, start + horizon);
    const loaded = await loadAvailabilityInput({ em: options.em, tenant: options.tenant, service: options.service, from, to, now });
    if (loaded.staff.length === 0) return [];
    const slots = runEngine({ ...loaded, from, to, now, staffIds: options.staffId ? [options.staffId] : null, seats: options.seats ?? 1 });
    found.push(...slots.slice(0, limit - found.length));
  }
  return found;
}
