import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/**
 * A fake of Twilio's Messages API on loopback, for the real `twilio` client. The client has no
 * base-URL option, so tests give it `fake.httpClient()`, a RequestClient that rewrites
 * https://api.twilio.com/... to this server. Every request is recorded.
 */

export interface RecordedTwilioRequest {
  method: string;
  path: string;
  accountSid: string;
  /** Basic-auth user:password the client sent. */
  auth?: string;
  form: Record<string, string | string[]>;
  query: Record<string, unknown>;
}

export interface FakeTwilioMessage {
  sid: string;
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: 'outbound-api';
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: '0';
  num_segments: string;
  price: string | null;
  price_unit: string;
  status: string;
  subresource_uris: { media: string };
  to: string;
  uri: string;
  /** Not part of Twilio's resource: the StatusCallback the client asked for. */
  status_callback?: string;
}

export interface TwilioErrorSpec {
  code: number;
  status?: number;
  message?: string;
}

/** Real Twilio error texts for the codes tests use. */
export const TWILIO_ERRORS: Record<number, string> = {
  21211: "The 'To' number is not a valid phone number.",
  21610: 'Attempt to send to unsubscribed recipient',
  21614: "'To' number is not a valid mobile number",
  20429: 'Too Many Requests',
  30001: 'Queue overflow',
};

const rfc2822 = (d: Date): string => d.toUTCString().replace('GMT', '+0000');
const sid = (prefix: string): string => prefix + randomBytes(16).toString('hex');

export class FakeTwilioServer {
  readonly accountSid = sid('AC');
  readonly authToken = randomBytes(16).toString('hex');
  readonly requests: RecordedTwilioRequest[] = [];
  readonly messages: FakeTwilioMessage[] = [];
  private readonly errorsByNumber = new Map<string, TwilioErrorSpec>();
  private readonly nextErrors: TwilioErrorSpec[] = [];
  private dropResponses = 0;
  private server?: Server;
  private baseUrl?: string;

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeTwilioServer is not started');
    return this.baseUrl;
  }

  /** POSTs that created (or tried to create) a message. */
  get sendRequests(): RecordedTwilioRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/Messages.json'));
  }

  /** Every send to this number (with or without whatsapp:) answers with this Twilio error. */
  failFor(to: string, error: TwilioErrorSpec): this {
    this.errorsByNumber.set(to.replace(/^whatsapp:/, ''), error);
    return this;
  }

  /** The next send answers with this error (a 429 or a 5xx for transient failures). */
  failNext(error: TwilioErrorSpec): this {
    this.nextErrors.push(error);
    return this;
  }

  /**
   * The next send creates the message and then cuts the connection before answering: the
   * client cannot know whether the text went out (a crash or a network cut mid-request).
   */
  dropResponseNext(): this {
    this.dropResponses += 1;
    return this;
  }

  reset(): void {
    this.dropResponses = 0;
    this.requests.length = 0;
    this.messages.length = 0;
    this.errorsByNumber.clear();
    this.nextErrors.length = 0;
  }

  /** Adds a message as if an earlier request had created it (crash-recovery tests). */
  seedMessage(fields: { to: string; from: string; body: string; createdAt?: Date }): FakeTwilioMessage {
    const message = this.buildMessage(this.accountSid, { To: fields.to, From: fields.from, Body: fields.body }, fields.createdAt ?? new Date());
    this.messages.push(message);
    return message;
  }

  async start(): Promise<this> {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.use((req, _res, next) => {
      const header = req.headers.authorization;
      this.requests.push({
        method: req.method,
        path: req.path,
        accountSid: req.path.split('/')[3] ?? '',
        ...(header?.startsWith('Basic ') ? { auth: Buffer.from(header.slice(6), 'base64').toString('utf8') } : {}),
        form: (req.body ?? {}) as Record<string, string | string[]>,
        query: req.query as Record<string, unknown>,
      });
      next();
    });
    app.use('/2010-04-01/Accounts/:accountSid', (req, res, next) => {
      if (req.headers.authorization !== `Basic ${Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64')}`) {
        res.status(401).json({ code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 });
        return;
      }
      next();
    });
    app.post('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
      const form = req.body as Record<string, string>;
      if (!form.To || (!form.From && !form.MessagingServiceSid) || (!form.Body && !form.ContentSid)) {
        this.sendError(res, { code: 21604, status: 400, message: "A 'To', 'From' and 'Body' are required" });
        return;
      }
      const error = this.nextErrors.shift() ?? this.errorsByNumber.get(form.To.replace(/^whatsapp:/, ''));
      if (error) {
        this.sendError(res, error);
        return;
      }
      const message = this.buildMessage(String(req.params.accountSid), form, new Date());
      this.messages.push(message);
      if (this.dropResponses > 0) {
        this.dropResponses -= 1;
        req.socket.destroy();
        return;
      }
      res.status(201).json(message);
    });
    app.get('/2010-04-01/Accounts/:accountSid/Messages.json', (req, res) => {
      const { To, From } = req.query as Record<string, string | undefined>;
      const pageSize = Math.min(Number(req.query.PageSize ?? 50) || 50, 1000);
      const matches = this.messages
        .filter((m) => (!To || m.to === To) && (!From || m.from === From))
        .slice()
        .reverse()
        .slice(0, pageSize);
      const uri = `/2010-04-01/Accounts/${String(req.params.accountSid)}/Messages.json?PageSize=${pageSize}&Page=0`;
      res.json({
        end: Math.max(matches.length - 1, 0),
        first_page_uri: uri,
        next_page_uri: null,
        page: 0,
        page_size: pageSize,
        previous_page_uri: null,
        start: 0,
        uri,
        messages: matches,
      });
    });
    app.get('/2010-04-01/Accounts/:accountSid/Messages/:sid.json', (req, res) => {
      const message = this.messages.find((m) => m.sid === req.params.sid);
      if (!message) {
        this.sendError(res, { code: 20404, status: 404, message: `The requested resource ${req.path} was not found` });
        return;
      }
      res.json(message);
    });
    app.use((req, res) => {
      this.sendError(res, { code: 20404, status: 404, message: `The requested resource ${req.path} was not found` });
    });

    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server!.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A RequestClient for `twilio(sid, token, { httpClient })` that talks to this server. */
  httpClient(): twilio.RequestClient {
    return new LoopbackRequestClient(() => this.url);
  }

  /** Sets a delivered/failed status on a message, as Twilio would later (price included). */
  setStatus(messageSid: string, status: string, extra: { price?: string; errorCode?: number } = {}): FakeTwilioMessage {
    const message = this.messages.find((m) => m.sid === messageSid);
    if (!message) throw new Error(`no fake message ${messageSid}`);
    message.status = status;
    message.date_updated = rfc2822(new Date());
    if (status === 'sent' || status === 'delivered') message.date_sent ??= message.date_updated;
    if (extra.price !== undefined) message.price = extra.price;
    if (extra.errorCode !== undefined) message.error_code = extra.errorCode;
    return message;
  }

  private sendError(res: express.Response, error: TwilioErrorSpec): void {
    const status = error.status ?? (error.code === 20429 ? 429 : 400);
    res.status(status).json({
      code: error.code,
      message: error.message ?? TWILIO_ERRORS[error.code] ?? 'Error',
      more_info: `https://www.twilio.com/docs/errors/${error.code}`,
      status,
    });
  }

  private buildMessage(accountSid: string, form: Record<string, string>, at: Date): FakeTwilioMessage {
    const messageSid = sid('SM');
    const body = form.Body ?? '';
    const nonGsm = /[^\x20-\x7E\n\r£¥èéùìòÇØøÅåÄÖÑÜäöñüà€]/.test(body);
    const perPart = nonGsm ? (body.length > 70 ? 67 : 70) : body.length > 160 ? 153 : 160;
    return {
      sid: messageSid,
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: rfc2822(at),
      date_sent: null,
      date_updated: rfc2822(at),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil(body.length / perPart))),
      price: null,
      price_unit: 'USD',
      status: form.MessagingServiceSid && !form.From ? 'accepted' : 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media.json` },
      to: form.To ?? '',
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}.json`,
      ...(form.StatusCallback ? { status_callback: form.StatusCallback } : {}),
    };
  }
}

