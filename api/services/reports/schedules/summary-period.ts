import { DateTime } from 'luxon';
import type { ReportFrequency } from '../../../../db/entities';

/**
 * The period a summary fired at `firedAt` covers, as inclusive local dates in the business's
 * zone: weekly, the seven days before the day it fires (a Monday fire covers Monday–Sunday);
 * monthly, the calendar month before the one it fires in.
 */
export function summaryPeriod(frequency: ReportFrequency, firedAt: Date, zone: string): { from: string; to: string } {
  const today = DateTime.fromJSDate(firedAt, { zone }).startOf('day');
  const [from, to] = frequency === 'weekly'
    ? [today.minus({ days: 7 }), today.minus({ days: 1 })]
    : [today.startOf('month').minus({ months: 1 }), today.startOf('month').minus({ days: 1 })];
  return { from: from.toISODate() as string, to: to.toISODate() as string };
}
