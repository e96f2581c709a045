import type { AppConfig } from '../../runtime/config';
import { createTokenCipher, type TokenCipher } from './token-crypto';
import type { CalendarProviderName } from './types';

/**
 * What the calendar code needs from the configuration: OAuth clients, endpoint bases (real ones by
 * default, loopback fakes in tests), the token cipher and the public URL for redirects and push
 * notifications. Built once per process from the app config.
 */
export interface OAuthClientEnv {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  /** Google only: RFC 7009 revocation. Microsoft has no per-token revocation. */
  revokeUrl?: string;
  scope: string;
}

export interface CalendarEnv {
  /** Absent without ENCRYPTION_KEY: then nothing can be connected. */
  cipher?: TokenCipher;
  /** Base of the OAuth redirect and the webhook addresses; push notifications need it. */
  publicUrl?: string;
  clients: Partial<Record<CalendarProviderName, OAuthClientEnv>>;
  googleRootUrl: string;
  graphBaseUrl: string;
  zoom: { apiUrl: string; oauthUrl: string };
  fetch: typeof fetch;
}

/** `openid email` so the token answer carries an id_token naming the account. */
export const GOOGLE_SCOPES = 'openid email https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.freebusy';
export const MICROSOFT_SCOPES = 'openid email offline_access User.Read Calendars.ReadWrite OnlineMeetings.ReadWrite';

export type CalendarConfig = Pick<
  AppConfig,
  | 'PUBLIC_URL'
  | 'ENCRYPTION_KEY'
  | 'GOOGLE_CLIENT_ID'
  | 'GOOGLE_CLIENT_SECRET'
  | 'MICROSOFT_CLIENT_ID'
  | 'MICROSOFT_CLIENT_SECRET'
  | 'GOOGLE_AUTH_URL'
  | 'GOOGLE_TOKEN_URL'
  | 'GOOGLE_REVOKE_URL'
  | 'GOOGLE_CALENDAR_ROOT_URL'
  | 'MICROSOFT_AUTH_URL'
  | 'MICROSOFT_TOKEN_URL'
  | 'MICROSOFT_GRAPH_BASE_URL'
  | 'ZOOM_API_URL'
  | 'ZOOM_OAUTH_URL'
>;

export function calendarEnvFrom(config: CalendarConfig, options: { fetch?: typeof fetch } = {}): CalendarEnv {
  const clients: CalendarEnv['clients'] = {};
  if (config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET) {
    clients.google = {
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      authUrl: config.GOOGLE_AUTH_URL,
      tokenUrl: config.GOOGLE_TOKEN_URL,
      revokeUrl: config.GOOGLE_REVOKE_URL,
      scope: GOOGLE_SCOPES,
    };
  }
  if (config.MICROSOFT_CLIENT_ID && config.MICROSOFT_CLIENT_SECRET) {
    clients.microsoft = {
      clientId: config.MICROSOFT_CLIENT_ID,
      clientSecret: config.MICROSOFT_CLIENT_SECRET,
      authUrl: config.MICROSOFT_AUTH_URL,
      tokenUrl: config.MICROSOFT_TOKEN_URL,
      scope: MICROSOFT_SCOPES,
    };
  }
  return {
    ...(config.ENCRYPTION_KEY ? { cipher: createTokenCipher(config.ENCRYPTION_KEY) } : {}),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    clients,
    googleRootUrl: config.GOOGLE_CALENDAR_ROOT_URL,
    graphBaseUrl: config.MICROSOFT_GRAPH_BASE_URL,
    zoom: { apiUrl: config.ZOOM_API_URL.replace(/\/+$/, ''), oauthUrl: config.ZOOM_OAUTH_URL },
    fetch: options.fetch ?? fetch,
  };
}

/** Paths of the open routes Google, Microsoft and the browser come back to (api/routes/calendar-callbacks.routes.ts). */
export const CALLBACK_PATHS = {
  oauth: (provider: CalendarProviderName) => `/api/integrations/calendar/callbacks/oauth/${provider}`,
  push: (provider: CalendarProviderName) => `/api/integrations/calendar/callbacks/${provider}`,
};
