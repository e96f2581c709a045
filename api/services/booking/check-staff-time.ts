import { ZoneClock } from '../../domain/availability/local-time';
import { isCovered, overlapsAny } from '../../domain/availability/intervals';
import { prepareService } from '../../domain/availability/prepare-request';
import { buildStaffCalendar, type StaffInput } from '../../domain/availability/staff-calendar';
import { groupOverridesByDay } from '../../domain/availability/working-hours';
import type { DateOverride } from '../../domain/availability';
import type { LoadedAvailability } from '../availability/load-availability-input';

export type StaffTimeProblem = 'outside_hours' | 'busy' | 'session_full';

export interface StaffTimeCheck {
  staffId: string;
  ok: boolean;
  problem?: StaffTimeProblem;
  /** Seats already taken in the group session at this start. */
  seatsTaken?: number;
}

/**
 * Whether one staff member can take [start, end) as the front desk books it: any start time (no
 * grid, no notice), inside their hours when they have weekly hours at all (the caller decides),
 * and clear of time off, busy blocks, holds and other bookings with every buffer. A group session
 * of the same service at the same start is joined while seats are left.
 */
export function checkStaffTime(options: {
  loaded: LoadedAvailability;
  staffId: string;
  start: number;
  seats: number;
  enforceHours: boolean;
  enforceBlockers: boolean;
}): StaffTimeCheck {
  const { loaded, staffId, start, seats } = options;
  const service = prepareService(loaded.service);
  const member = loaded.staff.find((s) => s.id === staffId);
  const zone = ZoneClock.of(member?.timezone ?? loaded.tenantTimezone);
  const own: StaffInput = {
    rules: loaded.rules.filter((r) => r.staffId === staffId),
    overrides: groupOverridesByDay((loaded.overrides ?? []).filter((o): o is DateOverride & { staffId: string } => o.staffId === staffId)),
    blocks: [...(loaded.timeOff ?? []), ...(loaded.busyBlocks ?? [])].filter((b) => b.staffId === staffId),
    appointments: (loaded.appointments ?? []).filter((a) => a.staffId === staffId),
  };
  const calendar = buildStaffCalendar(staffId, zone, own, {
    service,
    window: { earliestStart: start, startLimit: start + 1 },
    businessOverrides: groupOverridesByDay((loaded.overrides ?? []).filter((o) => o.staffId == null)),
    serviceBuffers: new Map((loaded.serviceBuffers ?? []).map((s) => [s.id, s])),
  });
  const end = start + service.durationMs;
  if (options.enforceHours && own.rules.length + own.overrides.size > 0 && !isCovered(calendar.windows, start, end)) {
    return { staffId, ok: false, problem: 'outside_hours' };
  }
  if (!options.enforceBlockers) return { staffId, ok: true };
  const padded = { start: start - service.bufferBeforeMs, end: end + service.bufferAfterMs };
  if (overlapsAny(calendar.busy, padded.start, padded.end)) return { staffId, ok: false, problem: 'busy' };
  const session = calendar.sessions.find((s) => s.start === start);
  for (const other of calendar.sessions) {
    if (other !== session && other.paddedStart < padded.end && padded.start < other.paddedEnd) return { staffId, ok: false, problem: 'busy' };
  }
  if (session && service.capacity - session.seatsTaken < seats) return { staffId, ok: false, problem: 'session_full', seatsTaken: session.seatsTaken };
  return { staffId, ok: true, ...(session ? { seatsTaken: session.seatsTaken } : {}) };
}
