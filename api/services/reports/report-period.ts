import { DateTime } from 'luxon';
import type { GroupBy, ReportPeriod, SeriesPoint } from './report-types';

export const presets = { '7d': 7, '30d': 30, '90d': 90, '1y': 365 } as const;
export type Preset = keyof typeof presets;

export interface ResolvedPeriod {
  from: Date;
  to: Date;
  previousFrom: Date;
  previousTo: Date;
  groupBy: GroupBy;
  preset: Preset | null;
  days: number;
}

/**
 * Periods are whole local days in the tenant's zone: a preset ends with today, a custom range
 * includes both dates. The previous period is the same number of local days just before, so a
 * DST change inside either never shifts a boundary off midnight.
 */
export function resolvePeriod(input: { from?: string; to?: string; preset?: Preset; groupBy?: GroupBy }, tz: string, now = new Date()): ResolvedPeriod {
  let startDay: DateTime;
  let endDay: DateTime; // exclusive
  if (input.from && input.to) {
    startDay = DateTime.fromISO(input.from, { zone: tz }).startOf('day');
    endDay = DateTime.fromISO(input.to, { zone: tz }).startOf('day').plus({ days: 1 });
  } else {
    const days = presets[input.preset ?? '30d'];
    endDay = DateTime.fromJSDate(now, { zone: tz }).startOf('day').plus({ days: 1 });
    startDay = endDay.minus({ days });
  }
  const days = Math.round(endDay.diff(startDay, 'days').days);
  const previousStart = startDay.minus({ days });
  const groupBy = input.groupBy ?? (days <= 31 ? 'day' : days <= 120 ? 'week' : 'month');
  return {
    from: startDay.toJSDate(),
    to: endDay.toJSDate(),
    previousFrom: previousStart.toJSDate(),
    previousTo: startDay.toJSDate(),
    groupBy,
    preset: input.from ? null : (input.preset ?? '30d'),
    days,
  };
}

export function describePeriod(from: Date, to: Date, tz: string): ReportPeriod {
  return {
    from: DateTime.fromJSDate(from, { zone: tz }).toISO() ?? from.toISOString(),
    to: DateTime.fromJSDate(to, { zone: tz }).toISO() ?? to.toISOString(),
    fromDate: DateTime.fromJSDate(from, { zone: tz }).toISODate() ?? '',
    toDate: DateTime.fromJSDate(to, { zone: tz }).minus({ days: 1 }).toISODate() ?? '',
  };
}

/** Every bucket label of the period (what PostgreSQL's date_trunc gives; weeks start on Monday). */
export function bucketLabels(from: Date, to: Date, tz: string, unit: GroupBy): string[] {
  const labels: string[] = [];
  let cursor = DateTime.fromJSDate(from, { zone: tz }).startOf(unit === 'week' ? 'week' : unit);
  const end = DateTime.fromJSDate(to, { zone: tz });
  while (cursor < end && labels.length < 2000) {
    labels.push(cursor.toISODate() ?? '');
    cursor = cursor.plus({ [`${unit}s`]: 1 });
  }
  return labels;
}

/** Fills every bucket, zero where the query returned nothing. */
export function fillSeries(labels: string[], keys: string[], rows: Array<Record<string, unknown>>): SeriesPoint[] {
  const byBucket = new Map(rows.map((r) => [String(r.bucket), r]));
  return labels.map((bucket) => {
    const row = byBucket.get(bucket);
    const point: SeriesPoint = { bucket };
    for (const key of keys) point[key] = row ? Number(row[key] ?? 0) : 0;
    return point;
  });
}
