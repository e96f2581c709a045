import type { DateTime } from 'luxon';
import type { DemoContext } from './context';
import type { DemoCustomer } from './customers';
import type { DemoPet } from './pets';
import type { DemoService } from './services';
import type { DemoStaff } from './staff';

export interface SchedulePlanOptions {
  staff: DemoStaff[];
  customers: DemoCustomer[];
  petsByCustomer: Map<string, DemoPet[]>;
  pastDays: number;
  futureDays: number;
}

export interface Candidate {
  customer: DemoCustomer;
  pet: DemoPet;
}

/** A booking's place in the calendar: who, for which pet, with whom, when. */
export interface Slot extends Candidate {
  service: DemoService;
  member: DemoStaff;
  startsAt: DateTime;
  endsAt: DateTime;
}

const SLOT_MINUTES = 15;
const DAY_MS = 86_400_000;
/** Share of free future slots that already hold a booking: a handful, not a full week. */
const FUTURE_FILL = 0.14;

/**
 * Lays bookings end to end on each staff member's weekly hours, in the tenant's zone, from
 * `pastDays` ago to `futureDays` ahead. Each staff day is walked with a cursor, so nobody is
 * ever double-booked; buffers and idle gaps sit between bookings, and a customer has at most
 * one booking a day.
 */
export function planSchedule(ctx: DemoContext, options: SchedulePlanOptions): { past: Slot[]; future: Slot[] } {
  const { rng } = ctx;
  const past: Slot[] = [];
  const future: Slot[] = [];
  const bookableFrom = ctx.now.plus({ hours: 1 });
  const firstDay = ctx.today.minus({ days: options.pastDays });

  // Each pet comes back on its owner's rhythm; the first visit falls somewhere in the first interval.
  const candidates: Candidate[] = options.customers.flatMap((customer) =>
    (options.petsByCustomer.get(customer.entity.id) ?? []).map((pet) => ({ customer, pet })),
  );
  const nextVisit = new Map<string, number>();
  for (const { customer, pet } of candidates) {
    const joined = customer.entity.createdAt.getTime() + DAY_MS;
    const first = firstDay.plus({ days: rng.int(0, customer.visitIntervalDays) }).toMillis();
    nextVisit.set(pet.entity.id, Math.max(joined, first));
  }

  for (let offset = -options.pastDays; offset <= options.futureDays; offset++) {
    const day = ctx.today.plus({ days: offset });
    const dayEnd = day.endOf('day').toMillis();
    const bookedToday = new Set<string>();
    for (const member of options.staff) {
      const windows = member.hours.get(day.weekday) ?? [];
      if (windows.length === 0 || (offset < 0 && rng.chance(0.04))) continue; // a day off
      for (const window of windows) {
        let cursor = atLocalTime(day, window.start);
        const closes = atLocalTime(day, window.end);
        while (cursor < closes) {
          if (rng.chance(0.25)) cursor = cursor.plus({ minutes: rng.pick([15, 30, 45, 60]) });
          const due = candidates.filter(
            (c) => !bookedToday.has(c.customer.entity.id) && (nextVisit.get(c.pet.entity.id) ?? Infinity) <= dayEnd,
          );
          const candidate = due.length > 0 ? pickCandidate(ctx, due, member) : undefined;
          const service = candidate ? pickService(ctx, member, candidate.pet, cursor, closes) : undefined;
          if (!candidate || !service) {
            cursor = cursor.plus({ minutes: SLOT_MINUTES });
            continue;
          }
          const startsAt = cursor;
          const endsAt = startsAt.plus({ minutes: service.spec.durationMinutes });
          cursor = roundUp(endsAt.plus({ minutes: service.spec.bufferAfterMinutes }));

          const isPast = endsAt <= ctx.now;
          const isFuture = startsAt >= bookableFrom && rng.chance(FUTURE_FILL);
          if (!isPast && !isFuture) continue;
          const slot: Slot = { ...candidate, service, member, startsAt, endsAt };
          bookedToday.add(candidate.customer.entity.id);
          const interval = candidate.customer.visitIntervalDays * (0.75 + rng.next() * 0.5);
          nextVisit.set(candidate.pet.entity.id, day.plus({ days: Math.round(interval) }).toMillis());
          (isPast ? past : future).push(slot);
        }
      }
    }
  }
  return { past, future };
}

/** Any pet that is due; regulars lean towards their preferred groomer. */
function pickCandidate(ctx: DemoContext, due: Candidate[], member: DemoStaff): Candidate {
  return ctx.rng.weighted(
    due.map((c) => [c, c.customer.entity.preferredStaffId === member.entity.id ? 3 : 1] as const),
  );
}

function pickService(
  ctx: DemoContext,
  member: DemoStaff,
  pet: DemoPet,
  startsAt: DateTime,
  closes: DateTime,
): DemoService | undefined {
  const entries = member.services
    .filter((s) => s.spec.species.includes(pet.species))
    .filter((s) => startsAt.plus({ minutes: s.spec.durationMinutes }) <= closes)
    .map((s) => [s, serviceWeight(s, pet)] as const)
    .filter(([, weight]) => weight > 0);
  return entries.length > 0 ? ctx.rng.weighted(entries) : undefined;
}

function serviceWeight(service: DemoService, pet: DemoPet): number {
  if (service.spec.key === 'puppy') return pet.ageYears < 1 ? 40 : 0;
  if (service.spec.key === 'deshed') return pet.breed.heavyShedder ? service.spec.popularity * 2 : 1;
  return service.spec.popularity;
}

/** A wall-clock "HH:mm" on a local day; luxon resolves it in the day's zone, DST included. */
function atLocalTime(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function roundUp(time: DateTime): DateTime {
  const minutes = time.minute % SLOT_MINUTES;
  const aligned = time.set({ second: 0, millisecond: 0 });
  return minutes === 0 && time.second === 0 && time.millisecond === 0
    ? aligned
    : aligned.plus({ minutes: SLOT_MINUTES - minutes });
}
