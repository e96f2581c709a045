import nodemailer from 'nodemailer';
import { ProviderError, type EmailProvider, type EmailSendRequest, type SendResult } from './types';

/** Failures before the message left us: the server certainly did not take it. */
const NOT_CONNECTED = new Set(['ECONNECTION', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH']);

export interface SmtpProviderOptions {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  /** Sender address; the display name is the business. */
  fromAddress: string;
  timeoutMs?: number;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message?: string;
}

export function toSmtpProviderError(err: unknown): ProviderError {
  const e = err as SmtpError;
  const code = e.responseCode ? `SMTP_${e.responseCode}` : (e.code ?? 'SMTP_ERROR');
  const text = e.response ?? e.message ?? 'SMTP send failed';
  if (e.responseCode !== undefined) {
    // RFC 5321: 5yz is permanent (503 is a session state problem); 4yz is transient.
    const permanent = e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503;
    return new ProviderError(`${e.command ? `${e.command}: ` : ''}${text}`, { code, permanent, notSent: true, cause: err });
  }
  return new ProviderError(text, { code, permanent: false, notSent: NOT_CONNECTED.has(e.code ?? ''), cause: err });
}

function toHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const linked = escaped.replace(/\bhttps?:\/\/[^\s<]+[^\s<.,;:!?)]/g, (url) => `<a href="${url}">${url}</a>`);
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${linked.replace(/\n/g, '<br>\n')}</body></html>`;
}

export function createSmtpProvider(opts: SmtpProviderOptions): EmailProvider & { close(): void } {
  const timeout = opts.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    url: opts.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });

  return {
    name: 'smtp',
    close: () => transport.close(),

    async send(request: EmailSendRequest): Promise<SendResult> {
      const from = request.fromName ? { name: request.fromName, address: opts.fromAddress } : opts.fromAddress;
      try {
        const info = await transport.sendMail({
          from,
          to: request.toName ? { name: request.toName, address: request.to } : request.to,
          ...(request.replyTo ? { replyTo: request.replyTo } : {}),
          subject: request.subject,
          text: request.text,
          html: request.html ?? toHtml(request.text),
          messageId: request.messageIdHeader,
          ...(request.ics
            ? {
                // Sent twice by nodemailer: a text/calendar alternative (mail clients show the
                // invitation) and an invite.ics attachment (for the rest).
                icalEvent: { method: request.ics.method, filename: request.ics.filename, content: request.ics.content },
              }
            : {}),
        });
        return { providerMessageId: info.messageId ?? request.messageIdHeader, status: 'sent', from: opts.fromAddress };
      } catch (err) {
        throw toSmtpProviderError(err);
      }
    },
  };
}
