import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, type Response } from 'express';
import { type RecordedRequest, recordRequests } from './request-recorder';

/**
 * A fake of Zoom's REST API v2 and its server-to-server OAuth token endpoint on loopback:
 * POST /oauth/token?grant_type=account_credentials&account_id=… with Basic client credentials,
 * then /v2/users/me/meetings (create, list) and /v2/meetings/:id (patch, delete). It records every
 * request and can expire its tokens (the next call answers 401 with code 124).
 */

export interface FakeZoomMeeting {
  id: number;
  topic: string;
  start_time: string;
  duration: number;
  timezone: string;
  agenda: string;
  join_url: string;
  deleted?: boolean;
}

export type RecordedZoomRequest = RecordedRequest;

export interface FakeZoom {
  url: string;
  apiUrl: string;
  oauthUrl: string;
  credentials: { accountId: string; clientId: string; clientSecret: string };
  requests: RecordedZoomRequest[];
  /** Requests to the API only (not the token endpoint), as "METHOD path". */
  calls(): string[];
  meetings(): FakeZoomMeeting[];
  tokenCount(): number;
  expireTokens(): void;
  close(): Promise<void>;
}

export async function startFakeZoom(): Promise<FakeZoom> {
  const credentials = { accountId: 'acct-fern', clientId: 'zoom-client', clientSecret: 'zoom-secret-value' };
  const requests: RecordedZoomRequest[] = [];
  const meetings = new Map<number, FakeZoomMeeting>();
  const valid = new Set<string>();
  let counter = 0;
  let tokensIssued = 0;

  const app = express();
  app.use(express.json());
  app.use(recordRequests(requests));

  app.post('/oauth/token', (req: Request, res: Response) => {
    const expected = `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`;
    if (req.header('authorization') !== expected || req.query.grant_type !== 'account_credentials' || req.query.account_id !== credentials.accountId) {
      res.status(400).json({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
      return;
    }
    const token = `zoom-access-${++tokensIssued}`;
    valid.add(token);
    res.json({ access_token: token, token_type: 'bearer', expires_in: 3599, scope: 'meeting:write:admin' });
  });

  app.use('/v2', (req: Request, res: Response, next) => {
    const token = /^Bearer (.+)$/.exec(req.header('authorization') ?? '')?.[1];
    if (!token || !valid.has(token)) {
      res.status(401).json({ code: 124, message: 'Invalid access token.' });
      return;
    }
    next();
  });
  app.post('/v2/users/me/meetings', (req: Request, res: Response) => {
    const body = req.body as Partial<FakeZoomMeeting>;
    if (!body.topic || !body.start_time || !body.duration) {
      res.status(400).json({ code: 300, message: 'Validation Failed.' });
      return;
    }
    const id = 85_000_000_000 + ++counter;
    const meeting: FakeZoomMeeting = {
      id,
      topic: body.topic,
      start_time: body.start_time,
      duration: body.duration,
      timezone: body.timezone ?? 'UTC',
      agenda: body.agenda ?? '',
      join_url: `https://zoom.us/j/${id}?pwd=fake${counter}`,
    };
    meetings.set(id, meeting);
    res.status(201).json(meeting);
  });
  app.get('/v2/users/me/meetings', (_req: Request, res: Response) => {
    const list = [...meetings.values()].filter((m) => !m.deleted);
    res.json({ page_size: 300, total_records: list.length, next_page_token: '', meetings: list });
  });
  app.patch('/v2/meetings/:id', (req: Request, res: Response) => {
    const meeting = meetings.get(Number(req.params.id));
    if (!meeting || meeting.deleted) {
      res.status(404).json({ code: 3001, message: 'Meeting does not exist.' });
      return;
    }
    Object.assign(meeting, req.body as object, { id: meeting.id, join_url: meeting.join_url });
    res.status(204).end();
  });
  app.delete('/v2/meetings/:id', (req: Request, res: Response) => {
    const meeting = meetings.get(Number(req.params.id));
    if (!meeting || meeting.deleted) {
      res.status(404).json({ code: 3001, message: 'Meeting does not exist.' });
      return;
    }
    meeting.deleted = true;
    res.status(204).end();
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    apiUrl: `${url}/v2`,
    oauthUrl: `${url}/oauth/token`,
    credentials,
    requests,
    calls: () => requests.filter((r) => r.path !== '/oauth/token').map((r) => `${r.method} ${r.path}`),
    meetings: () => [...meetings.values()],
    tokenCount: () => tokensIssued,
    expireTokens: () => valid.clear(),
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
