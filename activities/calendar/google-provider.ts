import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { CalendarProviderError, kindForStatus } from './errors';
import { googleEventId, meetRequestId } from './ids';
import type { OAuthSession } from './oauth';
import type {
  BusyInterval,
  CalendarEventInput,
  CalendarEventRef,
  CalendarProvider,
  InvitePolicy,
  SyncChange,
  SyncResult,
  SyncWindow,
  WatchRef,
} from './types';

/**
 * Google Calendar through the real `googleapis` client (calendar v3). `rootUrl` points it at
 * another server (tests: the fake on loopback). Tokens come from the OAuthSession; a 401 refreshes
 * and retries once.
 */

export interface GoogleCalendarProviderOptions {
  session: OAuthSession;
  /** The staff member's calendar; `primary` by default. */
  calendarId?: string;
  /** Default https://www.googleapis.com/ */
  rootUrl?: string;
  timeoutMs?: number;
}

const SEND_UPDATES: Record<InvitePolicy, 'all' | 'externalOnly' | 'none'> = {
  all: 'all',
  external_only: 'externalOnly',
  none: 'none',
};

function statusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; response?: { status?: unknown }; code?: unknown };
  if (typeof e?.status === 'number') return e.status;
  if (typeof e?.response?.status === 'number') return e.response.status;
  if (typeof e?.code === 'number') return e.code;
  if (typeof e?.code === 'string' && /^\d{3}$/.test(e.code)) return Number(e.code);
  return undefined;
}

/** The googleapis error without its request config (which holds the Authorization header). */
function toProviderError(err: unknown, what: string): CalendarProviderError {
  if (err instanceof CalendarProviderError) return err;
  const status = statusOf(err);
  const data = (err as { response?: { data?: { error?: { message?: string } } } })?.response?.data;
  const detail = data?.error?.message ?? (status === undefined ? (err as Error)?.message : undefined) ?? 'request failed';
  return new CalendarProviderError('google', kindForStatus(status), `google ${what}: ${status ?? 'network'} ${detail}`, status);
}

const iso = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d).toISOString();

export class GoogleCalendarProvider implements CalendarProvider {
  readonly name = 'google' as const;
  private readonly api: calendar_v3.Calendar;
  private readonly calendarId: string;

  constructor(private readonly options: GoogleCalendarProviderOptions) {
    this.calendarId = options.calendarId ?? 'primary';
    // Node's own fetch: gaxios would otherwise import('node-fetch') (ESM), which CJS hosts such as Jest cannot load.
    this.api = calendar({
      version: 'v3',
      rootUrl: options.rootUrl,
      timeout: options.timeoutMs ?? 20_000,
      retry: false,
      fetchImplementation: fetch,
    });
  }

  /** Runs one API call with the bearer token; maps errors (without leaking the request). */
  private async call<T>(what: string, run: (headers: { Authorization: string }) => Promise<{ data: T }>): Promise<T> {
    try {
      const res = await this.options.session.withToken(
        (token) => run({ Authorization: `Bearer ${token}` }),
        (err) => statusOf(err) === 401,
      );
      return res.data;
    } catch (err) {
      throw toProviderError(err, what);
    }
  }

  eventBody(input: CalendarEventInput): calendar_v3.Schema$Event {
    const body: calendar_v3.Schema$Event = {
      summary: input.summary,
      description: input.description,
      location: input.location,
      start: { dateTime: iso(input.startsAt), timeZone: input.timezone },
      end: { dateTime: iso(input.endsAt), timeZone: input.timezone },
      attendees: input.attendee ? [{ email: input.attendee.email, displayName: input.attendee.name }] : [],
      extendedProperties: { private: { appointflowAppointmentId: input.appointmentId, appointflowTenantId: input.tenantId } },
      reminders: { useDefault: true },
    };
    if (input.video === 'google_meet') {
      body.conferenceData = {
        createRequest: { requestId: meetRequestId(input.tenantId, input.appointmentId), conferenceSolutionKey: { type: 'hangoutsMeet' } },
      };
    }
    return body;
  }

  private ref(event: calendar_v3.Schema$Event): CalendarEventRef {
    const video = event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;
    return {
      eventId: event.id ?? '',
      htmlLink: event.htmlLink ?? undefined,
      iCalUid: event.iCalUID ?? undefined,
      meetingUrl: video ?? event.hangoutLink ?? undefined,
    };
  }

  /**
   * Inserts with the id derived from the appointment. When that id exists already (a retry after
   * a lost answer, or a replayed activity) Google answers 409: the event is patched to the input
   * instead, so the outcome is one event in the wanted state.
   */
  async createEvent(input: CalendarEventInput): Promise<CalendarEventRef> {
    const id = googleEventId(input.tenantId, input.appointmentId);
    try {
      const event = await this.call('insert event', (headers) =>
        this.api.events.insert(
          {
            calendarId: this.calendarId,
            conferenceDataVersion: 1,
            sendUpdates: SEND_UPDATES[input.invitePolicy],
            requestBody: { id, ...this.eventBody(input) },
          },
          { headers },
        ),
      );
      return this.ref(event);
    } catch (err) {
      if (err instanceof CalendarProviderError && err.kind === 'conflict') return this.updateEvent(id, input);
      throw err;
    }
  }

