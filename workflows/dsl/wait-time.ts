import { DateTime, IANAZone } from 'luxon';
import type { RunContext } from './context';
import { readContextPath } from './context-path';
import { parseIsoDuration, shiftByDuration } from './duration';
import type { NodeOfType } from './schema';

export type ResolvedTime =
  | { ok: true; at: number; basis: string }
  | { ok: false; error: string };

/** luxon checks a zone by building an Intl formatter each time; every step asks again. */
const zoneValidity = new Map<string, boolean>();
const validZone = (zone: unknown): zone is string => {
  if (typeof zone !== 'string' || zone === '') return false;
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid;
};

/** The tenant's zone, UTC when missing or unknown. */
export function tenantZone(context: RunContext): string {
  return validZone(context.tenant?.timezone) ? context.tenant.timezone : 'UTC';
}

/** The customer's zone, else the tenant's. */
export function recipientZone(context: RunContext): string {
  const zone = context.customer?.timezone;
  return validZone(zone) ? zone : tenantZone(context);
}

export function toMillis(time: number | string): number {
  if (typeof time === 'number') return time;
  const dt = DateTime.fromISO(time, { setZone: true });
  if (!dt.isValid) throw new Error(`Not an ISO-8601 time: ${time}`);
  return dt.toMillis();
}

export function toIso(ms: number, zone = 'UTC'): string {
  return DateTime.fromMillis(ms, { zone }).toISO() as string;
}

/** A context time (ISO string or epoch ms) in `zone`; a date-only value is midnight in that zone. */
export function readAnchor(context: RunContext, anchor: string, zone: string): DateTime | null {
  const value = readContextPath(context, anchor);
  if (typeof value === 'number' && Number.isFinite(value)) return DateTime.fromMillis(value, { zone });
  if (typeof value !== 'string' || value === '') return null;
  const dt = DateTime.fromISO(value, { zone });
  return dt.isValid ? dt : null;
}

/** anchor + offset, with the DSL's DST rule (whole days keep the wall clock in `zone`). */
export function resolveAnchor(context: RunContext, until: { anchor: string; offset?: string }, zone: string): ResolvedTime {
  const base = readAnchor(context, until.anchor, zone);
  if (!base) return { ok: false, error: `${until.anchor} is not set` };
  const offset = until.offset === undefined ? null : parseIsoDuration(until.offset);
  if (until.offset !== undefined && offset === null) return { ok: false, error: `bad offset ${until.offset}` };
  const at = offset ? shiftByDuration(base, offset) : base;
  return { ok: true, at: at.toMillis(), basis: `${until.anchor} ${until.offset ?? ''}`.trim() };
}

/**
 * When a wait (or a waitForEvent deadline) ends. `enteredAt` is when the run reached the node;
 * `tz` is the zone for anchored and duration arithmetic (the tenant's, by default).
 * Anchors are read from the context each time, so a rescheduled appointment moves the wait.
 */
export function resolveWaitUntil(
  node: NodeOfType<'wait'> | NodeOfType<'waitForEvent'>,
  context: RunContext,
  tz: string,
  enteredAt: number | string = 0,
): ResolvedTime {
  const entered = toMillis(enteredAt);
  const zone = validZone(tz) ? tz : 'UTC';
  const data = node.data;
  const duration = node.type === 'wait' ? node.data.duration : node.data.timeout;
  if (duration !== undefined) {
    const parsed = parseIsoDuration(duration);
    if (!parsed) return { ok: false, error: `bad duration ${duration}` };
    return { ok: true, at: shiftByDuration(DateTime.fromMillis(entered, { zone }), parsed).toMillis(), basis: `${duration} after entering` };
  }
  if (data.until !== undefined) return resolveAnchor(context, data.until, zone);
  if (node.type === 'wait' && node.data.untilLocalTime !== undefined) {
    const local = node.data.untilLocalTime;
    const localZone = local.zone === 'recipient' ? recipientZone(context) : tenantZone(context);
    const [hour, minute] = local.time.split(':').map(Number);
    let baseDay: DateTime;
    if (local.anchor !== undefined) {
      const anchor = readAnchor(context, local.anchor, localZone);
      if (!anchor) return { ok: false, error: `${local.anchor} is not set` };
      baseDay = anchor;
    } else {
      baseDay = DateTime.fromMillis(entered, { zone: localZone });
    }
    const day = baseDay.startOf('day').plus({ days: local.daysOffset ?? 0 });
    let at = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: localZone });
    if (local.anchor === undefined && (local.daysOffset ?? 0) === 0 && at.toMillis() <= entered) {
      const tomorrow = day.plus({ days: 1 });
      at = DateTime.fromObject({ year: tomorrow.year, month: tomorrow.month, day: tomorrow.day, hour, minute }, { zone: localZone });
    }
    return { ok: true, at: at.toMillis(), basis: `${local.time} ${localZone}` };
  }
  return { ok: false, error: 'the wait has no duration, until or untilLocalTime' };
}
