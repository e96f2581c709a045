import type { EntityManager } from '@mikro-orm/core';
import { CalendarConnection, CalendarSettings } from '../../db/entities';
import type { CalendarEnv } from './calendar-env';
import { CalendarProviderError } from './errors';
import { GoogleCalendarProvider } from './google-provider';
import { MicrosoftCalendarProvider } from './microsoft-provider';
import { OAuthSession, openTokens, sealTokens } from './oauth';
import { ZoomProvider } from './zoom-provider';

export type OpenedProvider = GoogleCalendarProvider | MicrosoftCalendarProvider;

/**
 * The provider for a stored connection: its sealed tokens opened, a session that refreshes them
 * (and stores each new pair sealed again, so a refresh survives the process) and the real client
 * pointed at the configured base URL.
 */
export async function openConnection(env: CalendarEnv, em: EntityManager, connection: CalendarConnection): Promise<OpenedProvider> {
  const client = env.clients[connection.provider];
  if (!client) throw new CalendarProviderError(connection.provider, 'rejected', `${connection.provider} calendar is not configured (client id and secret)`);
  if (!env.cipher) throw new CalendarProviderError(connection.provider, 'rejected', 'ENCRYPTION_KEY is not set');
  const cipher = env.cipher;
  const sealed = connection.tokens ?? (await em.findOneOrFail(CalendarConnection, { id: connection.id }, { fields: ['tokens'], disableIdentityMap: true })).tokens;
  const session = new OAuthSession({
    client: { provider: connection.provider, tokenUrl: client.tokenUrl, clientId: client.clientId, clientSecret: client.clientSecret, ...(connection.provider === 'microsoft' ? { scope: client.scope } : {}) },
    tokens: openTokens(cipher, sealed, connection.id),
    fetch: env.fetch,
    onTokens: async (tokens) => {
      await em.nativeUpdate(CalendarConnection, { id: connection.id }, { tokens: sealTokens(cipher, tokens, connection.id) });
    },
  });
  if (connection.provider === 'google') {
    return new GoogleCalendarProvider({ session, calendarId: connection.calendarId, rootUrl: env.googleRootUrl });
  }
  return new MicrosoftCalendarProvider({ session, scheduleAddress: connection.accountEmail, baseUrl: env.graphBaseUrl });
}

/**
 * The Zoom client of the business, when its server-to-server app is configured in Settings. Kept
 * in `cache` per credentials so its access token (an hour) serves many activities.
 */
export async function openZoom(env: CalendarEnv, em: EntityManager, settings: CalendarSettings | null, cache?: Map<string, ZoomProvider>): Promise<ZoomProvider | undefined> {
  if (!settings?.zoomAccountId || !settings.zoomClientId || !env.cipher) return undefined;
  const row = await em.findOneOrFail(CalendarSettings, { id: settings.id }, { fields: ['zoomClientSecret'], disableIdentityMap: true });
  if (!row.zoomClientSecret) return undefined;
  const key = `${settings.tenantId}:${settings.zoomAccountId}:${settings.zoomClientId}:${row.zoomClientSecret}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  if (cache && cache.size > 500) cache.clear();
  const zoom = new ZoomProvider({
    credentials: { accountId: settings.zoomAccountId, clientId: settings.zoomClientId, clientSecret: env.cipher.decrypt(row.zoomClientSecret, zoomSecretAad(settings.tenantId)) },
    apiUrl: env.zoom.apiUrl,
    oauthUrl: env.zoom.oauthUrl,
    fetch: env.fetch,
  });
  cache?.set(key, zoom);
  return zoom;
}

export const zoomSecretAad = (tenantId: string) => `zoom:${tenantId}`;

/** Records the outcome of a call on the connection (Settings shows it); a revoked grant needs a reconnect. */
export async function recordConnectionError(em: EntityManager, connectionId: string, err: unknown): Promise<void> {
  const message = err instanceof CalendarProviderError ? err.message : 'unexpected error';
  await em.nativeUpdate(
    CalendarConnection,
    { id: connectionId },
    {
      lastError: message.slice(0, 500),
      lastErrorAt: new Date(),
      ...(err instanceof CalendarProviderError && err.kind === 'auth_revoked' ? { status: 'needs_reconnect' as const } : {}),
    },
  );
}
