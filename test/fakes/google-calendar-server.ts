import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { FakeTokenIssuer } from './oauth-token-endpoint';
import { type RecordedRequest, recordRequests } from './request-recorder';

/**
 * A fake of Google Calendar v3 on loopback for the real `googleapis` client (`rootUrl`), plus
 * the OAuth token endpoint at POST /token. It keeps events per calendar with a change sequence
 * (sync tokens are positions in it), records every request, and has switches: `expireTokens()`
 * (the next call answers 401), `expireSyncTokens()` (the next incremental list answers 410) and
 * `addBusy()` (free/busy blocks).
 */

export type RecordedGoogleRequest = RecordedRequest;

export interface FakeGoogleEvent {
  id: string;
  status: 'confirmed' | 'cancelled';
  summary?: string;
  start?: { dateTime?: string; date?: string; timeZone?: string };
  end?: { dateTime?: string; date?: string; timeZone?: string };
  transparency?: string;
  [key: string]: unknown;
  /** Position in the change log. */
  seq: number;
}

export interface FakeGoogleChannel {
  id: string;
  resourceId: string;
  address: string;
  token: string;
  expiration: number;
  stopped: boolean;
}

export interface FakeGoogleCalendar {
  url: string;
  /** Notification channels opened with events.watch. */
  channels: Map<string, FakeGoogleChannel>;
  rootUrl: string;
  tokenUrl: string;
  tokens: FakeTokenIssuer;
  requests: RecordedGoogleRequest[];
  /** Requests to the Calendar API only (not /token), as "METHOD path". */
  calls(): string[];
  events(calendarId?: string): FakeGoogleEvent[];
  /** Someone edits the calendar in Google directly (for sync tests). */
  putEvent(calendarId: string, event: { id: string; status?: 'confirmed' | 'cancelled'; [key: string]: unknown }): void;
  removeEvent(calendarId: string, id: string): void;
  addBusy(calendarId: string, start: string, end: string): void;
  expireTokens(): void;
  expireSyncTokens(): void;
  reset(): void;
  close(): Promise<void>;
}

const ID_RULE = /^[a-v0-9]{5,1024}$/;

