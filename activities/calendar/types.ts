/** Provider-neutral shapes of the calendar layer. */

export type CalendarProviderName = 'google' | 'microsoft';

/** Who gets invitation emails from the calendar provider (tenant policy). */
export type InvitePolicy = 'all' | 'external_only' | 'none';

export type VideoProvider = 'none' | 'google_meet' | 'teams';

export interface CalendarEventInput {
  tenantId: string;
  appointmentId: string;
  summary: string;
  description?: string;
  location?: string;
  startsAt: Date | string;
  endsAt: Date | string;
  /** IANA zone the event is shown in (the tenant's or the staff member's). */
  timezone: string;
  /** The customer, added as an attendee when they have an email. */
  attendee?: { email: string; name?: string };
  invitePolicy: InvitePolicy;
  video: VideoProvider;
}

export interface CalendarEventRef {
  /** Google: the deterministic id; Graph: the id Graph assigned (store it on the appointment). */
  eventId: string;
  htmlLink?: string;
  /** Meet / Teams join URL when a meeting was asked for and created. */
  meetingUrl?: string;
  iCalUid?: string;
}

export interface BusyInterval {
  startsAt: Date;
  endsAt: Date;
}

export type SyncChange =
  | { type: 'upsert'; externalId: string; startsAt: Date; endsAt: Date; summary?: string; /** Set on events we pushed ourselves (they must not block their own slot). */ ownAppointmentId?: string }
  | { type: 'delete'; externalId: string };

export interface SyncResult {
  /** True when the cursor was missing or expired (410): the caller replaces its whole cache for the calendar. */
  fullResync: boolean;
  changes: SyncChange[];
  /** Google `nextSyncToken` or Graph `@odata.deltaLink`: pass it to the next sync. */
  cursor: string;
}

export interface SyncWindow {
  /** Full syncs (and Graph calendarView) cover this window; busy time outside it never blocks a slot. */
  from: Date;
  to: Date;
}

/** A Google notification channel or a Graph subscription. */
export interface WatchRef {
  id: string;
  /** Google's resourceId, needed to stop the channel. */
  resourceId?: string;
  expiresAt: Date;
}

export interface CalendarProvider {
  readonly name: CalendarProviderName;
  createEvent(input: CalendarEventInput): Promise<CalendarEventRef>;
  /** Reschedule or edit. `eventId` is the one `createEvent` returned. */
  updateEvent(eventId: string, input: CalendarEventInput): Promise<CalendarEventRef>;
  /** Idempotent: an event already gone counts as deleted. */
  deleteEvent(eventId: string, input: Pick<CalendarEventInput, 'invitePolicy'>): Promise<void>;
  /** Busy spans of the connected calendar between `from` and `to`. */
  busyBlocks(from: Date, to: Date): Promise<BusyInterval[]>;
  /** Incremental sync from `cursor` (undefined: full sync). */
  sync(cursor: string | undefined, window: SyncWindow): Promise<SyncResult>;
}
