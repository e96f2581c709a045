import { mergeIntervals } from './intervals';
import { MINUTE_MS, type ZoneClock, parseInstant } from './local-time';
import type { PreparedService, StartWindow } from './prepare-request';
import type { GroupSession, StaffCalendar } from './slots';
import type { BusyBlock, DateOverride, ExistingAppointment, Interval, ServiceBuffers, WeeklyRule } from './types';
import { buildWorkingWindows } from './working-hours';

/** One staff member's share of the input. */
export interface StaffInput {
  rules: WeeklyRule[];
  overrides: Map<number, DateOverride[]>;
  blocks: BusyBlock[];
  appointments: ExistingAppointment[];
}

export interface CalendarContext {
  service: PreparedService;
  window: StartWindow;
  businessOverrides: ReadonlyMap<number, readonly DateOverride[]>;
  serviceBuffers: ReadonlyMap<string, ServiceBuffers>;
}

function span(block: { startsAt: BusyBlock['startsAt']; endsAt: BusyBlock['endsAt'] }, path: string): Interval {
  return { start: parseInstant(block.startsAt, `${path}.startsAt`), end: parseInstant(block.endsAt, `${path}.endsAt`) };
}

/** An appointment's own buffers: on the appointment, else its service's, else none. */
function appointmentBuffers(appointment: ExistingAppointment, context: CalendarContext): { before: number; after: number } {
  const listed = context.serviceBuffers.get(appointment.serviceId);
  const sameService = appointment.serviceId === context.service.id ? context.service : null;
  const pick = (own: number | null | undefined, catalogue: number | null | undefined, fallbackMs: number) =>
    (own ?? catalogue ?? fallbackMs / MINUTE_MS) * MINUTE_MS;
  return {
    before: pick(appointment.bufferBeforeMinutes, listed?.bufferBeforeMinutes, sameService?.bufferBeforeMs ?? 0),
    after: pick(appointment.bufferAfterMinutes, listed?.bufferAfterMinutes, sameService?.bufferAfterMs ?? 0),
  };
}

/**
 * Builds the calendar of one staff member: working windows over the local days the range
 * touches (plus the following working days a multi-day service needs), blockers merged
 * into one sorted list, and this service's group sessions kept apart so they stay joinable.
 */
export function buildStaffCalendar(
  staffId: string,
  zone: ZoneClock,
  own: StaffInput,
  context: CalendarContext,
): StaffCalendar {
  const { service, window } = context;
  const lookaheadDays = service.days > 1 ? (service.days - 1) * 7 + 7 : 0;
  const windows = buildWorkingWindows({
    zone,
    rules: own.rules,
    staffOverrides: own.overrides,
    businessOverrides: context.businessOverrides,
    fromDay: zone.dayNumberAt(window.earliestStart) - 1,
    toDay: zone.dayNumberAt(window.startLimit) + 1 + lookaheadDays,
  });

  const blockers: Interval[] = own.blocks.map((block) => span(block, `busy.${staffId}`));
  const sessionsByStart = new Map<number, GroupSession>();
  for (const appointment of own.appointments) {
    if (appointment.status === 'cancelled') continue;
    const { start, end } = span(appointment, `appointments.${staffId}`);
    const buffers = appointmentBuffers(appointment, context);
    const padded = { start: start - buffers.before, end: end + buffers.after };
    if (service.capacity === 1 || appointment.serviceId !== service.id) {
      blockers.push(padded);
      continue;
    }
    const seats = appointment.seatsTaken ?? 1;
    const session = sessionsByStart.get(start);
    if (session) {
      session.seatsTaken += seats;
      session.end = Math.max(session.end, end);
      session.paddedStart = Math.min(session.paddedStart, padded.start);
      session.paddedEnd = Math.max(session.paddedEnd, padded.end);
    } else {
      sessionsByStart.set(start, { start, end, paddedStart: padded.start, paddedEnd: padded.end, seatsTaken: seats });
    }
  }
  const sessions = [...sessionsByStart.values()].sort((a, b) => a.paddedStart - b.paddedStart);
  return { staffId, zone, windows, busy: mergeIntervals(blockers), sessions };
}