export async function startFakeGoogleCalendar(): Promise<FakeGoogleCalendar> {
  const tokens = new FakeTokenIssuer('g');
  const requests: RecordedGoogleRequest[] = [];
  const calendars = new Map<string, Map<string, FakeGoogleEvent>>();
  const busy = new Map<string, { start: string; end: string }[]>();
  let seq = 0;
  let syncEpoch = 1;
  let conferenceCounter = 0;
  const channels = new Map<string, FakeGoogleChannel>();

  const store = (calendarId: string) => {
    let events = calendars.get(calendarId);
    if (!events) calendars.set(calendarId, (events = new Map()));
    return events;
  };
  const calendarIdOf = (raw: string) => (raw === 'primary' ? 'primary' : decodeURIComponent(raw));

  const withConference = (event: FakeGoogleEvent, query: Record<string, string>) => {
    const create = (event.conferenceData as { createRequest?: { requestId?: string } } | undefined)?.createRequest;
    if (create && query.conferenceDataVersion === '1') {
      const code = `mee-${(++conferenceCounter).toString().padStart(4, '0')}-af`;
      event.conferenceData = {
        createRequest: { ...create, status: { statusCode: 'success' } },
        conferenceId: code,
        conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
        entryPoints: [{ entryPointType: 'video', uri: `https://meet.google.com/${code}`, label: `meet.google.com/${code}` }],
      };
      event.hangoutLink = `https://meet.google.com/${code}`;
    }
  };
  const view = (event: FakeGoogleEvent) => {
    const { seq: _seq, ...rest } = event;
    return { kind: 'calendar#event', etag: `"${event.seq}"`, htmlLink: `https://calendar.google.com/event?eid=${event.id}`, iCalUID: `${event.id}@google.com`, ...rest };
  };
  const errorBody = (code: number, reason: string, message: string) => ({ error: { code, message, errors: [{ domain: 'global', reason, message }] } });

  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));
  app.use(recordRequests(requests));
  app.post('/token', tokens.handle);
  app.post('/revoke', tokens.revoke);
  app.use('/calendar/v3', (req: Request, res: Response, next: NextFunction) => {
    if (!tokens.isAuthorized(req.header('authorization'))) {
      res.status(401).json(errorBody(401, 'authError', 'Invalid Credentials'));
      return;
    }
    next();
  });

  app.post('/calendar/v3/calendars/:calendarId/events', (req: Request, res: Response) => {
    const events = store(calendarIdOf(String(req.params.calendarId)));
    const body = req.body as Record<string, unknown>;
    const id = typeof body.id === 'string' ? body.id : `gen${(++seq).toString(32)}`;
    if (!ID_RULE.test(id)) {
      res.status(400).json(errorBody(400, 'invalid', 'Invalid resource id value.'));
      return;
    }
    if (events.has(id)) {
      res.status(409).json(errorBody(409, 'duplicate', 'The requested identifier already exists.'));
      return;
    }
    const event: FakeGoogleEvent = { ...body, id, status: 'confirmed', seq: ++seq };
    withConference(event, req.query as Record<string, string>);
    events.set(id, event);
    res.json(view(event));
  });
  app.patch('/calendar/v3/calendars/:calendarId/events/:eventId', (req: Request, res: Response) => {
    const events = store(calendarIdOf(String(req.params.calendarId)));
    const existing = events.get(String(req.params.eventId));
    if (!existing || existing.status === 'cancelled') {
      res.status(existing ? 410 : 404).json(errorBody(existing ? 410 : 404, existing ? 'deleted' : 'notFound', existing ? 'Resource has been deleted' : 'Not Found'));
      return;
    }
    const hadConference = Boolean(existing.hangoutLink);
    const updated: FakeGoogleEvent = { ...existing, ...(req.body as object), id: existing.id, status: 'confirmed', seq: ++seq };
    if (!hadConference) withConference(updated, req.query as Record<string, string>);
    else updated.conferenceData = existing.conferenceData;
    events.set(updated.id, updated);
    res.json(view(updated));
  });
  app.delete('/calendar/v3/calendars/:calendarId/events/:eventId', (req: Request, res: Response) => {
    const events = store(calendarIdOf(String(req.params.calendarId)));
    const existing = events.get(String(req.params.eventId));
    if (!existing || existing.status === 'cancelled') {
      res.status(existing ? 410 : 404).json(errorBody(existing ? 410 : 404, existing ? 'deleted' : 'notFound', 'gone'));
      return;
    }
    events.set(existing.id, { ...existing, status: 'cancelled', seq: ++seq });
    res.status(204).end();
  });
  app.get('/calendar/v3/calendars/:calendarId/events', (req: Request, res: Response) => {
    const events = [...store(calendarIdOf(String(req.params.calendarId))).values()].sort((a, b) => a.seq - b.seq);
    const q = req.query as Record<string, string>;
    let since = 0;
    if (q.syncToken) {
      const match = /^sync-(\d+)-(\d+)$/.exec(q.syncToken);
      if (!match || Number(match[1]) !== syncEpoch) {
        res.status(410).json(errorBody(410, 'fullSyncRequired', 'Sync token is no longer valid, a full sync is required.'));
        return;
      }
      since = Number(match[2]);
    }
    let items = events.filter((e) => e.seq > since);
    if (!q.syncToken) {
      items = items.filter((e) => e.status !== 'cancelled' || q.showDeleted === 'true');
      if (q.timeMin) items = items.filter((e) => !e.end?.dateTime || e.end.dateTime > q.timeMin!);
      if (q.timeMax) items = items.filter((e) => !e.start?.dateTime || e.start.dateTime < q.timeMax!);
    }
    const pageSize = Number(q.maxResults ?? 250);
    const offset = Number(q.pageToken ?? 0);
    const page = items.slice(offset, offset + pageSize);
    const more = offset + pageSize < items.length;
    res.json({
      kind: 'calendar#events',
      items: page.map(view),
      ...(more ? { nextPageToken: String(offset + pageSize) } : { nextSyncToken: `sync-${syncEpoch}-${seq}` }),
    });
  });
  app.post('/calendar/v3/calendars/:calendarId/events/watch', (req: Request, res: Response) => {
    const body = req.body as { id?: string; type?: string; address?: string; token?: string; params?: { ttl?: string } };
    if (!body.id || body.type !== 'web_hook' || !body.address?.startsWith('https://')) {
      res.status(400).json(errorBody(400, 'invalid', 'WebHook callback must be HTTPS'));
      return;
    }
    const ttl = Number(body.params?.ttl ?? 604800);
    const channel = { id: body.id, resourceId: `res-${calendarIdOf(String(req.params.calendarId))}`, address: body.address, token: body.token ?? '', expiration: Date.now() + ttl * 1000, stopped: false };
    channels.set(channel.id, channel);
    res.json({ kind: 'api#channel', id: channel.id, resourceId: channel.resourceId, resourceUri: 'x', token: channel.token, expiration: String(channel.expiration) });
  });
  app.post('/calendar/v3/channels/stop', (req: Request, res: Response) => {
    const body = req.body as { id?: string; resourceId?: string };
    const channel = channels.get(body.id ?? '');
    if (!channel || channel.resourceId !== body.resourceId || channel.stopped) {
      res.status(404).json(errorBody(404, 'notFound', 'Channel not found'));
      return;
    }
    channel.stopped = true;
    res.status(204).end();
  });
  app.post('/calendar/v3/freeBusy', (req: Request, res: Response) => {
    const body = req.body as { timeMin: string; timeMax: string; items: { id: string }[] };
    const calendarsOut: Record<string, { busy: { start: string; end: string }[] }> = {};
    for (const { id } of body.items) {
      calendarsOut[id] = {
        busy: (busy.get(id) ?? []).filter((b) => Date.parse(b.end) > Date.parse(body.timeMin) && Date.parse(b.start) < Date.parse(body.timeMax)),
      };
    }
    res.json({ kind: 'calendar#freeBusy', timeMin: body.timeMin, timeMax: body.timeMax, calendars: calendarsOut });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    rootUrl: `${url}/`,
    channels,
    tokenUrl: `${url}/token`,
    tokens,
    requests,
    calls: () => requests.filter((r) => r.path !== '/token').map((r) => `${r.method} ${r.path}`),
    events: (calendarId = 'primary') => [...store(calendarId).values()],
    putEvent(calendarId, event) {
      store(calendarId).set(String(event.id), { status: 'confirmed', ...event, seq: ++seq });
    },
    removeEvent(calendarId, id) {
      const existing = store(calendarId).get(id);
      if (existing) store(calendarId).set(id, { ...existing, status: 'cancelled', seq: ++seq });
    },
    addBusy(calendarId, start, end) {
      busy.set(calendarId, [...(busy.get(calendarId) ?? []), { start, end }]);
    },
    expireTokens: () => tokens.expireAll(),
    expireSyncTokens() {
      syncEpoch++;
    },
    reset() {
      requests.length = 0;
      calendars.clear();
      busy.clear();
      channels.clear();
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
