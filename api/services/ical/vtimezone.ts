import { DateTime, IANAZone } from 'luxon';
import { localStamp } from './ics-text';

const HOUR_MS = 3_600_000;

function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Every instant in [from, to) at which the zone's UTC offset changes, found hour by hour then to the minute. */
export function offsetTransitions(zone: IANAZone, from: number, to: number): Array<{ at: number; before: number; after: number }> {
  const found: Array<{ at: number; before: number; after: number }> = [];
  let previous = zone.offset(from);
  for (let t = from + HOUR_MS; t < to; t += HOUR_MS) {
    const current = zone.offset(t);
    if (current === previous) continue;
    let lo = t - HOUR_MS;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (zone.offset(mid) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before: previous, after: current });
    previous = current;
  }
  return found;
}

/**
 * A VTIMEZONE for `name` covering [from, to): one STANDARD or DAYLIGHT observance per real
 * transition in that span (from the tz database, so no guessed RRULE can be wrong), plus the
 * observance in force at its start. Times in the feed use TZID=name and resolve through it.
 */
export function buildVTimezone(name: string, from: Date, to: Date): string[] {
  const zone = IANAZone.create(name);
  const start = from.getTime();
  const transitions = offsetTransitions(zone, start, to.getTime());
  const initial = zone.offset(start);
  // Which offsets are "daylight": the larger of a pair of offsets in use.
  const offsets = new Set([initial, ...transitions.map((t) => t.after)]);
  const standard = Math.min(...offsets);
  const shortName = (instant: number) => DateTime.fromMillis(instant, { zone: name }).offsetNameShort ?? name;
  const observance = (kind: 'STANDARD' | 'DAYLIGHT', localStart: string, fromOffset: number, toOffset: number, tzName: string) => [
    `BEGIN:${kind}`,
    `DTSTART:${localStart}`,
    `TZOFFSETFROM:${offsetLabel(fromOffset)}`,
    `TZOFFSETTO:${offsetLabel(toOffset)}`,
    `TZNAME:${tzName}`,
    `END:${kind}`,
  ];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${name}`];
  const firstLocal = localStamp(DateTime.fromMillis(start + initial * 60_000, { zone: 'UTC' }).toObject() as Parameters<typeof localStamp>[0]);
  lines.push(...observance(initial === standard ? 'STANDARD' : 'DAYLIGHT', firstLocal, initial, initial, shortName(start)));
  for (const t of transitions) {
    // DTSTART is the local time just before the change, in the offset that was in force.
    const local = DateTime.fromMillis(t.at + t.before * 60_000, { zone: 'UTC' });
    const kind = t.after === standard ? 'STANDARD' : 'DAYLIGHT';
    lines.push(...observance(kind, localStamp(local.toObject() as Parameters<typeof localStamp>[0]), t.before, t.after, shortName(t.at)));
  }
  lines.push('END:VTIMEZONE');
  return lines;
}
