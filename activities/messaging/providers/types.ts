/**
 * What a messaging provider does, whatever sits behind it (Twilio, SMTP, the dev outbox).
 * Providers throw ProviderError so the send activity can decide retry vs. permanent failure
 * without knowing any provider's error codes.
 */
export interface SmsSendRequest {
  channel: 'sms' | 'whatsapp';
  /** E.164, without any channel prefix. */
  to: string;
  body: string;
  /** The outbox row: providers without ids of their own derive one from it. */
  messageId: string;
  /** WhatsApp outside the 24 h window: an approved template (Twilio Content SID) instead of free text. */
  contentSid?: string;
  contentVariables?: Record<string, string>;
}

export interface SendResult {
  providerMessageId: string;
  /** The provider's view right after acceptance, mapped to Message statuses. */
  status: 'sent' | 'delivered';
  from?: string;
  priceMicros?: number;
  priceCurrency?: string;
}

export interface SentLookup {
  channel: 'sms' | 'whatsapp';
  to: string;
  body: string;
  /** The earliest time the lost attempt can have been made. */
  since: Date;
}

export interface SmsProvider {
  readonly name: string;
  send(request: SmsSendRequest): Promise<SendResult>;
  /**
   * Finds a message an earlier, interrupted attempt may have created (reconciliation after a
   * crash between the provider call and recording its id). Absent when the provider cannot tell.
   */
  findSent?(lookup: SentLookup): Promise<SendResult | null>;
  /**
   * The price of a sent message, for when the status callback did not carry it (Twilio sets it a
   * while after delivery). Null while the provider has none yet. Absent when the provider cannot tell.
   */
  fetchPrice?(providerMessageId: string): Promise<Pick<SendResult, 'priceMicros' | 'priceCurrency'> | null>;
}

export interface IcsAttachment {
  filename: string;
  content: string;
  /** iTIP method: REQUEST for a booking or change, CANCEL for a cancellation. */
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
}

export interface EmailSendRequest {
  to: string;
  toName?: string;
  fromName?: string;
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  ics?: IcsAttachment;
  /** Stable Message-ID (from the idempotency key): a resend after a crash is the same email. */
  messageIdHeader: string;
  messageId: string;
}

export interface EmailProvider {
  readonly name: string;
  send(request: EmailSendRequest): Promise<SendResult>;
}

export interface Providers {
  sms: SmsProvider;
  /** WhatsApp goes through the SMS provider's client (Twilio) unless set apart. */
  whatsapp: SmsProvider;
  email: EmailProvider;
}

/**
 * - `permanent`: no retry can fix it (blocked, unsubscribed, invalid recipient).
 * - `notSent`: the provider certainly did not take the message (an error answer, a refused
 *   connection), so a retry may send again; otherwise the outcome is unknown (a timeout after
 *   the request left) and a retry must reconcile first.
 */
export class ProviderError extends Error {
  readonly code: string;
  readonly permanent: boolean;
  readonly notSent: boolean;

  constructor(message: string, opts: { code: string; permanent: boolean; notSent: boolean; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ProviderError';
    this.code = opts.code;
    this.permanent = opts.permanent;
    this.notSent = opts.notSent;
  }
}
