import { IANAZone } from 'luxon';
import { AvailabilityInputError } from './errors';

/**
 * Wall-clock arithmetic in one IANA zone. A "wall" value is the local date-time written as
 * if it were UTC epoch milliseconds (2025-03-09 02:30 local → Date.UTC(2025, 2, 9, 2, 30)),
 * which makes local days and minutes plain integer maths; an "instant" is real epoch ms.
 *
 * Assumes a zone never changes its offset twice within 24 hours, which holds for every
 * zone in the tz database since standard time zones were adopted.
 */

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a "YYYY-MM-DD" local date. */
export function dayNumberOf(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new AvailabilityInputError(`"${date}" is not a date (YYYY-MM-DD)`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const wall = Date.UTC(year, month - 1, day);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new AvailabilityInputError(`"${date}" is not a calendar date`);
  }
  return wall / DAY_MS;
}

export function dateOfDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; day 0 was a Thursday. */
export function isoWeekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7 + 1;
}

interface DayOffsets {
  before: number;
  after: number;
  /** First instant with `after`; +Infinity when the day keeps one offset. */
  changesAt: number;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

export class ZoneClock {
  private readonly zone: IANAZone;
  /** Offsets of each UTC day looked at: one, or the change within the day. */
  private readonly dayOffsets = new Map<number, DayOffsets>();

  private constructor(readonly name: string) {
    this.zone = IANAZone.create(name);
  }

  private static readonly clocks = new Map<string, ZoneClock>();

  /** One shared clock per zone; throws on a name the tz database does not know. */
  static of(name: string): ZoneClock {
    let clock = ZoneClock.clocks.get(name);
    if (!clock) {
      if (!IANAZone.isValidZone(name)) throw new AvailabilityInputError(`"${name}" is not a known IANA time zone`);
      clock = new ZoneClock(name);
      ZoneClock.clocks.set(name, clock);
    }
    return clock;
  }

  /** UTC offset in minutes at an instant. */
  offsetAt(instant: number): number {
    const utcDay = Math.floor(instant / DAY_MS);
    let day = this.dayOffsets.get(utcDay);
    if (day === undefined) {
      day = this.offsetsOfUtcDay(utcDay);
      this.dayOffsets.set(utcDay, day);
    }
    return instant < day.changesAt ? day.before : day.after;
  }

  private offsetsOfUtcDay(utcDay: number): DayOffsets {
    let lo = utcDay * DAY_MS;
    let hi = lo + DAY_MS - MINUTE_MS;
    const before = this.zone.offset(lo);
    const after = this.zone.offset(hi);
    if (before === after) return { before, after, changesAt: Number.POSITIVE_INFINITY };
    // Offsets change on whole minutes: find the first minute with the new offset.
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (this.zone.offset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, changesAt: hi };
  }

  toWall(instant: number): number {
    return instant + this.offsetAt(instant) * MINUTE_MS;
  }

  /**
   * The instants at which the local clock shows `wall`: one normally, none inside a
   * spring-forward gap, two (earlier first) inside a fall-back repeat.
   */
  instantsOf(wall: number): number[] {
    const before = this.offsetAt(wall - DAY_MS);
    const after = this.offsetAt(wall + DAY_MS);
    const first = wall - before * MINUTE_MS;
    if (before === after) return this.offsetAt(first) === before ? [first] : this.exactInstantsOf(wall);
    const second = wall - after * MINUTE_MS;
    const found: number[] = [];
    if (this.offsetAt(first) === before) found.push(first);
    if (this.offsetAt(second) === after) found.push(second);
    return found.sort((a, b) => a - b);
  }

  /**
   * The first instant at which the local clock reads `wall` or later: the first occurrence
   * in a fall-back repeat, the moment of the jump inside a spring-forward gap.
   */
  firstInstantAtOrAfter(wall: number): number {
    const instants = this.instantsOf(wall);
    if (instants.length > 0) return instants[0];
    // In a gap the jump lies between the instant read with the new offset and the one read
    // with the old offset; find it to the minute.
    let lo = wall - this.offsetAt(wall + DAY_MS) * MINUTE_MS;
    let hi = wall - this.offsetAt(wall - DAY_MS) * MINUTE_MS;
    const oldOffset = this.offsetAt(lo);
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (this.offsetAt(mid) === oldOffset) lo = mid;
      else hi = mid;
    }
    return hi;
  }

  /** "YYYY-MM-DDTHH:mm:ss±HH:MM" in this zone, seconds always shown, no milliseconds. */
  formatIso(instant: number): string {
    const offset = this.offsetAt(instant);
    const local = new Date(instant + offset * MINUTE_MS);
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return (
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
      `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
      `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
    );
  }

  /** Local day number of an instant. */
  dayNumberAt(instant: number): number {
    return Math.floor(this.toWall(instant) / DAY_MS);
  }

  /** Exact search for the rare case where both neighbouring days share an offset yet `wall` is odd. */
  private exactInstantsOf(wall: number): number[] {
    const found = new Set<number>();
    for (let offset = -18 * 60; offset <= 18 * 60; offset += 15) {
      const candidate = wall - offset * MINUTE_MS;
      if (this.zone.offset(candidate) === offset) found.add(candidate);
    }
    return [...found].sort((a, b) => a - b);
  }
}

const OFFSET_SUFFIX = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Epoch ms of an instant input; text must carry `Z` or an offset, so it never depends on the machine's zone. */
export function parseInstant(value: string | Date | number, path: string): number {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (value instanceof Date) ms = value.getTime();
  else if (!OFFSET_SUFFIX.test(value)) {
    throw new AvailabilityInputError(`${path}: "${value}" needs a UTC offset or Z`, path);
  } else ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new AvailabilityInputError(`${path}: "${String(value)}" is not a valid instant`, path);
  return ms;
}
