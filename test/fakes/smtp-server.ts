import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server for nodemailer in tests: it accepts mail on loopback, keeps every message
 * (raw and parsed) and can refuse chosen recipients with a 5xx, like a real server would.
 */

export interface MimePart {
  headers: Record<string, string>;
  contentType: string;
  /** Parameters of Content-Type (charset, method, boundary…), lower-cased names. */
  params: Record<string, string>;
  filename?: string;
  /** Decoded (base64 / quoted-printable) body as UTF-8 text. */
  content: string;
  parts: MimePart[];
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  root: MimePart;
  headers: Record<string, string>;
  subject: string;
  messageId: string;
  text?: string;
  html?: string;
  /** Every leaf part with a filename or a non-text/plain, non-html type (calendars included). */
  attachments: MimePart[];
}

function unfoldHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ').split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return headers;
}

function headerParams(value: string): { value: string; params: Record<string, string> } {
  const [first, ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const i = piece.indexOf('=');
    if (i > 0) params[piece.slice(0, i).trim().toLowerCase()] = piece.slice(i + 1).trim().replace(/^"|"$/g, '');
  }
  return { value: (first ?? '').trim().toLowerCase(), params };
}

/** RFC 2047 encoded words (=?UTF-8?B?...?= / ?Q?) in headers. */
export function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

function decodeBody(body: string, encoding: string | undefined): string {
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable': {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return Buffer.from(bytes, 'latin1').toString('utf8');
    }
    default:
      return body;
  }
}

export function parseMime(raw: string): MimePart {
  const normalized = raw.replace(/\r\n/g, '\n');
  const split = normalized.indexOf('\n\n');
  const headers = unfoldHeaders(split === -1 ? normalized : normalized.slice(0, split));
  const body = split === -1 ? '' : normalized.slice(split + 2);
  const { value: contentType, params } = headerParams(headers['content-type'] ?? 'text/plain');
  const disposition = headerParams(headers['content-disposition'] ?? '');
  const filename = disposition.params.filename ?? params.name;
  const part: MimePart = { headers, contentType, params, ...(filename ? { filename: decodeHeader(filename) } : {}), content: '', parts: [] };
  if (contentType.startsWith('multipart/') && params.boundary) {
    const marker = `--${params.boundary}`;
    const sections = body.split(marker).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      part.parts.push(parseMime(section.replace(/^\n/, '').replace(/\n$/, '')));
    }
  } else {
    part.content = decodeBody(body, headers['content-transfer-encoding']);
  }
  return part;
}

function leaves(part: MimePart): MimePart[] {
  return part.parts.length === 0 ? [part] : part.parts.flatMap(leaves);
}

export function parseMail(raw: string, envelope: { from: string; to: string[] }): ReceivedMail {
  const root = parseMime(raw);
  const all = leaves(root);
  const text = all.find((p) => p.contentType === 'text/plain' && !p.filename)?.content;
  const html = all.find((p) => p.contentType === 'text/html' && !p.filename)?.content;
  return {
    ...envelope,
    raw,
    root,
    headers: root.headers,
    subject: decodeHeader(root.headers.subject ?? ''),
    messageId: root.headers['message-id'] ?? '',
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    attachments: all.filter((p) => p.filename || !['text/plain', 'text/html'].includes(p.contentType)),
  };
}

export class FakeSmtpServer {
  readonly messages: ReceivedMail[] = [];
  private readonly rejected = new Map<string, { code: number; message: string }>();
  private server?: SMTPServer;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** RCPT TO this address answers with this code (550: no such user). */
  rejectRecipient(address: string, code = 550, message = '5.1.1 No such user here'): this {
    this.rejected.set(address.toLowerCase(), { code, message });
    return this;
  }

  reset(): void {
    this.messages.length = 0;
    this.rejected.clear();
  }

  /** Resolves once `count` messages have arrived (nodemailer resolves before our handler may run). */
  async waitForMessages(count: number, timeoutMs = 5_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} emails, got ${this.messages.length}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.messages;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const rejection = this.rejected.get(address.address.toLowerCase());
        if (!rejection) return callback();
        const err = Object.assign(new Error(rejection.message), { responseCode: rejection.code });
        return callback(err);
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          this.messages.push(parseMail(Buffer.concat(chunks).toString('utf8'), envelope));
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function startFakeSmtp(): Promise<FakeSmtpServer> {
  return new FakeSmtpServer().start();
}