/** The real RequestClient, with api.twilio.com swapped for the fake's loopback address. */
export class LoopbackRequestClient extends twilio.RequestClient {
  constructor(private readonly target: () => string) {
    super({ timeout: 5_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>({ ...opts, uri: String(opts.uri).replace(/^https:\/\/[a-z0-9.-]*api\.twilio\.com/i, this.target()) });
  }
}

export async function startFakeTwilio(): Promise<FakeTwilioServer> {
  return new FakeTwilioServer().start();
}

/** The X-Twilio-Signature Twilio would put on a webhook to `url` with these form params. */
export function signTwilioWebhook(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** Form fields of an inbound SMS webhook, as Twilio posts them. */
export function inboundSmsParams(fields: { accountSid: string; from: string; to: string; body: string; messageSid?: string }): Record<string, string> {
  const messageSid = fields.messageSid ?? sid('SM');
  return {
    ToCountry: 'US',
    ToState: 'CA',
    SmsMessageSid: messageSid,
    NumMedia: '0',
    FromState: 'NY',
    SmsSid: messageSid,
    SmsStatus: 'received',
    Body: fields.body,
    To: fields.to,
    NumSegments: '1',
    MessageSid: messageSid,
    AccountSid: fields.accountSid,
    From: fields.from,
    ApiVersion: '2010-04-01',
  };
}

/** Form fields of a status callback, as Twilio posts them. */
export function statusCallbackParams(fields: { accountSid: string; messageSid: string; status: string; to: string; from: string; errorCode?: number }): Record<string, string> & { MessageSid: string; MessageStatus: string } {
  return {
    AccountSid: fields.accountSid,
    MessageSid: fields.messageSid,
    SmsSid: fields.messageSid,
    MessageStatus: fields.status,
    SmsStatus: fields.status,
    To: fields.to,
    From: fields.from,
    ApiVersion: '2010-04-01',
    ...(fields.errorCode !== undefined ? { ErrorCode: String(fields.errorCode) } : {}),
  };
}
