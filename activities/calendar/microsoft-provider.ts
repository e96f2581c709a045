import { Client, GraphError, HTTPMessageHandler, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { Event as GraphEvent, ScheduleInformation } from '@microsoft/microsoft-graph-types';
import { CalendarProviderError, kindForStatus } from './errors';
import { graphTransactionId } from './ids';
import type { OAuthSession } from './oauth';
import type {
  BusyInterval,
  CalendarEventInput,
  CalendarEventRef,
  CalendarProvider,
  SyncChange,
  SyncResult,
  SyncWindow,
  WatchRef,
} from './types';

/**
 * Microsoft 365 / Outlook through the real `@microsoft/microsoft-graph-client`, `baseUrl`
 * pointing at Graph or (tests) the fake. The client's own AuthenticationHandler only signs
 * https Graph hosts, so the chain here is ours: `BearerMiddleware` (token, and one refresh +
 * resend on 401) then the client's HTTPMessageHandler.
 */

export interface MicrosoftCalendarProviderOptions {
  session: OAuthSession;
  /** Graph user id or UPN of the staff member; `/me` when absent (delegated token). */
  userId?: string;
  /** Mailbox address for getSchedule. Required for busyBlocks. */
  scheduleAddress?: string;
  /** Default https://graph.microsoft.com */
  baseUrl?: string;
}

const GRAPH_VERSION = 'v1.0';
/** Every dateTime Graph returns is then UTC (its dateTimes carry no offset). */
const PREFER_UTC = 'outlook.timezone="UTC"';

class BearerMiddleware implements Middleware {
  private next?: Middleware;
  constructor(private readonly session: OAuthSession) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('BearerMiddleware needs a next middleware');
    const send = async (token: string) => {
      context.options = { ...context.options, headers: { ...(context.options?.headers as Record<string, string>), Authorization: `Bearer ${token}` } };
      await this.next!.execute(context);
    };
    const token = await this.session.accessToken();
    await send(token);
    if (context.response?.status === 401) {
      const fresh = await this.session.refresh();
      await send(fresh.accessToken);
    }
  }
}

function toProviderError(err: unknown, what: string): CalendarProviderError {
  if (err instanceof CalendarProviderError) return err;
  if (err instanceof GraphError) {
    const status = err.statusCode > 0 ? err.statusCode : undefined;
    return new CalendarProviderError('microsoft', kindForStatus(status), `graph ${what}: ${status ?? 'network'} ${err.code ?? ''} ${err.message}`.trim(), status);
  }
  return new CalendarProviderError('microsoft', 'transient', `graph ${what}: ${(err as Error)?.message ?? 'request failed'}`);
}

/** Graph dateTime (no offset, UTC because of PREFER_UTC) to a Date. */
function utc(value: { dateTime?: string | null; timeZone?: string | null } | null | undefined): Date | undefined {
  if (!value?.dateTime) return undefined;
  const text = /[zZ]|[+-]\d\d:\d\d$/.test(value.dateTime) ? value.dateTime : `${value.dateTime}Z`;
  return new Date(text);
}

const graphTime = (d: Date | string) => ({ dateTime: (typeof d === 'string' ? new Date(d) : d).toISOString().replace(/Z$/, ''), timeZone: 'UTC' });

export class MicrosoftCalendarProvider implements CalendarProvider {
  readonly name = 'microsoft' as const;
  private readonly client: Client;
  private readonly userPath: string;
  private readonly baseUrl: string;

