import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, PortalLoginLink, PortalSession, Tenant } from '../../../db/entities';
import { insertRow, markAttemptFailed, markSent } from '../../../activities/messaging/outbox-store';
import { ProviderError, type Providers } from '../../../activities/messaging/providers';
import type { Logger } from '../../../runtime/logger';
import type { PortalTokenService } from '../../auth/portal-tokens';
import { AppError } from '../../errors';

export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 7 * 24 * 3600_000;
/** Links one address may ask for per 15 minutes, whatever the client address. */
export const LINKS_PER_EMAIL = 5;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export interface LoginLinkRequest {
  tenantSlug: string;
  email: string;
  /** Where the emailed link sends the customer (the portal's sign-in page). */
  baseUrl: string;
  requestedFrom?: string;
  /** A path inside the portal to land on after signing in. */
  next?: string;
}

/**
 * Emails a single-use sign-in link, valid 15 minutes, to the customer with this address at this
 * business. The answer never says whether the address is known (no account probing); each address
 * may ask for at most five links per 15 minutes (RATE_LIMITED).
 */
export async function requestLoginLink(options: { em: EntityManager; providers: Providers; logger: Logger; input: LoginLinkRequest; now?: Date }): Promise<void> {
  const { em, input } = options;
  const now = options.now ?? new Date();
  const email = input.email.trim().toLowerCase();
  const tenant = await em.findOne(Tenant, { slug: input.tenantSlug });
  if (!tenant) return;
  em.setFilterParams('tenant', { tenantId: tenant.id });
  const recent = await em.count(PortalLoginLink, { email, createdAt: { $gt: new Date(now.getTime() - LINK_TTL_MS) } });
  if (recent >= LINKS_PER_EMAIL) throw new AppError('RATE_LIMITED', 'Too many sign-in links were asked for this address; try again in 15 minutes');
  const customer = await em.findOne(Customer, { email }, { orderBy: { createdAt: 'asc' } });
  if (!customer) {
    options.logger.info({ tenantId: tenant.id }, 'portal sign-in asked for an unknown address');
    return;
  }
  const token = randomBytes(32).toString('base64url');
  const link = em.create(PortalLoginLink, {
    tenantId: tenant.id,
    customerId: customer.id,
    email,
    tokenHash: hash(token),
    expiresAt: new Date(now.getTime() + LINK_TTL_MS),
    requestedFrom: input.requestedFrom?.slice(0, 64),
  });
  await em.flush();
  const next = input.next && input.next.startsWith('/portal') ? `&next=${encodeURIComponent(input.next)}` : '';
  const url = `${input.baseUrl}/portal/login?token=${token}${next}`;
  const body = [
    `Hi ${customer.name.split(/\s+/)[0]},`,
    '',
    `Here is your link to sign in to ${tenant.name}: ${url}`,
    '',
    'It works once and expires in 15 minutes. If you did not ask for it, ignore this email.',
    '',
    tenant.name,
  ].join('\n');
  const key = `portal-login:${link.id}`;
  const provider = options.providers.email;
  const messageId = await insertRow(em, { tenantId: tenant.id, customerId: customer.id, channel: 'email', to: email, subject: `Your sign-in link for ${tenant.name}`, body, provider: provider.name, idempotencyKey: key }, 'sending');
  if (!messageId) return;
  try {
    const result = await provider.send({ to: email, toName: customer.name, fromName: tenant.name, subject: `Your sign-in link for ${tenant.name}`, text: body, messageIdHeader: `<${key}@appointflow>`, messageId });
    await markSent(em, messageId, result, new Date());
  } catch (err) {
    const pe = err instanceof ProviderError ? err : new ProviderError((err as Error).message, { code: 'UNKNOWN', permanent: false, notSent: false });
    await markAttemptFailed(em, messageId, 'failed', { code: pe.code, message: pe.message }, new Date());
    options.logger.warn({ tenantId: tenant.id, messageId, errorCode: pe.code }, 'portal sign-in email failed');
    throw new AppError('PROVIDER_ERROR', 'The sign-in email could not be sent; try again shortly');
  }
}

/**
 * Trades a sign-in link for a customer session. A link works once (claimed with a conditional
 * update, so two clicks racing get one session) and only for 15 minutes; anything else is 401
 * LOGIN_LINK_INVALID.
 */
export async function redeemLoginLink(options: { em: EntityManager; tokens: PortalTokenService; token: string; now?: Date }): Promise<{ token: string; expiresAt: Date; customerId: string; tenantId: string }> {
  const { em } = options;
  const now = options.now ?? new Date();
  const invalid = () => new AppError('LOGIN_LINK_INVALID', 'This sign-in link has expired or was already used; ask for a new one');
  const link = await em.findOne(PortalLoginLink, { tokenHash: hash(options.token) }, { filters: false });
  if (!link || link.usedAt || link.expiresAt <= now) throw invalid();
  const claimed = await em.nativeUpdate(PortalLoginLink, { id: link.id, usedAt: null, expiresAt: { $gt: now } }, { usedAt: now }, { filters: false });
  if (claimed !== 1) throw invalid();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const session = em.create(PortalSession, { tenantId: link.tenantId, customerId: link.customerId, expiresAt });
  await em.flush();
  const token = await options.tokens.sign({ sessionId: session.id, customerId: link.customerId, tenantId: link.tenantId }, expiresAt);
  return { token, expiresAt, customerId: link.customerId, tenantId: link.tenantId };
}

export async function revokePortalSession(em: EntityManager, sessionId: string): Promise<void> {
  await em.nativeUpdate(PortalSession, { id: sessionId, revokedAt: null }, { revokedAt: new Date() });
}
