import { DateTime } from 'luxon';

/** Times on the customer pages and the calendar are always shown in the business's zone. */
export const inZone = (iso: string, zone: string) => DateTime.fromISO(iso, { setZone: false }).setZone(zone);

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export const dayKeyOf = (iso: string, zone: string) => inZone(iso, zone).toISODate() as string;

export const todayIn = (zone: string) => DateTime.now().setZone(zone).startOf('day');

export const dayFromKey = (key: string, zone: string) => DateTime.fromISO(key, { zone }).startOf('day');

export const formatTime = (iso: string, zone: string) => inZone(iso, zone).toLocaleString(DateTime.TIME_SIMPLE);

export const formatDay = (iso: string, zone: string) => inZone(iso, zone).toFormat('ccc, LLL d');

export const formatLongDay = (iso: string, zone: string) => inZone(iso, zone).toFormat('cccc, LLLL d');

export const formatWhen = (iso: string, zone: string) => `${formatLongDay(iso, zone)} at ${formatTime(iso, zone)}`;

/** "EST", "GMT+1"…: shown beside times so a visitor in another zone is not misled. */
export const zoneAbbreviation = (zone: string, at?: string) => (at ? inZone(at, zone) : DateTime.now().setZone(zone)).toFormat('ZZZZ');

export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(cents / 100);
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`;
  }
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}
