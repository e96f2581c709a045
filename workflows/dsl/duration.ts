import { type DateTime } from 'luxon';

/**
 * A signed ISO-8601 duration as written in a definition ("PT2H", "-PT24H", "P30D", "-P1DT2H").
 * Stricter than luxon: at least one component, integers except seconds, one sign for the whole
 * duration, and no years/months mixed with time parts that luxon would silently misread.
 */
const ISO_DURATION = /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export interface ParsedDuration {
  sign: 1 | -1;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseIsoDuration(text: string): ParsedDuration | null {
  if (typeof text !== 'string') return null;
  const m = ISO_DURATION.exec(text.trim());
  if (!m) return null;
  if (m.slice(2).every((part) => part === undefined)) return null;
  if (/T$/.test(text.trim())) return null;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  return {
    sign: m[1] === '-' ? -1 : 1,
    years: n(2),
    months: n(3),
    weeks: n(4),
    days: n(5),
    hours: n(6),
    minutes: n(7),
    seconds: n(8),
  };
}

export function isIsoDuration(text: string): boolean {
  return parseIsoDuration(text) !== null;
}

/**
 * Applies a duration with the DST rule of the DSL: whole days (days, weeks, months, years, and
 * hours in multiples of 24) move the local calendar date and keep the wall-clock time in the
 * DateTime's zone; the remaining hours, minutes and seconds are exact elapsed time.
 * So "-PT24H" before Sunday 10:00 is Saturday 10:00 local even across a DST change,
 * while "-PT2H" is always exactly two hours earlier.
 */
export function shiftByDuration(at: DateTime, duration: ParsedDuration): DateTime {
  const wholeDaysFromHours = Math.trunc(duration.hours / 24);
  const remainingHours = duration.hours - wholeDaysFromHours * 24;
  const s = duration.sign;
  const calendar = at.plus({
    years: s * duration.years,
    months: s * duration.months,
    weeks: s * duration.weeks,
    days: s * (duration.days + wholeDaysFromHours),
  });
  const exactMs = ((remainingHours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return calendar.plus({ milliseconds: s * exactMs });
}

/** Nominal length in milliseconds (days = 24 h); for size checks and ordering only, never for scheduling. */
export function nominalMs(duration: ParsedDuration): number {
  const days = duration.years * 365 + duration.months * 30 + duration.weeks * 7 + duration.days;
  return duration.sign * (((days * 24 + duration.hours) * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
}
