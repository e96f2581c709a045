import { AvailabilityInputError } from './errors';
import { DAY_MS, MINUTE_MS, type ZoneClock, dayNumberOf, parseInstant } from './local-time';
import type { AvailabilityInput, InstantInput, ServiceSpec } from './types';

/** A service with its defaults applied and every length in milliseconds. */
export interface PreparedService {
  id: string;
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  intervalMs: number;
  capacity: number;
  staffCount: number;
  days: number;
  minNoticeMs: number;
  maxAdvanceDays: number | null;
}

/** The longest span one call may cover, so a bad query cannot ask for years of slots. */
export const MAX_RANGE_DAYS = 366;

function whole(value: number | null | undefined, fallback: number, min: number, path: string): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < min) {
    throw new AvailabilityInputError(`service.${path} must be an integer of at least ${min}`, `service.${path}`);
  }
  return result;
}

export function prepareService(service: ServiceSpec): PreparedService {
  const durationMinutes = whole(service.durationMinutes, 0, 1, 'durationMinutes');
  return {
    id: service.id,
    durationMs: durationMinutes * MINUTE_MS,
    bufferBeforeMs: whole(service.bufferBeforeMinutes, 0, 0, 'bufferBeforeMinutes') * MINUTE_MS,
    bufferAfterMs: whole(service.bufferAfterMinutes, 0, 0, 'bufferAfterMinutes') * MINUTE_MS,
    intervalMs: whole(service.slotIntervalMinutes, durationMinutes, 1, 'slotIntervalMinutes') * MINUTE_MS,
    capacity: whole(service.capacity, 1, 1, 'capacity'),
    staffCount: whole(service.staffCount, 1, 1, 'staffCount'),
    days: whole(service.days, 1, 1, 'days'),
    minNoticeMs: whole(service.minNoticeMinutes, 0, 0, 'minNoticeMinutes') * MINUTE_MS,
    maxAdvanceDays: service.maxAdvanceDays == null ? null : whole(service.maxAdvanceDays, 0, 0, 'maxAdvanceDays'),
  };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A range bound; a bare date is a local day in the tenant zone (its start, or its end for `to`). */
function rangeBound(value: InstantInput, zone: ZoneClock, path: 'from' | 'to'): number {
  if (typeof value === 'string' && DATE_ONLY.test(value)) {
    const day = dayNumberOf(value) + (path === 'to' ? 1 : 0);
    return zone.firstInstantAtOrAfter(day * DAY_MS);
  }
  return parseInstant(value, path);
}

export interface StartWindow {
  /** No slot starts before this: the range start and the minimum notice. */
  earliestStart: number;
  /** No slot starts at or after this: the range end and the maximum advance. */
  startLimit: number;
}

/**
 * The span slot starts may fall in. Maximum advance counts local days in the tenant zone:
 * with 30, every slot up to the end of the 30th day after today is bookable.
 */
export function startWindow(input: AvailabilityInput, service: PreparedService, tenant: ZoneClock): StartWindow {
  const from = rangeBound(input.from, tenant, 'from');
  const to = rangeBound(input.to, tenant, 'to');
  const now = parseInstant(input.now, 'now');
  if (to < from) throw new AvailabilityInputError('to must not be before from', 'to');
  if (to - from > MAX_RANGE_DAYS * DAY_MS) {
    throw new AvailabilityInputError(`The range may cover at most ${MAX_RANGE_DAYS} days`, 'to');
  }
  let startLimit = to;
  if (service.maxAdvanceDays !== null) {
    const lastDay = tenant.dayNumberAt(now) + service.maxAdvanceDays;
    startLimit = Math.min(startLimit, tenant.firstInstantAtOrAfter((lastDay + 1) * DAY_MS));
  }
  return { earliestStart: Math.max(from, now + service.minNoticeMs), startLimit };
}
