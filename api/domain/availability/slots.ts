import { overlapsAny } from './intervals';
import type { ZoneClock } from './local-time';
import type { Interval } from './types';
import type { WorkingWindow } from './working-hours';

/** Existing bookings of the same group service at one start: joinable, not blocking at that start. */
export interface GroupSession extends Interval {
  /** The session padded by its buffers, which blocks every other start. */
  paddedStart: number;
  paddedEnd: number;
  seatsTaken: number;
}

/** Everything known about one staff member's time, already in UTC instants. */
export interface StaffCalendar {
  staffId: string;
  zone: ZoneClock;
  windows: readonly WorkingWindow[];
  /** Normalized blockers (appointments padded by their buffers, time off, external busy). */
  busy: readonly Interval[];
  /** Group sessions sorted by `paddedStart`; empty unless the service takes seats. */
  sessions: readonly GroupSession[];
}

export interface SlotRules {
  durationMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  intervalMs: number;
  days: number;
  capacity: number;
  seats: number;
  /** No slot starts before this (range start, minimum notice). */
  earliestStart: number;
  /** No slot starts at or after this (range end, maximum advance). */
  startLimit: number;
}

export interface StaffSlot {
  start: number;
  end: number;
  seatsLeft: number;
  /** Whether an existing session with seats taken is joined. */
  joinsSession: boolean;
}

/**
 * The spans a booking at `start` would occupy: the service duration on one day, or for a
 * multi-day service the rest of the start day plus every window of the next `days - 1`
 * working days. Null when it does not fit.
 */
function occupiedSegments(
  windows: readonly WorkingWindow[],
  index: number,
  start: number,
  rules: SlotRules,
): Interval[] | null {
  const window = windows[index];
  if (start < window.start || start + rules.durationMs > window.end) return null;
  if (rules.days === 1) return [{ start, end: start + rules.durationMs }];
  const segments: Interval[] = [{ start, end: window.end }];
  let next = index + 1;
  let day = window.dayNumber;
  for (let counted = 1; ; counted++) {
    while (next < windows.length && windows[next].dayNumber === day) {
      segments.push({ start: windows[next].start, end: windows[next].end });
      next++;
    }
    if (counted === rules.days) return segments;
    if (next >= windows.length) return null;
    day = windows[next].dayNumber;
  }
}

/** Seats left in the session at `start`, or null if another session is in the way. */
function seatsAround(
  sessions: readonly GroupSession[],
  longest: number,
  start: number,
  padded: Interval,
  capacity: number,
): { seatsLeft: number; joins: boolean } | null {
  let lo = 0;
  let hi = sessions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sessions[mid].paddedStart < padded.start - longest) lo = mid + 1;
    else hi = mid;
  }
  let seatsLeft = capacity;
  let joins = false;
  for (let i = lo; i < sessions.length && sessions[i].paddedStart < padded.end; i++) {
    const session = sessions[i];
    if (session.paddedEnd <= padded.start) continue;
    if (session.start !== start) return null;
    seatsLeft = capacity - session.seatsTaken;
    joins = session.seatsTaken > 0;
  }
  return { seatsLeft, joins };
}

/** Bookable starts of one staff member on the local wall-clock grid of each working window. */
export function findStaffSlots(calendar: StaffCalendar, rules: SlotRules): StaffSlot[] {
  const { windows, busy, sessions, zone } = calendar;
  const longestSession = sessions.reduce((max, s) => Math.max(max, s.paddedEnd - s.paddedStart), 0);
  const found = new Map<number, StaffSlot | null>();

  const consider = (start: number, index: number): void => {
    if (start < rules.earliestStart || start >= rules.startLimit || found.has(start)) return;
    const segments = occupiedSegments(windows, index, start, rules);
    if (!segments) return;
    found.set(start, null);
    const last = segments.length - 1;
    let seatsLeft = rules.capacity;
    let joinsSession = false;
    for (let k = 0; k <= last; k++) {
      const padded = {
        start: segments[k].start - (k === 0 ? rules.bufferBeforeMs : 0),
        end: segments[k].end + (k === last ? rules.bufferAfterMs : 0),
      };
      if (overlapsAny(busy, padded.start, padded.end)) return;
      if (sessions.length > 0) {
        const seats = seatsAround(sessions, longestSession, start, padded, rules.capacity);
        if (!seats) return;
        seatsLeft = Math.min(seatsLeft, seats.seatsLeft);
        joinsSession ||= seats.joins;
      }
    }
    if (seatsLeft < rules.seats) return;
    found.set(start, { start, end: segments[last].end, seatsLeft, joinsSession });
  };

  windows.forEach((window, index) => {
    if (window.end <= rules.earliestStart || window.start >= rules.startLimit) return;
    for (let wall = window.anchorWall; wall < window.endWall; wall += rules.intervalMs) {
      // A wall time in a spring-forward gap has no instant; in a fall-back repeat it has two.
      for (const instant of zone.instantsOf(wall)) consider(instant, index);
    }
  });

  // Sessions booked off the grid (moved by staff) stay joinable at their own start.
  if (sessions.length > 0) {
    for (const session of sessions) {
      const index = windows.findIndex((w) => w.start <= session.start && session.start < w.end);
      if (index >= 0) consider(session.start, index);
    }
  }

  const slots: StaffSlot[] = [];
  for (const slot of found.values()) if (slot) slots.push(slot);
  return slots.sort((a, b) => a.start - b.start);
}
