import { IANAZone } from 'luxon';

/** A stretch of time over which a zone keeps one UTC offset. */
export interface OffsetSpan {
  start: number;
  end: number;
  offsetMinutes: number;
}

/** Zones change offset at most once a day: step by days, then find the minute. */
const STEP = 86_400_000;
/** Created-at times reach back before the period (lead time): spans cover this much earlier. */
const LOOKBACK = 400 * 86_400_000;

/** The zone's offsets between `from` (less the lookback) and `to`, with each change found to the minute. */
export function offsetSpans(tz: string, from: Date, to: Date): OffsetSpan[] {
  const zone = IANAZone.create(tz);
  const start = Math.floor((from.getTime() - LOOKBACK) / STEP) * STEP;
  const end = to.getTime() + 86_400_000;
  const spans: OffsetSpan[] = [{ start, end, offsetMinutes: zone.offset(start) }];
  for (let t = start + STEP; t < end; t += STEP) {
    const current = spans[spans.length - 1] as OffsetSpan;
    if (zone.offset(t) === current.offsetMinutes) continue;
    let lo = t - STEP;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (mid === lo) break;
      if (zone.offset(mid) === current.offsetMinutes) lo = mid;
      else hi = mid;
    }
    current.end = hi;
    spans.push({ start: hi, end, offsetMinutes: zone.offset(hi) });
  }
  return spans;
}

const literal = (ms: number) => `'${new Date(ms).toISOString()}'::timestamptz`;

/**
 * The local wall time of a timestamptz column, as SQL. Inside the spans it is plain arithmetic
 * (epoch + the offset of its span); PostgreSQL's `at time zone` looks the zone's rules up for every
 * row, which made zone conversion the largest cost of the reports over a million rows. Outside
 * the spans it falls back to `at time zone :tz`.
 */
export function localTimeSql(column: string, spans: readonly OffsetSpan[]): string {
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (!first || !last) return `(${column} at time zone :tz)`;
  const offset = spans.length === 1
    ? String(first.offsetMinutes * 60)
    : `case ${spans.slice(0, -1).map((s) => `when ${column} < ${literal(s.end)} then ${s.offsetMinutes * 60}`).join(' ')} else ${last.offsetMinutes * 60} end`;
  return `(case when ${column} >= ${literal(first.start)} and ${column} < ${literal(last.end)}
            then timestamp '1970-01-01' + (extract(epoch from ${column}) + ${offset}) * interval '1 second'
            else ${column} at time zone :tz end)`;
}
