import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { FakeTokenIssuer } from './oauth-token-endpoint';
import { type RecordedRequest, recordRequests } from './request-recorder';

/**
 * A fake of Microsoft Graph v1.0 calendar endpoints on loopback, for the real Graph client
 * (`baseUrl`), plus the OAuth token endpoint at POST /token (refresh tokens rotate, as Microsoft's
 * do). Events live per mailbox (`me` or /users/{id}); creates are deduplicated by `transactionId`;
 * calendarView/delta hands out nextLink/deltaLink pages. Switches: `expireTokens()` (401),
 * `expireDeltaLinks()` (410 on the next delta round), `addBusy()` (getSchedule items).
 */

export interface RecordedGraphRequest extends RecordedRequest {
  /** Path below /v1.0, e.g. "/me/calendar/events". */
  path: string;
  prefer?: string;
}

export interface FakeGraphEvent {
  id: string;
  subject?: string;
  start?: { dateTime: string; timeZone: string };
  end?: { dateTime: string; timeZone: string };
  transactionId?: string;
  isOnlineMeeting?: boolean;
  onlineMeetingProvider?: string;
  onlineMeeting?: { joinUrl: string } | null;
  showAs?: string;
  [key: string]: unknown;
  seq: number;
  deleted?: boolean;
}

export interface FakeGraphSubscription {
  id: string;
  resource: string;
  notificationUrl: string;
  clientState: string;
  expirationDateTime: string;
}

export interface FakeGraph {
  url: string;
  baseUrl: string;
  tokenUrl: string;
  tokens: FakeTokenIssuer;
  requests: RecordedGraphRequest[];
  calls(): string[];
  events(mailbox?: string): FakeGraphEvent[];
  /** Teams meetings created and not yet removed with their event. */
  meetings: Map<string, string>;
  /** Change-notification subscriptions (POST /subscriptions), by id. */
  subscriptions: Map<string, FakeGraphSubscription>;
  putEvent(mailbox: string, event: { id: string; [key: string]: unknown }): void;
  removeEvent(mailbox: string, id: string): void;
  addBusy(address: string, start: string, end: string, status?: string): void;
  expireTokens(): void;
  expireDeltaLinks(): void;
  reset(): void;
  close(): Promise<void>;
}

/** "2025-06-02T14:00:00.000Z" → Graph's "2025-06-02T14:00:00.0000000" (UTC). */
const graphUtc = (iso: string) => new Date(iso).toISOString().replace(/\.(\d{3})Z$/, '.$10000');
const instant = (t: { dateTime: string } | undefined) => (t ? Date.parse(/Z$/.test(t.dateTime) ? t.dateTime : `${t.dateTime}Z`) : NaN);

