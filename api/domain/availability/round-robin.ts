import { parseInstant } from './local-time';
import type { ExistingAppointment, InstantInput, RoundRobinLoad, StaffMember } from './types';

/**
 * Weighted, fair round robin. Staff are ordered by
 *   1. bookings / weight, ascending (compared by cross-multiplication, no float ties);
 *   2. least recent booking first (never booked comes first);
 *   3. staff id, so the order is total and deterministic.
 * A weight of zero or less puts the person after everyone with a positive weight.
 */

export interface RoundRobinEntry {
  staffId: string;
  weight: number;
  bookings: number;
  /** Epoch ms of the latest booking, null when none. */
  lastBookedAt: number | null;
}

export function compareRoundRobin(a: RoundRobinEntry, b: RoundRobinEntry): number {
  const aIdle = a.weight <= 0;
  const bIdle = b.weight <= 0;
  if (aIdle !== bIdle) return aIdle ? 1 : -1;
  const loadOrder = aIdle ? a.bookings - b.bookings : a.bookings * b.weight - b.bookings * a.weight;
  if (loadOrder !== 0) return loadOrder;
  const aLast = a.lastBookedAt ?? Number.NEGATIVE_INFINITY;
  const bLast = b.lastBookedAt ?? Number.NEGATIVE_INFINITY;
  if (aLast !== bLast) return aLast < bLast ? -1 : 1;
  return a.staffId < b.staffId ? -1 : a.staffId > b.staffId ? 1 : 0;
}

export interface RoundRobinOptions {
  staff: readonly Pick<StaffMember, 'id' | 'weight'>[];
  load?: readonly RoundRobinLoad[] | null;
}

export function roundRobinEntries({ staff, load }: RoundRobinOptions): RoundRobinEntry[] {
  const byStaff = new Map((load ?? []).map((entry) => [entry.staffId, entry]));
  return staff.map((member) => {
    const entry = byStaff.get(member.id);
    return {
      staffId: member.id,
      weight: member.weight ?? 1,
      bookings: entry?.bookings ?? 0,
      lastBookedAt:
        entry?.lastBookedAt == null ? null : parseInstant(entry.lastBookedAt, `load.${member.id}.lastBookedAt`),
    };
  });
}

/** Every staff member's id, best round-robin choice first. */
export function rankStaffByRoundRobin(options: RoundRobinOptions): string[] {
  return roundRobinEntries(options)
    .sort(compareRoundRobin)
    .map((entry) => entry.staffId);
}

/** The staff member round robin assigns among `candidateStaffIds` (e.g. those free for a slot), or null. */
export function pickRoundRobinStaff(
  options: RoundRobinOptions & { candidateStaffIds: readonly string[] },
): string | null {
  const candidates = new Set(options.candidateStaffIds);
  const staff = options.staff.filter((member) => candidates.has(member.id));
  return rankStaffByRoundRobin({ staff, load: options.load })[0] ?? null;
}

/**
 * Load per staff member from their appointments starting in [from, to): every
 * non-cancelled booking counts once; recency is `bookedAt`, else `startsAt`.
 */
export function countRoundRobinLoad(options: {
  appointments: readonly ExistingAppointment[];
  from: InstantInput;
  to: InstantInput;
}): RoundRobinLoad[] {
  const from = parseInstant(options.from, 'from');
  const to = parseInstant(options.to, 'to');
  const load = new Map<string, { bookings: number; last: number }>();
  for (const appointment of options.appointments) {
    if (!appointment.staffId || appointment.status === 'cancelled') continue;
    const startsAt = parseInstant(appointment.startsAt, 'appointments.startsAt');
    if (startsAt < from || startsAt >= to) continue;
    const bookedAt =
      appointment.bookedAt == null ? startsAt : parseInstant(appointment.bookedAt, 'appointments.bookedAt');
    const entry = load.get(appointment.staffId) ?? { bookings: 0, last: Number.NEGATIVE_INFINITY };
    entry.bookings += 1;
    entry.last = Math.max(entry.last, bookedAt);
    load.set(appointment.staffId, entry);
  }
  return [...load].map(([staffId, entry]) => ({
    staffId,
    bookings: entry.bookings,
    lastBookedAt: new Date(entry.last).toISOString(),
  }));
}
