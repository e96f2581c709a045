import type twilio from 'twilio';
import type { AppConfig } from '../../../runtime/config';
import { createOutboxProvider } from './outbox';
import { createSmtpProvider } from './smtp';
import { createTwilioProvider } from './twilio';
import type { Providers } from './types';

export * from './types';
export { createOutboxProvider } from './outbox';
export { createSmtpProvider, toSmtpProviderError } from './smtp';
export { createTwilioClient, createTwilioProvider, mapTwilioStatus, toProviderError, TWILIO_RECIPIENT_ERRORS } from './twilio';

export type MessagingConfig = Pick<
  AppConfig,
  'PUBLIC_URL' | 'TWILIO_ACCOUNT_SID' | 'TWILIO_AUTH_TOKEN' | 'TWILIO_FROM' | 'SMTP_URL'
> & {
  PORT?: number;
  /** WhatsApp sender when it differs from TWILIO_FROM. */
  TWILIO_WHATSAPP_FROM?: string;
  /** Envelope/From address for email; default no-reply@<PUBLIC_URL host>. */
  SMTP_FROM?: string;
};

/** PUBLIC_URL without a trailing slash, or the local default. */
export function publicUrlOf(config: Partial<MessagingConfig>): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT ?? 3000}`).replace(/\/+$/, '');
}

export function emailFromOf(config: Partial<MessagingConfig>): string {
  if (config.SMTP_FROM) return config.SMTP_FROM;
  const host = new URL(publicUrlOf(config)).hostname;
  return `no-reply@${host === 'localhost' || !host.includes('.') ? 'appointflow.local' : host}`;
}

export interface ProviderStatus {
  sms: string;
  whatsapp: string;
  email: string;
}

/**
 * Twilio when its three credentials are set, SMTP when SMTP_URL is; the outbox otherwise.
 * `twilioHttpClient` lets tests point the real Twilio client at a loopback fake.
 */
export function createProviders(
  config: Partial<MessagingConfig>,
  opts: { twilioHttpClient?: twilio.RequestClient; timeoutMs?: number } = {},
): Providers {
  const outbox = createOutboxProvider();
  const publicUrl = config.PUBLIC_URL ? publicUrlOf(config) : undefined;
  const twilioProvider =
    config.TWILIO_ACCOUNT_SID && config.TWILIO_AUTH_TOKEN && config.TWILIO_FROM
      ? createTwilioProvider({
          accountSid: config.TWILIO_ACCOUNT_SID,
          authToken: config.TWILIO_AUTH_TOKEN,
          from: config.TWILIO_FROM,
          ...(config.TWILIO_WHATSAPP_FROM ? { whatsappFrom: config.TWILIO_WHATSAPP_FROM } : {}),
          ...(publicUrl ? { statusCallbackUrl: `${publicUrl}/api/webhooks/twilio/status` } : {}),
          ...(opts.twilioHttpClient ? { httpClient: opts.twilioHttpClient } : {}),
          ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
        })
      : undefined;
  const email = config.SMTP_URL
    ? createSmtpProvider({ url: config.SMTP_URL, fromAddress: emailFromOf(config), ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}) })
    : outbox;
  return { sms: twilioProvider ?? outbox, whatsapp: twilioProvider ?? outbox, email };
}

/** Which provider serves each channel, for GET /api/integrations/status (no secrets). */
export function describeProviders(providers: Providers): ProviderStatus {
  return { sms: providers.sms.name, whatsapp: providers.whatsapp.name, email: providers.email.name };
}