  async updateEvent(eventId: string, input: CalendarEventInput): Promise<CalendarEventRef> {
    const event = await this.call('patch event', (headers) =>
      this.api.events.patch(
        {
          calendarId: this.calendarId,
          eventId,
          conferenceDataVersion: 1,
          sendUpdates: SEND_UPDATES[input.invitePolicy],
          requestBody: this.eventBody(input),
        },
        { headers },
      ),
    );
    return this.ref(event);
  }

  /** Deleting removes the Meet with it. 404 / 410 (already deleted) count as done. */
  async deleteEvent(eventId: string, input: Pick<CalendarEventInput, 'invitePolicy'>): Promise<void> {
    try {
      await this.call('delete event', (headers) =>
        this.api.events.delete(
          { calendarId: this.calendarId, eventId, sendUpdates: SEND_UPDATES[input.invitePolicy] },
          { headers },
        ),
      );
    } catch (err) {
      if (err instanceof CalendarProviderError && (err.kind === 'not_found' || err.kind === 'sync_expired')) return;
      throw err;
    }
  }

  async busyBlocks(from: Date, to: Date): Promise<BusyInterval[]> {
    const data = await this.call('freebusy', (headers) =>
      this.api.freebusy.query(
        { requestBody: { timeMin: from.toISOString(), timeMax: to.toISOString(), items: [{ id: this.calendarId }] } },
        { headers },
      ),
    );
    const entry = data.calendars?.[this.calendarId];
    if (entry?.errors?.length) {
      throw new CalendarProviderError('google', 'rejected', `google freebusy: ${entry.errors.map((e) => e.reason).join(', ')}`);
    }
    return (entry?.busy ?? [])
      .filter((b) => b.start && b.end)
      .map((b) => ({ startsAt: new Date(b.start!), endsAt: new Date(b.end!) }));
  }

  /**
   * Push notifications for the calendar (events.watch): Google posts to `address` with
   * X-Goog-Channel-ID / X-Goog-Channel-Token whenever something changes. Channels expire; renew
   * by watching again under a new id and stopping the old channel.
   */
  async watch(input: { channelId: string; address: string; token: string; ttlSeconds: number }): Promise<WatchRef> {
    const channel = await this.call('watch events', (headers) =>
      this.api.events.watch(
        {
          calendarId: this.calendarId,
          requestBody: { id: input.channelId, type: 'web_hook', address: input.address, token: input.token, params: { ttl: String(input.ttlSeconds) } },
        },
        { headers },
      ),
    );
    const expiration = Number(channel.expiration);
    return {
      id: channel.id ?? input.channelId,
      ...(channel.resourceId ? { resourceId: channel.resourceId } : {}),
      expiresAt: new Date(Number.isFinite(expiration) && expiration > 0 ? expiration : Date.now() + input.ttlSeconds * 1000),
    };
  }

  /** Stops a channel; one that is already gone counts as stopped. */
  async stopWatch(channelId: string, resourceId: string | undefined): Promise<void> {
    try {
      await this.call('stop channel', (headers) => this.api.channels.stop({ requestBody: { id: channelId, resourceId } }, { headers }));
    } catch (err) {
      if (err instanceof CalendarProviderError && err.kind === 'not_found') return;
      throw err;
    }
  }

  /**
   * events.list with the sync token; without one (or when Google answers 410 Gone because the
   * token expired) a full sync of the window, flagged `fullResync` so the caller replaces its cache.
   */
  async sync(cursor: string | undefined, window: SyncWindow): Promise<SyncResult> {
    if (cursor) {
      try {
        return await this.list({ syncToken: cursor }, false);
      } catch (err) {
        if (!(err instanceof CalendarProviderError && err.kind === 'sync_expired')) throw err;
      }
    }
    return this.list({ timeMin: window.from.toISOString(), timeMax: window.to.toISOString() }, true);
  }

  private async list(
    query: Pick<calendar_v3.Params$Resource$Events$List, 'syncToken' | 'timeMin' | 'timeMax'>,
    fullResync: boolean,
  ): Promise<SyncResult> {
    const changes: SyncChange[] = [];
    let pageToken: string | undefined;
    for (;;) {
      const data = await this.call('list events', (headers) =>
        this.api.events.list(
          { calendarId: this.calendarId, singleEvents: true, showDeleted: !fullResync, maxResults: 250, pageToken, ...query },
          { headers },
        ),
      );
      for (const event of data.items ?? []) changes.push(toChange(event));
      if (data.nextPageToken) {
        pageToken = data.nextPageToken;
        continue;
      }
      if (!data.nextSyncToken) throw new CalendarProviderError('google', 'transient', 'google list events: no nextSyncToken on the last page');
      return { fullResync, changes: fullResync ? changes.filter((c) => c.type === 'upsert') : changes, cursor: data.nextSyncToken };
    }
  }
}

/** Cancelled, free ("transparent") and all-day-without-time events do not block: they become deletes. */
function toChange(event: calendar_v3.Schema$Event): SyncChange {
  const externalId = event.id ?? '';
  const start = event.start?.dateTime ?? (event.start?.date ? `${event.start.date}T00:00:00Z` : undefined);
  const end = event.end?.dateTime ?? (event.end?.date ? `${event.end.date}T00:00:00Z` : undefined);
  if (event.status === 'cancelled' || event.transparency === 'transparent' || !start || !end) {
    return { type: 'delete', externalId };
  }
  const own = event.extendedProperties?.private?.appointflowAppointmentId;
  return { type: 'upsert', externalId, startsAt: new Date(start), endsAt: new Date(end), summary: event.summary ?? undefined, ...(own ? { ownAppointmentId: own } : {}) };
}
