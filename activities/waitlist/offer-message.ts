import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { type Customer, MessageTemplate, type Service, type Staff, type Tenant, WaitlistOffer } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import { checkConsent } from '../messaging/consent';
import { findByKey, insertRow, isSettled, markAttemptFailed, markSent } from '../messaging/outbox-store';
import { type MessagingConfig, ProviderError, type Providers, publicUrlOf } from '../messaging/providers';
import { resolveRecipient } from '../messaging/recipient';
import { renderTemplate } from '../messaging/render';

export const hashOfferToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface OfferMessageDeps {
  providers: Providers;
  config: Partial<MessagingConfig>;
  logger: Logger;
}

/** Built-in wording, used unless the business has templates with these keys. */
const DEFAULT_TEXT = {
  sms: 'waitlist-offer-sms',
  email: 'waitlist-offer-email',
} as const;

function fallbackText(channel: 'sms' | 'whatsapp' | 'email', vars: Record<string, string>): { subject?: string; body: string } {
  const core = `${vars.service} ${vars.staff ? `with ${vars.staff} ` : ''}on ${vars.when}`;
  if (channel !== 'email') {
    return { body: `${vars.business}: a spot opened up! ${core}. It's held for you until ${vars.until}. Book it: ${vars.acceptUrl} (or pass: ${vars.declineUrl})` };
  }
  return {
    subject: `A spot opened up: ${vars.service} at ${vars.business}`,
    body: [
      `Hi ${vars.firstName},`,
      '',
      `Good news from the waitlist: ${core} is free.`,
      `We are holding it for you until ${vars.until}.`,
      '',
      `Book it: ${vars.acceptUrl}`,
      `Not this time: ${vars.declineUrl} (you stay on the waitlist)`,
      '',
      vars.business,
    ].join('\n'),
  };
}

/**
 * Tells the customer about their offer on the first channel they prefer and consented to, with a
 * link carrying a fresh secret (only its hash is stored). The outbox row keyed by the offer and
 * channel makes a retried activity send at most once; the secret is replaced only while nothing
 * has gone out yet, so a link already sent stays valid.
 */
export async function sendOfferMessage(
  em: EntityManager,
  deps: OfferMessageDeps,
  subject: { offer: WaitlistOffer; tenant: Tenant; customer: Customer; service: Service; staff: Staff | null },
  now: Date,
): Promise<{ sent: boolean; channel?: string; reason?: string }> {
  const { offer, tenant, customer, service, staff } = subject;
  const zone = customer.timezone ?? tenant.timezone;
  const preferred = customer.channelPreferences.length ? customer.channelPreferences : (['sms', 'email'] as const);
  const reasons: string[] = [];
  for (const channel of preferred) {
    const key = `waitlist-offer:${offer.id}:${channel}`;
    const existing = await findByKey(em, key);
    if (existing && isSettled(existing) && existing.status !== 'failed') return { sent: true, channel };
    const consent = checkConsent({ customer, channel, kind: 'transactional', now, zone, quietHours: null });
    const recipient = resolveRecipient(customer, channel);
    if (!consent.allowed || !recipient.ok) {
      reasons.push(`${channel}: ${consent.allowed ? (recipient.ok ? '' : recipient.detail) : consent.detail}`);
      continue;
    }
    const token = randomBytes(24).toString('base64url');
    await em.nativeUpdate(WaitlistOffer, { id: offer.id }, { tokenHash: hashOfferToken(token) });
    const publicUrl = publicUrlOf(deps.config);
    const link = `${publicUrl}/waitlist/offers/${token}`;
    const vars = {
      business: tenant.name,
      firstName: customer.name.split(/\s+/)[0] ?? customer.name,
      service: service.name,
      staff: staff?.name ?? '',
      when: DateTime.fromJSDate(offer.startsAt, { zone }).toFormat("ccc d LLL 'at' h:mm a"),
      until: DateTime.fromJSDate(offer.expiresAt, { zone }).toFormat('h:mm a'),
      acceptUrl: link,
      declineUrl: `${link}?answer=decline`,
    };
    const template = await em.findOne(MessageTemplate, { key: channel === 'email' ? DEFAULT_TEXT.email : DEFAULT_TEXT.sms });
    const text = template
      ? renderTemplate(template, { tenant: { name: tenant.name, timezone: tenant.timezone }, customer: { name: customer.name, firstName: vars.firstName }, service: { name: service.name }, staff: staff ? { name: staff.name } : null, offer: { ...vars, startsAt: offer.startsAt.toISOString(), expiresAt: offer.expiresAt.toISOString() } }, { publicUrl, fallbackZone: zone })
      : fallbackText(channel, vars);
    const provider = deps.providers[channel];
    const draft = { tenantId: tenant.id, customerId: customer.id, channel, to: recipient.address, body: text.body, provider: provider.name, idempotencyKey: key, ...(text.subject ? { subject: text.subject } : {}) };
    const messageId = existing?.id ?? (await insertRow(em, draft, 'sending'));
    if (!messageId) continue;
    try {
      const result =
        channel === 'email'
          ? await deps.providers.email.send({ to: recipient.address, toName: customer.name, fromName: tenant.name, subject: text.subject ?? 'A spot opened up', text: text.body, messageIdHeader: `<${key.replace(/[^A-Za-z0-9._-]/g, '.')}@${new URL(publicUrl).hostname}>`, messageId })
          : await deps.providers[channel].send({ channel, to: recipient.address, body: text.body, messageId });
      await markSent(em, messageId, result, now);
      deps.logger.info({ tenantId: tenant.id, offerId: offer.id, channel, messageId }, 'waitlist offer sent');
      return { sent: true, channel };
    } catch (err) {
      const pe = err instanceof ProviderError ? err : new ProviderError((err as Error).message, { code: 'UNKNOWN', permanent: false, notSent: false });
      await markAttemptFailed(em, messageId, pe.permanent ? 'failed' : 'queued', { code: pe.code, message: pe.message }, now);
      if (!pe.permanent) throw err;
      reasons.push(`${channel}: ${pe.message}`);
    }
  }
  return { sent: false, reason: reasons.join('; ') || 'no channel' };
}

