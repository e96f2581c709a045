import { AvailabilityInputError } from './errors';
import { DAY_MS, MINUTE_MS, type ZoneClock, dayNumberOf, isoWeekdayOf } from './local-time';
import type { DateOverride, Interval, WeeklyRule } from './types';

/**
 * Weekly rules and date overrides → working windows as UTC instants, per local day, DST-safe.
 * Precedence on a local date (read in the staff member's zone):
 *   1. the staff member's own overrides for that date: closed wins, else their hours replace the rules;
 *   2. else business-wide overrides (staffId null): closed closes the day, hours cap the rules;
 *   3. else the weekly rules for that ISO weekday.
 * A boundary maps to the first instant the local clock reads that time or later (see docs).
 */

export interface WorkingWindow extends Interval {
  /** Local day (days since epoch, in the staff member's zone) the window opens on. */
  dayNumber: number;
  /** Wall-clock anchor of the slot grid: the rule's local start, even when it falls in a DST gap. */
  anchorWall: number;
  /** Wall-clock end, the grid's stopping point. */
  endWall: number;
}

/** A span of local minutes from midnight of its day; `end` may pass 1440 for overnight hours. */
interface MinuteRange {
  start: number;
  end: number;
}

const TIME_PATTERN = /^(\d{2}):(\d{2})(?::00)?$/;

/** Minutes after local midnight of "HH:mm"; "24:00" allowed only as an end. */
export function parseLocalTime(value: string, allowEndOfDay: boolean): number {
  const match = TIME_PATTERN.exec(value);
  const hours = match ? Number(match[1]) : NaN;
  const minutes = match ? Number(match[2]) : NaN;
  const endOfDay = hours === 24 && minutes === 0;
  if (!match || minutes > 59 || (hours > 23 && !(allowEndOfDay && endOfDay))) {
    throw new AvailabilityInputError(`"${value}" is not a time of day (HH:mm)`);
  }
  return hours * 60 + minutes;
}

function toMinuteRange(startTime: string, endTime: string): MinuteRange | null {
  const start = parseLocalTime(startTime, false);
  let end = parseLocalTime(endTime, true);
  if (end === start) return null;
  if (end < start) end += 1440;
  return { start, end };
}

function mergeMinuteRanges(ranges: MinuteRange[]): MinuteRange[] {
  ranges.sort((a, b) => a.start - b.start);
  const merged: MinuteRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

function intersectMinuteRanges(a: MinuteRange[], b: MinuteRange[]): MinuteRange[] {
  const result: MinuteRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (start < end) result.push({ start, end });
    }
  }
  return mergeMinuteRanges(result);
}

function overrideRanges(overrides: readonly DateOverride[]): MinuteRange[] | 'closed' {
  if (overrides.some((o) => o.closed)) return 'closed';
  const ranges: MinuteRange[] = [];
  for (const override of overrides) {
    if (!override.startTime || !override.endTime) {
      throw new AvailabilityInputError(
        `The override on ${override.date} needs either closed: true or both startTime and endTime`,
      );
    }
    const range = toMinuteRange(override.startTime, override.endTime);
    if (range) ranges.push(range);
  }
  return mergeMinuteRanges(ranges);
}

/** Overrides grouped by local day number. */
export function groupOverridesByDay(overrides: readonly DateOverride[]): Map<number, DateOverride[]> {
  const byDay = new Map<number, DateOverride[]>();
  for (const override of overrides) {
    const day = dayNumberOf(override.date);
    const list = byDay.get(day);
    if (list) list.push(override);
    else byDay.set(day, [override]);
  }
  return byDay;
}

export interface WorkingHoursOptions {
  zone: ZoneClock;
  /** This staff member's weekly rules. */
  rules: readonly WeeklyRule[];
  /** This staff member's overrides, by local day number. */
  staffOverrides: ReadonlyMap<number, readonly DateOverride[]>;
  /** Business-wide overrides, by local day number. */
  businessOverrides: ReadonlyMap<number, readonly DateOverride[]>;
  /** Local days to cover, inclusive. */
  fromDay: number;
  toDay: number;
}

/** Local minute ranges of one day after overrides. */
function rangesForDay(day: number, byWeekday: MinuteRange[][], options: WorkingHoursOptions): MinuteRange[] {
  const own = options.staffOverrides.get(day);
  if (own && own.length > 0) {
    const ranges = overrideRanges(own);
    return ranges === 'closed' ? [] : ranges;
  }
  const weekly = byWeekday[isoWeekdayOf(day)];
  const business = options.businessOverrides.get(day);
  if (business && business.length > 0) {
    const ranges = overrideRanges(business);
    return ranges === 'closed' ? [] : intersectMinuteRanges(weekly, ranges);
  }
  return weekly;
}

/** Working windows of one staff member, sorted by start, overlapping windows merged. */
export function buildWorkingWindows(options: WorkingHoursOptions): WorkingWindow[] {
  const byWeekday: MinuteRange[][] = Array.from({ length: 8 }, () => []);
  for (const rule of options.rules) {
    if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
      throw new AvailabilityInputError(`Weekday ${rule.weekday} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
    }
    const range = toMinuteRange(rule.startTime, rule.endTime);
    if (range) byWeekday[rule.weekday].push(range);
  }
  for (let weekday = 1; weekday <= 7; weekday++) byWeekday[weekday] = mergeMinuteRanges(byWeekday[weekday]);

  const windows: WorkingWindow[] = [];
  for (let day = options.fromDay; day <= options.toDay; day++) {
    for (const range of rangesForDay(day, byWeekday, options)) {
      const anchorWall = day * DAY_MS + range.start * MINUTE_MS;
      const endWall = day * DAY_MS + range.end * MINUTE_MS;
      const start = options.zone.firstInstantAtOrAfter(anchorWall);
      const end = options.zone.firstInstantAtOrAfter(endWall);
      if (end <= start) continue;
      const last = windows[windows.length - 1];
      if (last && start <= last.end) {
        if (end > last.end) {
          last.end = end;
          last.endWall = endWall;
        }
      } else {
        windows.push({ start, end, dayNumber: day, anchorWall, endWall });
      }
    }
  }
  return windows;
}

