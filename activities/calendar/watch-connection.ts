import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { CalendarConnection } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import { CALLBACK_PATHS, type CalendarEnv } from './calendar-env';
import { CalendarProviderError } from './errors';
import { GoogleCalendarProvider } from './google-provider';
import { openConnection, recordConnectionError } from './open-connection';
import type { WatchRef } from './types';

export interface WatchConnectionResult {
  /** False without a PUBLIC_URL (then only the poll keeps the cache fresh) or for a business calendar. */
  watching: boolean;
  /** When the sync workflow should call again to renew (ISO). */
  renewAt?: string;
}

/** Google channels are asked for 7 days; Graph event subscriptions live at most 4230 minutes. */
const GOOGLE_TTL_SECONDS = 7 * 86_400;
const GRAPH_LIFETIME_MS = 4_200 * 60_000;
/** Renewed this long before they expire. */
export const RENEW_BEFORE_MS = 12 * 3_600_000;

export const hashWatchSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * Keeps push notifications for a staff calendar alive when the app has a public URL: a Google
 * `events.watch` channel or a Graph subscription on the mailbox's events, pointing at the webhook
 * routes, created on the first call and renewed in the last 12 hours before they expire (Google:
 * a new channel, then the old one stopped; Graph: PATCH of the expiry). The secret Google echoes
 * as X-Goog-Channel-Token and Graph as clientState is kept only as a hash.
 */
export function createWatchConnection(deps: { orm: MikroORM; logger: Logger; env: CalendarEnv; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  return async function watchCalendarConnection(input: { tenantId: string; connectionId: string }): Promise<WatchConnectionResult> {
    const publicUrl = deps.env.publicUrl;
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const connection = await em.findOne(CalendarConnection, { id: input.connectionId });
    if (!publicUrl || !connection || !connection.staffId || connection.status !== 'active') return { watching: false };
    const now = clock().getTime();
    if (connection.watchId && connection.watchExpiresAt && connection.watchExpiresAt.getTime() - RENEW_BEFORE_MS > now) {
      return { watching: true, renewAt: new Date(connection.watchExpiresAt.getTime() - RENEW_BEFORE_MS).toISOString() };
    }
    const log = deps.logger.child({ tenantId: input.tenantId, connectionId: connection.id, provider: connection.provider, activity: 'watchCalendarConnection' });
    try {
      const ref = await renew(em, deps.env, connection, `${publicUrl}${CALLBACK_PATHS.push(connection.provider)}`, now);
      log.info({ expiresAt: ref.expiresAt.toISOString() }, 'calendar push notifications active');
      return { watching: true, renewAt: new Date(ref.expiresAt.getTime() - RENEW_BEFORE_MS).toISOString() };
    } catch (err) {
      await recordConnectionError(em, connection.id, err);
      log.warn({ kind: (err as CalendarProviderError).kind, error: (err as Error).message }, 'calendar watch failed');
      if (err instanceof CalendarProviderError && err.retryable) throw ApplicationFailure.retryable(err.message, 'CalendarWatchRetry');
      return { watching: false };
    }
  };
}

async function renew(em: EntityManager, env: CalendarEnv, connection: CalendarConnection, address: string, now: number): Promise<WatchRef> {
  const provider = await openConnection(env, em, connection);
  const secret = randomBytes(24).toString('base64url');
  let ref: WatchRef;
  let secretHash = hashWatchSecret(secret);
  if (provider instanceof GoogleCalendarProvider) {
    ref = await provider.watch({ channelId: `af-${randomUUID()}`, address, token: secret, ttlSeconds: GOOGLE_TTL_SECONDS });
    if (connection.watchId) await provider.stopWatch(connection.watchId, connection.watchResourceId).catch(() => undefined);
  } else {
    const expiresAt = new Date(now + GRAPH_LIFETIME_MS);
    let renewed: WatchRef | undefined;
    if (connection.watchId && connection.watchSecretHash) {
      renewed = await provider.renewSubscription(connection.watchId, expiresAt).catch((err: unknown) => {
        if (err instanceof CalendarProviderError && err.kind === 'not_found') return undefined;
        throw err;
      });
    }
    if (renewed) secretHash = connection.watchSecretHash as string;
    ref = renewed ?? (await provider.subscribe({ notificationUrl: address, clientState: secret, expiresAt }));
  }
  await em.nativeUpdate(
    CalendarConnection,
    { id: connection.id },
    { watchId: ref.id, watchResourceId: ref.resourceId ?? null, watchSecretHash: secretHash, watchExpiresAt: ref.expiresAt },
  );
  return ref;
}

/** Stops push notifications of a connection being disconnected (best effort: the grant is revoked next). */
export async function stopWatching(env: CalendarEnv, em: EntityManager, connection: CalendarConnection): Promise<void> {
  if (!connection.watchId) return;
  const provider = await openConnection(env, em, connection);
  if (provider instanceof GoogleCalendarProvider) await provider.stopWatch(connection.watchId, connection.watchResourceId);
  else await provider.deleteSubscription(connection.watchId);
}
