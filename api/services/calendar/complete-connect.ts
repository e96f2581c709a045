import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { CalendarEnv } from '../../../activities/calendar/calendar-env';
import { type OAuthTokens, sealTokens } from '../../../activities/calendar/oauth';
import type { CalendarProviderName } from '../../../activities/calendar/types';
import { AuditLog, CalendarConnection, Staff } from '../../../db/entities';
import type { MikroORM } from '../../../db/orm';
import type { Logger } from '../../../runtime/logger';
import { AppError } from '../../errors';
import { verifyConnectState } from './oauth-state';
import { redirectUri } from './start-connect';
import { removeCalendarConnection } from './disconnect';
import { signalCalendarSync } from './sync-signal';

/** The account's address from the id_token of the token answer (it came straight from the provider over TLS). */
function accountEmailOf(idToken: unknown): string | undefined {
  if (typeof idToken !== 'string') return undefined;
  try {
    const payload = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const email = payload.email ?? payload.preferred_username ?? payload.upn;
    return typeof email === 'string' ? email : undefined;
  } catch {
    return undefined;
  }
}

async function exchangeCode(env: CalendarEnv, provider: CalendarProviderName, code: string, redirect: string): Promise<{ tokens: OAuthTokens; email?: string }> {
  const client = env.clients[provider];
  if (!client) throw new AppError('INVALID_STATE', `${provider} calendar is not configured on this server`);
  const form = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, client_id: client.clientId, client_secret: client.clientSecret });
  if (provider === 'microsoft') form.set('scope', client.scope);
  let res: Response;
  try {
    res = await env.fetch(client.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new AppError('PROVIDER_ERROR', `${provider} token endpoint unreachable: ${(err as Error).message}`);
  }
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok || typeof body.access_token !== 'string') {
    throw new AppError('PROVIDER_ERROR', `${provider} refused the authorization code: ${typeof body.error === 'string' ? body.error : `HTTP ${res.status}`}`);
  }
  if (typeof body.refresh_token !== 'string') {
    throw new AppError('PROVIDER_ERROR', `${provider} granted no refresh token: allow offline access and connect again`);
  }
  return {
    tokens: {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      ...(typeof body.expires_in === 'number' ? { expiresAt: Date.now() + body.expires_in * 1000 } : {}),
      ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
    },
    email: accountEmailOf(body.id_token),
  };
}

/**
 * The OAuth callback: checks the signed state, exchanges the code, and stores the connection with
 * its tokens sealed (AES-GCM, bound to the row id). A staff member (or the business) has one
 * connection per provider: connecting again replaces the old one. Starts the sync workflow.
 */
export async function completeCalendarConnect(options: {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  env: CalendarEnv;
  secret: Uint8Array;
  baseUrl: string;
  provider: CalendarProviderName;
  code: string;
  state: string;
}): Promise<{ connectionId: string; tenantId: string }> {
  const { env, provider } = options;
  const state = await verifyConnectState(options.secret, options.state, provider);
  if (!env.cipher) throw new AppError('INVALID_STATE', 'ENCRYPTION_KEY is not set');
  const em = options.orm.em.fork();
  em.setFilterParams('tenant', { tenantId: state.tenantId });
  const staff = state.staffId ? await em.findOne(Staff, { id: state.staffId }) : null;
  if (state.staffId && !staff) throw new AppError('NOT_FOUND', 'The staff member no longer exists');
  const { tokens, email } = await exchangeCode(env, provider, options.code, redirectUri(options.baseUrl, provider));

  const previous = await em.find(CalendarConnection, { provider, staffId: state.staffId ?? null });
  const id = randomUUID();
  const connection = em.create(CalendarConnection, {
    id,
    tenantId: state.tenantId,
    ...(state.staffId ? { staffId: state.staffId } : {}),
    provider,
    accountEmail: email ?? staff?.email ?? 'unknown',
    tokens: sealTokens(env.cipher, tokens, id),
    scopes: tokens.scope ?? env.clients[provider]?.scope ?? '',
  });
  em.create(AuditLog, {
    tenantId: state.tenantId,
    userId: state.userId,
    action: 'calendar.connected',
    entityType: 'calendar_connection',
    entityId: id,
    changes: { provider, staffId: state.staffId ?? null, accountEmail: connection.accountEmail, replaced: previous.map((p) => p.id) },
  });
  await em.flush();
  for (const old of previous) await removeCalendarConnection({ em, env, temporal: options.temporal, logger: options.logger, connection: old });
  options.logger.info({ tenantId: state.tenantId, connectionId: id, provider, staffId: state.staffId }, 'calendar connected');
  await signalCalendarSync({ temporal: options.temporal, taskQueue: options.taskQueue, logger: options.logger, input: { tenantId: state.tenantId, connectionId: id } });
  return { connectionId: id, tenantId: state.tenantId };
}
