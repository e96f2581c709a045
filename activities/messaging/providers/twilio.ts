import twilio from 'twilio';
import { ProviderError, type SendResult, type SentLookup, type SmsProvider, type SmsSendRequest } from './types';

/**
 * Twilio error codes no retry can fix, for this recipient.
 * https://www.twilio.com/docs/api/errors
 */
export const TWILIO_RECIPIENT_ERRORS: Readonly<Record<number, string>> = {
  21211: 'invalid "To" phone number',
  21217: 'phone number does not appear to be valid',
  21265: '"To" number cannot be a short code',
  21408: 'sending to this region is not enabled',
  21610: 'the recipient replied STOP (unsubscribed)',
  21612: 'the "To" number cannot be reached from this sender',
  21614: '"To" number is not a valid mobile number',
  21635: '"To" number cannot be reached (landline or unreachable carrier)',
  63003: 'the WhatsApp recipient could not be found',
  63016: 'outside the WhatsApp 24-hour window: a pre-approved template is required',
  63024: 'invalid WhatsApp recipient',
};

/** Network failures that happen before a request reaches Twilio: it certainly sent nothing. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'CERT_HAS_EXPIRED']);

export interface TwilioProviderOptions {
  accountSid: string;
  authToken: string;
  /** A phone number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  /** WhatsApp sender; defaults to `from`. */
  whatsappFrom?: string;
  /** PUBLIC_URL + /api/webhooks/twilio/status; omitted when there is no public URL. */
  statusCallbackUrl?: string;
  /** Tests inject a RequestClient that points the real client at a loopback fake. */
  httpClient?: twilio.RequestClient;
  /** Request timeout; it bounds how long an interrupted attempt can stay in flight. */
  timeoutMs?: number;
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient(opts: TwilioProviderOptions): TwilioClient {
  const httpClient = opts.httpClient ?? new twilio.RequestClient({ timeout: opts.timeoutMs ?? 15_000, keepAlive: true });
  return twilio(opts.accountSid, opts.authToken, { httpClient, lazyLoading: true });
}

const address = (channel: 'sms' | 'whatsapp', number: string): string =>
  channel === 'whatsapp' && !number.startsWith('whatsapp:') ? `whatsapp:${number}` : number;

function priceOf(price: string | null | undefined, unit: string | null | undefined): Pick<SendResult, 'priceMicros' | 'priceCurrency'> {
  if (price === null || price === undefined || price === '' || Number.isNaN(Number(price))) return {};
  return { priceMicros: Math.round(Math.abs(Number(price)) * 1_000_000), ...(unit ? { priceCurrency: unit.toUpperCase() } : {}) };
}

/** Twilio's message status, as the Message row's. `queued`/`accepted`/`sending` mean "taken". */
export function mapTwilioStatus(status: string): 'sent' | 'delivered' | 'undelivered' | 'failed' | 'received' | undefined {
  switch (status) {
    case 'accepted':
    case 'scheduled':
    case 'queued':
    case 'sending':
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'undelivered':
      return 'undelivered';
    case 'failed':
    case 'canceled':
      return 'failed';
    case 'received':
    case 'receiving':
      return 'received';
    default:
      return undefined;
  }
}

export function toProviderError(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const e = err as { status?: number; code?: number | string; message?: string };
  if (typeof e.status === 'number') {
    // Twilio answered: whatever it said, it did not create the message.
    const code = typeof e.code === 'number' ? e.code : undefined;
    const permanent = code !== undefined && code in TWILIO_RECIPIENT_ERRORS;
    const reason = code !== undefined ? TWILIO_RECIPIENT_ERRORS[code] : undefined;
    return new ProviderError(`Twilio ${code ?? e.status}: ${reason ?? e.message ?? 'request failed'}`, {
      code: code !== undefined ? String(code) : `HTTP_${e.status}`,
      permanent,
      notSent: true,
      cause: err,
    });
  }
  const netCode = typeof e.code === 'string' ? e.code : 'NETWORK';
  return new ProviderError(`Twilio request failed: ${e.message ?? netCode}`, {
    code: netCode,
    permanent: false,
    notSent: NOT_CONNECTED.has(netCode),
    cause: err,
  });
}

export function createTwilioProvider(opts: TwilioProviderOptions, client: TwilioClient = createTwilioClient(opts)): SmsProvider {
  const senderFor = (channel: 'sms' | 'whatsapp'): { from?: string; messagingServiceSid?: string } => {
    const sender = channel === 'whatsapp' ? (opts.whatsappFrom ?? opts.from) : opts.from;
    if (/^MG[0-9a-f]{32}$/i.test(sender)) return { messagingServiceSid: sender };
    return { from: address(channel, sender) };
  };

  return {
    name: 'twilio',

    async send(request: SmsSendRequest): Promise<SendResult> {
      try {
        const message = await client.messages.create({
          to: address(request.channel, request.to),
          ...(request.contentSid
            ? { contentSid: request.contentSid, ...(request.contentVariables ? { contentVariables: JSON.stringify(request.contentVariables) } : {}) }
            : { body: request.body }),
          ...senderFor(request.channel),
          ...(opts.statusCallbackUrl ? { statusCallback: opts.statusCallbackUrl } : {}),
        });
        return {
          providerMessageId: message.sid,
          status: mapTwilioStatus(message.status) === 'delivered' ? 'delivered' : 'sent',
          ...(message.from ? { from: message.from } : {}),
          ...priceOf(message.price, message.priceUnit),
        };
      } catch (err) {
        throw toProviderError(err);
      }
    },

    async fetchPrice(providerMessageId: string) {
      try {
        const message = await client.messages(providerMessageId).fetch();
        const price = priceOf(message.price, message.priceUnit);
        return price.priceMicros === undefined ? null : price;
      } catch (err) {
        throw toProviderError(err);
      }
    },

    async findSent(lookup: SentLookup): Promise<SendResult | null> {
      const sender = senderFor(lookup.channel);
      try {
        const recent = await client.messages.list({
          to: address(lookup.channel, lookup.to),
          ...(sender.from ? { from: sender.from } : {}),
          pageSize: 50,
          limit: 50,
        });
        // Clocks differ a little between us and Twilio.
        const since = lookup.since.getTime() - 120_000;
        const found = recent.find((m) => m.body === lookup.body && m.dateCreated && m.dateCreated.getTime() >= since);
        if (!found) return null;
        return {
          providerMessageId: found.sid,
          status: mapTwilioStatus(found.status) === 'delivered' ? 'delivered' : 'sent',
          ...(found.from ? { from: found.from } : {}),
          ...priceOf(found.price, found.priceUnit),
        };
      } catch (err) {
        throw toProviderError(err);
      }
    },
  };
}