export async function startFakeGraph(): Promise<FakeGraph> {
  const tokens = new FakeTokenIssuer('ms', true);
  const requests: RecordedGraphRequest[] = [];
  const mailboxes = new Map<string, Map<string, FakeGraphEvent>>();
  const busy = new Map<string, { start: string; end: string; status: string }[]>();
  const meetings = new Map<string, string>();
  const subscriptions = new Map<string, FakeGraphSubscription>();
  let seq = 0;
  let deltaEpoch = 1;
  let url = '';

  const store = (mailbox: string) => {
    let events = mailboxes.get(mailbox);
    if (!events) mailboxes.set(mailbox, (events = new Map()));
    return events;
  };
  const view = (e: FakeGraphEvent) => {
    const { seq: _seq, deleted: _deleted, ...rest } = e;
    return { '@odata.etag': `W/"${e.seq}"`, webLink: `https://outlook.office365.com/owa/?itemid=${e.id}`, iCalUId: `ical-${e.id}`, ...rest };
  };
  const fail = (res: Response, status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });

  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(recordRequests(requests, (req) => ({ path: req.path.replace(/^\/v1\.0/, ''), prefer: req.header('prefer') })));
  app.post('/token', tokens.handle);

  app.use('/v1.0', (req: Request, res: Response) => {
    if (!tokens.isAuthorized(req.header('authorization'))) {
      fail(res, 401, 'InvalidAuthenticationToken', 'Access token has expired or is not yet valid.');
      return;
    }
    const subscriptionMatch = /^\/subscriptions(?:\/([^/]+))?$/.exec(req.path);
    if (subscriptionMatch) {
      const body = (req.body ?? {}) as Partial<FakeGraphSubscription> & { changeType?: string };
      const id = subscriptionMatch[1] ? decodeURIComponent(subscriptionMatch[1]) : undefined;
      if (req.method === 'POST' && !id) {
        if (!body.notificationUrl?.startsWith('https://') || !body.resource || !body.clientState || !body.expirationDateTime || !body.changeType) {
          fail(res, 400, 'InvalidRequest', 'notificationUrl must be https and resource, changeType, clientState, expirationDateTime are required');
          return;
        }
        const sub = { id: randomUUID(), resource: body.resource, notificationUrl: body.notificationUrl, clientState: body.clientState, expirationDateTime: body.expirationDateTime };
        subscriptions.set(sub.id, sub);
        res.status(201).json({ ...sub, clientState: undefined, changeType: body.changeType });
        return;
      }
      const existing = id ? subscriptions.get(id) : undefined;
      if (!existing) {
        fail(res, 404, 'ResourceNotFound', 'The object was not found.');
        return;
      }
      if (req.method === 'PATCH' && body.expirationDateTime) {
        existing.expirationDateTime = body.expirationDateTime;
        res.json({ id: existing.id, resource: existing.resource, expirationDateTime: existing.expirationDateTime });
        return;
      }
      if (req.method === 'DELETE') {
        subscriptions.delete(existing.id);
        res.status(204).end();
        return;
      }
    }
    const match = /^\/(me|users\/([^/]+))(\/.*)$/.exec(req.path);
    if (!match) {
      fail(res, 400, 'BadRequest', `Unsupported path ${req.path}`);
      return;
    }
    const mailbox = match[2] ? decodeURIComponent(match[2]) : 'me';
    const rest = match[3]!;
    const events = store(mailbox);
    const body = req.body as Record<string, unknown>;

    if (req.method === 'POST' && (rest === '/calendar/events' || rest === '/events')) {
      const transactionId = typeof body.transactionId === 'string' ? body.transactionId : undefined;
      const existing = transactionId ? [...events.values()].find((e) => e.transactionId === transactionId && !e.deleted) : undefined;
      if (existing) {
        res.status(201).json(view(existing));
        return;
      }
      const id = `AAMk-${randomUUID()}`;
      const event: FakeGraphEvent = { ...body, id, seq: ++seq, showAs: (body.showAs as string) ?? 'busy' };
      if (body.isOnlineMeeting === true && body.onlineMeetingProvider === 'teamsForBusiness') {
        const joinUrl = `https://teams.microsoft.com/l/meetup-join/${id}`;
        event.onlineMeeting = { joinUrl };
        meetings.set(id, joinUrl);
      }
      events.set(id, event);
      res.status(201).json(view(event));
      return;
    }
    const eventMatch = /^\/(?:calendar\/)?events\/([^/]+)$/.exec(rest);
    if (eventMatch) {
      const id = decodeURIComponent(eventMatch[1]!);
      const existing = events.get(id);
      if (!existing || existing.deleted) {
        fail(res, 404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
        return;
      }
      if (req.method === 'PATCH') {
        const updated: FakeGraphEvent = { ...existing, ...body, id, seq: ++seq };
        events.set(id, updated);
        res.json(view(updated));
        return;
      }
      if (req.method === 'DELETE') {
        events.set(id, { ...existing, deleted: true, seq: ++seq });
        meetings.delete(id);
        res.status(204).end();
        return;
      }
    }
    if (req.method === 'POST' && rest === '/calendar/getSchedule') {
      const request = body as { schedules: string[]; startTime: { dateTime: string }; endTime: { dateTime: string } };
      const from = instant(request.startTime);
      const to = instant(request.endTime);
      res.json({
        value: request.schedules.map((address) => ({
          scheduleId: address,
          availabilityView: '',
          scheduleItems: (busy.get(address.toLowerCase()) ?? [])
            .filter((b) => Date.parse(b.end) > from && Date.parse(b.start) < to)
            .map((b) => ({
              status: b.status,
              isPrivate: false,
              start: { dateTime: graphUtc(b.start), timeZone: 'UTC' },
              end: { dateTime: graphUtc(b.end), timeZone: 'UTC' },
            })),
        })),
      });
      return;
    }
    if (req.method === 'GET' && rest === '/calendarView/delta') {
      const q = req.query as Record<string, string>;
      let since = 0;
      let window: { from: number; to: number } | undefined;
      let offset = 0;
      const token = q.$deltatoken ?? q.$skiptoken;
      if (token) {
        const parts = /^(\d+)-(\d+)-(\d+)-(\d+)-(\d+)$/.exec(token);
        if (!parts || Number(parts[1]) !== deltaEpoch) {
          fail(res, 410, 'SyncStateNotFound', 'The sync state generation is no longer valid.');
          return;
        }
        since = Number(parts[2]);
        window = { from: Number(parts[3]), to: Number(parts[4]) };
        offset = Number(parts[5]);
      } else {
        window = { from: Date.parse(q.startDateTime ?? ''), to: Date.parse(q.endDateTime ?? '') };
        if (Number.isNaN(window.from) || Number.isNaN(window.to)) {
          fail(res, 400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required');
          return;
        }
      }
      const all = [...events.values()]
        .filter((e) => e.seq > since)
        .filter((e) => (since === 0 ? !e.deleted : true))
        .filter((e) => e.deleted || (instant(e.end) > window.from && instant(e.start) < window.to))
        .sort((a, b) => a.seq - b.seq);
      const pageSize = Number(/maxpagesize=(\d+)/.exec(req.header('prefer') ?? '')?.[1] ?? 100);
      const page = all.slice(offset, offset + pageSize);
      const base = `${url}/v1.0${match[1] === 'me' ? '/me' : `/users/${match[2]}`}/calendarView/delta`;
      const more = offset + pageSize < all.length;
      res.json({
        '@odata.context': `${url}/v1.0/$metadata#Collection(event)`,
        value: page.map((e) => (e.deleted ? { '@removed': { reason: 'deleted' }, id: e.id } : view(e))),
        ...(more
          ? { '@odata.nextLink': `${base}?$skiptoken=${deltaEpoch}-${since}-${window.from}-${window.to}-${offset + pageSize}` }
          : { '@odata.deltaLink': `${base}?$deltatoken=${deltaEpoch}-${seq}-${window.from}-${window.to}-0` }),
      });
      return;
    }
    fail(res, 400, 'BadRequest', `Unsupported ${req.method} ${rest}`);
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrl: url,
    tokenUrl: `${url}/token`,
    tokens,
    requests,
    meetings,
    subscriptions,
    calls: () => requests.filter((r) => r.path !== '/token').map((r) => `${r.method} ${r.path}`),
    events: (mailbox = 'me') => [...store(mailbox).values()].filter((e) => !e.deleted),
    putEvent(mailbox, event) {
      store(mailbox).set(String(event.id), { ...event, seq: ++seq });
    },
    removeEvent(mailbox, id) {
      const existing = store(mailbox).get(id);
      if (existing) store(mailbox).set(id, { ...existing, deleted: true, seq: ++seq });
    },
    addBusy(address, start, end, status = 'busy') {
      const key = address.toLowerCase();
      busy.set(key, [...(busy.get(key) ?? []), { start, end, status }]);
    },
    expireTokens: () => tokens.expireAll(),
    expireDeltaLinks() {
      deltaEpoch++;
    },
    reset() {
      requests.length = 0;
      mailboxes.clear();
      busy.clear();
      meetings.clear();
      subscriptions.clear();
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
