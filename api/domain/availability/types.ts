/**
 * Input and output shapes of the availability engine. Plain data only: the API maps its
 * entities onto these, the engine never sees an ORM object, a request or the clock.
 */

/** An instant: ISO-8601 text carrying `Z` or an offset, a Date, or epoch milliseconds. */
export type InstantInput = string | Date | number;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A weekly working window in the staff member's zone (or the tenant's when they have none). */
export interface WeeklyRule {
  staffId: string;
  weekday: number;
  /** Local wall-clock "HH:mm". */
  startTime: string;
  /** Local wall-clock "HH:mm"; "24:00" is midnight at the end of the day; earlier than `startTime` runs past midnight. */
  endTime: string;
}

/** Replaces the weekly rules on one local date. `staffId: null` applies to the whole business. */
export interface DateOverride {
  staffId: string | null;
  /** Local date "YYYY-MM-DD", read in the zone of the staff member it applies to. */
  date: string;
  closed?: boolean | null;
  startTime?: string | null;
  endTime?: string | null;
}

/** A span a staff member cannot be booked: time off, or a busy block from an external calendar. */
export interface BusyBlock {
  staffId: string;
  startsAt: InstantInput;
  endsAt: InstantInput;
}

export type AppointmentStatus =
  | 'pending'
  | 'confirmed'
  | 'checked_in'
  | 'completed'
  | 'cancelled'
  | 'no_show';

export interface ExistingAppointment {
  staffId: string | null;
  startsAt: InstantInput;
  endsAt: InstantInput;
  serviceId: string;
  status: AppointmentStatus | string;
  /** Seats this booking holds in a group session; 1 when absent. */
  seatsTaken?: number | null;
  /** The appointment's own buffers; when absent they come from `serviceBuffers`, then 0. */
  bufferBeforeMinutes?: number | null;
  bufferAfterMinutes?: number | null;
  /** When the booking was made, for round-robin recency; `startsAt` stands in when absent. */
  bookedAt?: InstantInput | null;
}

/** Buffers of other services, so existing appointments keep their own padding. */
export interface ServiceBuffers {
  id: string;
  bufferBeforeMinutes?: number | null;
  bufferAfterMinutes?: number | null;
}

export interface ServiceSpec {
  id: string;
  durationMinutes: number;
  bufferBeforeMinutes?: number | null;
  bufferAfterMinutes?: number | null;
  /** Seats per session; above 1 makes a group or class. Default 1. */
  capacity?: number | null;
  /** Staff members who must all be free (collective). Default 1. */
  staffCount?: number | null;
  /** Consecutive working days the service spans. Default 1. */
  days?: number | null;
  /** Earliest start is `now` plus this. Default 0. */
  minNoticeMinutes?: number | null;
  /** Last bookable local day is today plus this many days (tenant zone). Null: no limit. */
  maxAdvanceDays?: number | null;
  /** Step of the wall-clock grid. Default: the duration. */
  slotIntervalMinutes?: number | null;
}

export interface StaffMember {
  id: string;
  /** Round-robin weight; 2 takes twice the share of 1. Zero or less: only when nobody else can. */
  weight?: number | null;
  serviceIds: readonly string[];
  /** IANA zone of the staff member's hours; the tenant's zone when absent. */
  timezone?: string | null;
  active?: boolean | null;
}

/** Bookings a staff member took in the fairness window the caller chose. */
export interface RoundRobinLoad {
  staffId: string;
  bookings: number;
  lastBookedAt?: InstantInput | null;
}

export interface AvailabilityInput {
  tenantTimezone: string;
  service: ServiceSpec;
  staff: readonly StaffMember[];
  rules: readonly WeeklyRule[];
  overrides?: readonly DateOverride[];
  timeOff?: readonly BusyBlock[];
  busyBlocks?: readonly BusyBlock[];
  appointments?: readonly ExistingAppointment[];
  serviceBuffers?: readonly ServiceBuffers[];
  load?: readonly RoundRobinLoad[];
  /**
   * Only these staff. For a collective service they must all be in the combination and the
   * rest of the team fills the remaining places.
   */
  staffIds?: readonly string[] | null;
  /** Seats the customer wants in a group session. Default 1. */
  seats?: number | null;
  /** Start of the range. A date "YYYY-MM-DD" means that local day's midnight (tenant zone). */
  from: InstantInput;
  /** End of the range, exclusive. A date "YYYY-MM-DD" means the end of that local day (inclusive day). */
  to: InstantInput;
  now: InstantInput;
}

export interface AvailableSlot {
  /** ISO-8601 in the tenant zone with its offset, e.g. "2025-03-09T03:00:00-04:00". */
  startsAt: string;
  endsAt: string;
  /** Who can take it, best first by round robin; for a collective service, the combination. */
  staffIds: string[];
  /** Group services: seats left in the session of `staffIds[0]` (the least for a collective). */
  seatsLeft?: number;
  /** Group services: seats left per staff member listed. */
  seatsLeftByStaff?: Record<string, number>;
}

/** Half-open span of epoch milliseconds: [start, end). */
export interface Interval {
  start: number;
  end: number;
}
