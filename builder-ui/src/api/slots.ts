import { ApiError } from './errors';

/** A bookable start, as the availability engine answers it. */
export interface Slot {
  startsAt: string;
  endsAt: string;
  staffIds: string[];
  seatsLeft?: number;
  seatsLeftByStaff?: Record<string, number>;
}

export interface Availability {
  serviceId: string;
  timezone: string;
  slots: Slot[];
}

/** The next free slots a 409 SLOT_TAKEN / SLOT_UNAVAILABLE carries in its details. */
export function nextSlotsOf(error: unknown): Slot[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  const slots: Slot[] = [];
  for (const detail of error.details as unknown[]) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { code, slot } = detail as { code?: unknown; slot?: unknown };
    if (code !== 'NEXT_FREE_SLOT' || typeof slot !== 'object' || slot === null) continue;
    const s = slot as Partial<Slot>;
    if (typeof s.startsAt === 'string' && typeof s.endsAt === 'string') slots.push({ startsAt: s.startsAt, endsAt: s.endsAt, staffIds: Array.isArray(s.staffIds) ? s.staffIds : [] });
  }
  return slots;
}

export const isSlotRefusal = (error: unknown) => error instanceof ApiError && error.status === 409 && (error.code === 'SLOT_TAKEN' || error.code === 'SLOT_UNAVAILABLE');
