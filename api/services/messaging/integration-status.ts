import nodemailer from 'nodemailer';
import type twilio from 'twilio';
import { describeProviders, type MessagingConfig, type Providers } from '../../../activities/messaging/providers';
import { createTwilioClient } from '../../../activities/messaging/providers/twilio';

export interface ChannelStatus {
  provider: string;
  /** A real provider is set up (not the development outbox). */
  configured: boolean;
  /** The provider answered a credentials check (the outbox always works). */
  healthy: boolean;
  detail: string;
  checkedAt: string;
}

export interface IntegrationStatus {
  sms: ChannelStatus;
  whatsapp: ChannelStatus;
  email: ChannelStatus;
}

const PROBE_TIMEOUT_MS = 5_000;
const CACHE_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS / 1000} s`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Probe = { healthy: boolean; detail: string };

async function probeTwilio(config: Partial<MessagingConfig>, httpClient?: twilio.RequestClient): Promise<Probe> {
  const accountSid = config.TWILIO_ACCOUNT_SID as string;
  try {
    const client = createTwilioClient({ accountSid, authToken: config.TWILIO_AUTH_TOKEN as string, from: config.TWILIO_FROM as string, timeoutMs: PROBE_TIMEOUT_MS, ...(httpClient ? { httpClient } : {}) });
    const account = await withTimeout(client.api.v2010.accounts(accountSid).fetch(), 'Twilio');
    return account.status === 'active'
      ? { healthy: true, detail: 'Twilio accepted the credentials; the account is active' }
      : { healthy: false, detail: `the Twilio account is ${account.status}` };
  } catch (err) {
    const e = err as { status?: number; message?: string };
    return { healthy: false, detail: e.status === 401 ? 'Twilio refused the credentials' : `Twilio check failed: ${e.message ?? String(err)}` };
  }
}

async function probeSmtp(url: string): Promise<Probe> {
  const transport = nodemailer.createTransport({ url, connectionTimeout: PROBE_TIMEOUT_MS, greetingTimeout: PROBE_TIMEOUT_MS, socketTimeout: PROBE_TIMEOUT_MS });
  try {
    await withTimeout(transport.verify(), 'The SMTP server');
    return { healthy: true, detail: 'The SMTP server accepted the connection and login' };
  } catch (err) {
    return { healthy: false, detail: `SMTP check failed: ${(err as Error).message}` };
  } finally {
    transport.close();
  }
}

/**
 * Which provider serves each channel and whether it answers, without any secret. Checks are
 * cached for a minute per process: the status page may be reloaded often, providers rate-limit.
 */
export function createIntegrationStatus(deps: { providers: Providers; config: Partial<MessagingConfig>; twilioHttpClient?: twilio.RequestClient }) {
  let cached: { at: number; status: IntegrationStatus } | undefined;
  return async function integrationStatus(now = Date.now()): Promise<IntegrationStatus> {
    if (cached && now - cached.at < CACHE_MS) return cached.status;
    const names = describeProviders(deps.providers);
    const checkedAt = new Date(now).toISOString();
    const probes = new Map<string, Promise<Probe>>();
    const probe = (name: string): Promise<Probe> => {
      let found = probes.get(name);
      if (!found) {
        if (name === 'twilio') found = probeTwilio(deps.config, deps.twilioHttpClient);
        else if (name === 'smtp' && deps.config.SMTP_URL) found = probeSmtp(deps.config.SMTP_URL);
        else if (name === 'outbox') found = Promise.resolve({ healthy: true, detail: 'Development outbox: messages are stored and shown in the message log, not delivered' });
        else found = Promise.resolve({ healthy: true, detail: `${name} has no health check` });
        probes.set(name, found);
      }
      return found;
    };
    const channel = async (name: string): Promise<ChannelStatus> => ({ provider: name, configured: name !== 'outbox', ...(await probe(name)), checkedAt });
    const [sms, whatsapp, email] = await Promise.all([channel(names.sms), channel(names.whatsapp), channel(names.email)]);
    const status = { sms, whatsapp, email };
    cached = { at: now, status };
    return status;
  };
}