  constructor(private readonly options: MicrosoftCalendarProviderOptions) {
    this.baseUrl = (options.baseUrl ?? 'https://graph.microsoft.com').replace(/\/+$/, '');
    const bearer = new BearerMiddleware(options.session);
    bearer.setNext(new HTTPMessageHandler());
    this.client = Client.initWithMiddleware({ middleware: bearer, baseUrl: `${this.baseUrl}/`, defaultVersion: GRAPH_VERSION });
    this.userPath = options.userId ? `/users/${encodeURIComponent(options.userId)}` : '/me';
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      throw toProviderError(err, what);
    }
  }

  eventBody(input: CalendarEventInput): GraphEvent {
    const body: GraphEvent = {
      subject: input.summary,
      body: { contentType: 'text', content: input.description ?? '' },
      start: graphTime(input.startsAt),
      end: graphTime(input.endsAt),
      location: input.location ? { displayName: input.location } : undefined,
      // Graph always emails attendees; with the policy "none" the customer is left off (our own .ics invite reaches them).
      attendees:
        input.attendee && input.invitePolicy !== 'none'
          ? [{ emailAddress: { address: input.attendee.email, name: input.attendee.name }, type: 'required' }]
          : [],
      showAs: 'busy',
    };
    if (input.video === 'teams') {
      body.isOnlineMeeting = true;
      body.onlineMeetingProvider = 'teamsForBusiness';
    }
    return body;
  }

  private ref(event: GraphEvent): CalendarEventRef {
    return {
      eventId: event.id ?? '',
      htmlLink: event.webLink ?? undefined,
      iCalUid: event.iCalUId ?? undefined,
      meetingUrl: event.onlineMeeting?.joinUrl ?? event.onlineMeetingUrl ?? undefined,
    };
  }

  /** `transactionId` derived from the appointment: Graph answers a repeated create with the first event. */
  async createEvent(input: CalendarEventInput): Promise<CalendarEventRef> {
    const body: GraphEvent = { ...this.eventBody(input), transactionId: graphTransactionId(input.tenantId, input.appointmentId) };
    const event = await this.call<GraphEvent>('create event', () =>
      this.client.api(`${this.userPath}/calendar/events`).header('Prefer', PREFER_UTC).post(body),
    );
    return this.ref(event);
  }

  async updateEvent(eventId: string, input: CalendarEventInput): Promise<CalendarEventRef> {
    const event = await this.call<GraphEvent>('update event', () =>
      this.client.api(`${this.userPath}/events/${encodeURIComponent(eventId)}`).header('Prefer', PREFER_UTC).patch(this.eventBody(input)),
    );
    return this.ref(event);
  }

  /** Deleting the event also ends its Teams meeting. An event already gone counts as deleted. */
  async deleteEvent(eventId: string): Promise<void> {
    try {
      await this.call('delete event', () => this.client.api(`${this.userPath}/events/${encodeURIComponent(eventId)}`).delete());
    } catch (err) {
      if (err instanceof CalendarProviderError && err.kind === 'not_found') return;
      throw err;
    }
  }

  async busyBlocks(from: Date, to: Date): Promise<BusyInterval[]> {
    const address = this.options.scheduleAddress;
    if (!address) throw new CalendarProviderError('microsoft', 'rejected', 'graph getSchedule: no scheduleAddress for this connection');
    const data = await this.call<{ value?: ScheduleInformation[] }>('getSchedule', () =>
      this.client
        .api(`${this.userPath}/calendar/getSchedule`)
        .header('Prefer', PREFER_UTC)
        .post({ schedules: [address], startTime: graphTime(from), endTime: graphTime(to), availabilityViewInterval: 15 }),
    );
    const schedule = data.value?.find((s) => s.scheduleId?.toLowerCase() === address.toLowerCase()) ?? data.value?.[0];
    if (schedule?.error) {
      throw new CalendarProviderError('microsoft', 'rejected', `graph getSchedule: ${schedule.error.responseCode ?? ''} ${schedule.error.message ?? ''}`.trim());
    }
    const blocks: BusyInterval[] = [];
    for (const item of schedule?.scheduleItems ?? []) {
      if (item.status === 'free' || item.status === 'workingElsewhere') continue;
      const startsAt = utc(item.start);
      const endsAt = utc(item.end);
      if (startsAt && endsAt) blocks.push({ startsAt, endsAt });
    }
    return blocks;
  }

  /**
   * A change-notification subscription on the mailbox's events: Graph posts to
   * `notificationUrl` with `clientState` echoed. It first validates the URL (a POST with
   * `validationToken` that must be echoed as text). Event subscriptions live at most ~3 days.
   */
  async subscribe(input: { notificationUrl: string; clientState: string; expiresAt: Date }): Promise<WatchRef> {
    const sub = await this.call<{ id?: string; expirationDateTime?: string }>('create subscription', () =>
      this.client.api('/subscriptions').post({
        changeType: 'created,updated,deleted',
        notificationUrl: input.notificationUrl,
        resource: `${this.userPath}/events`,
        expirationDateTime: input.expiresAt.toISOString(),
        clientState: input.clientState,
      }),
    );
    if (!sub.id) throw new CalendarProviderError('microsoft', 'transient', 'graph create subscription: no id in the answer');
    return { id: sub.id, expiresAt: new Date(sub.expirationDateTime ?? input.expiresAt.toISOString()) };
  }

  async renewSubscription(id: string, expiresAt: Date): Promise<WatchRef> {
    const sub = await this.call<{ id?: string; expirationDateTime?: string }>('renew subscription', () =>
      this.client.api(`/subscriptions/${encodeURIComponent(id)}`).patch({ expirationDateTime: expiresAt.toISOString() }),
    );
    return { id, expiresAt: new Date(sub.expirationDateTime ?? expiresAt.toISOString()) };
  }

  /** A subscription already gone counts as deleted. */
  async deleteSubscription(id: string): Promise<void> {
    try {
      await this.call('delete subscription', () => this.client.api(`/subscriptions/${encodeURIComponent(id)}`).delete());
    } catch (err) {
      if (err instanceof CalendarProviderError && err.kind === 'not_found') return;
      throw err;
    }
  }

  /**
   * calendarView/delta over the window: the first round follows nextLinks to a deltaLink (the
   * cursor); later rounds start from it. A 410 (the delta token expired) restarts with a full sync.
   */
  async sync(cursor: string | undefined, window: SyncWindow): Promise<SyncResult> {
    if (cursor) {
      try {
        return await this.follow(cursor, false);
      } catch (err) {
        if (!(err instanceof CalendarProviderError && err.kind === 'sync_expired')) throw err;
      }
    }
    const query = new URLSearchParams({ startDateTime: window.from.toISOString(), endDateTime: window.to.toISOString() });
    return this.follow(`${this.userPath}/calendarView/delta?${query.toString()}`, true);
  }

  /** Graph's links are absolute; the client only parses https ones, so links on our base become paths. */
  private requestPath(link: string): string {
    const prefix = `${this.baseUrl}/${GRAPH_VERSION}`;
    return link.startsWith(prefix) ? link.slice(prefix.length) : link;
  }

  private async follow(start: string, fullResync: boolean): Promise<SyncResult> {
    const changes: SyncChange[] = [];
    let link = start;
    for (;;) {
      const page = await this.call<{ value?: (GraphEvent & { '@removed'?: unknown })[]; '@odata.nextLink'?: string; '@odata.deltaLink'?: string }>(
        'calendarView delta',
        () => this.client.api(this.requestPath(link)).header('Prefer', `${PREFER_UTC}, odata.maxpagesize=100`).get(),
      );
      for (const event of page.value ?? []) changes.push(toChange(event));
      if (page['@odata.nextLink']) {
        link = page['@odata.nextLink'];
        continue;
      }
      const deltaLink = page['@odata.deltaLink'];
      if (!deltaLink) throw new CalendarProviderError('microsoft', 'transient', 'graph calendarView delta: no deltaLink on the last page');
      return { fullResync, changes: fullResync ? changes.filter((c) => c.type === 'upsert') : changes, cursor: deltaLink };
    }
  }
}

function toChange(event: GraphEvent & { '@removed'?: unknown }): SyncChange {
  const externalId = event.id ?? '';
  const startsAt = utc(event.start);
  const endsAt = utc(event.end);
  if (event['@removed'] || event.isCancelled || event.showAs === 'free' || !startsAt || !endsAt) return { type: 'delete', externalId };
  return { type: 'upsert', externalId, startsAt, endsAt, summary: event.subject ?? undefined };
}
