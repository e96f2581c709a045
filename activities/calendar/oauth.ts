import { CalendarProviderError, type CalendarErrorKind } from './errors';
import type { CalendarProviderName } from './types';
import type { TokenCipher } from './token-crypto';

/**
 * OAuth 2 access tokens for one calendar connection: refreshed shortly before they expire, or
 * when the provider answers 401 (then the request is retried once). New tokens are handed to
 * `onTokens` so the caller stores them (encrypted, see `sealTokens`).
 */

export interface OAuthTokens {
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds; unknown means "valid until a 401 says otherwise". */
  expiresAt?: number;
  scope?: string;
}

export interface OAuthClientConfig {
  provider: CalendarProviderName;
  /** Google: https://oauth2.googleapis.com/token; Microsoft: https://login.microsoftonline.com/common/oauth2/v2.0/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Microsoft wants the scopes again on refresh. */
  scope?: string;
}

export interface OAuthSessionOptions {
  client: OAuthClientConfig;
  tokens: OAuthTokens;
  onTokens?: (tokens: OAuthTokens) => Promise<void> | void;
  /** Refresh this long before `expiresAt`. Default 60 s. */
  skewMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

export const DEFAULT_TOKEN_URLS: Record<CalendarProviderName, string> = {
  google: 'https://oauth2.googleapis.com/token',
  microsoft: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
};

export class OAuthSession {
  private tokens: OAuthTokens;
  private refreshing?: Promise<OAuthTokens>;
  private readonly now: () => number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: OAuthSessionOptions) {
    this.tokens = { ...options.tokens };
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
  }

  get provider(): CalendarProviderName {
    return this.options.client.provider;
  }

  /** A token that is valid for at least `skewMs`, refreshing first if needed. */
  async accessToken(): Promise<string> {
    const skew = this.options.skewMs ?? 60_000;
    if (this.tokens.expiresAt !== undefined && this.tokens.expiresAt - skew <= this.now()) {
      await this.refresh();
    }
    return this.tokens.accessToken;
  }

  /** Refreshes once however many callers ask at the same time. */
  refresh(): Promise<OAuthTokens> {
    this.refreshing ??= this.doRefresh().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * Runs `call` with a valid token; when it fails with 401 (`isUnauthorized`), refreshes and
   * runs it once more. A second 401 propagates.
   */
  async withToken<T>(call: (token: string) => Promise<T>, isUnauthorized: (err: unknown) => boolean): Promise<T> {
    const token = await this.accessToken();
    try {
      return await call(token);
    } catch (err) {
      if (!isUnauthorized(err)) throw err;
      // Another call may have refreshed already while this one was in flight.
      const current = this.tokens.accessToken === token ? (await this.refresh()).accessToken : this.tokens.accessToken;
      return call(current);
    }
  }

  private async doRefresh(): Promise<OAuthTokens> {
    const { client } = this.options;
    if (!this.tokens.refreshToken) {
      throw new CalendarProviderError(client.provider, 'auth_revoked', 'access token expired and there is no refresh token');
    }
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: this.tokens.refreshToken,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    if (client.scope) form.set('scope', client.scope);
    let res: Response;
    try {
      res = await this.fetchImpl(client.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      throw new CalendarProviderError(client.provider, 'transient', `token refresh failed: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const code = typeof body.error === 'string' ? body.error : `HTTP ${res.status}`;
      // invalid_grant: the user revoked access or the refresh token expired; no retry helps.
      const kind: CalendarErrorKind =
        code === 'invalid_grant' || code === 'unauthorized_client' ? 'auth_revoked' : res.status >= 500 || res.status === 429 ? 'transient' : 'rejected';
      throw new CalendarProviderError(client.provider, kind, `token refresh failed: ${code}`, res.status);
    }
    if (typeof body.access_token !== 'string') {
      throw new CalendarProviderError(client.provider, 'transient', 'token refresh answered without access_token', res.status);
    }
    this.tokens = {
      accessToken: body.access_token,
      // Google keeps the refresh token; Microsoft rotates it.
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : this.tokens.refreshToken,
      expiresAt: typeof body.expires_in === 'number' ? this.now() + body.expires_in * 1000 : undefined,
      scope: typeof body.scope === 'string' ? body.scope : this.tokens.scope,
    };
    await this.options.onTokens?.({ ...this.tokens });
    return { ...this.tokens };
  }
}

/** Tokens as one encrypted string (the CalendarConnection column); `aad` = the connection id. */
export function sealTokens(cipher: TokenCipher, tokens: OAuthTokens, aad?: string): string {
  return cipher.encrypt(JSON.stringify(tokens), aad);
}

export function openTokens(cipher: TokenCipher, sealed: string, aad?: string): OAuthTokens {
  const parsed = JSON.parse(cipher.decrypt(sealed, aad)) as OAuthTokens;
  if (typeof parsed.accessToken !== 'string') throw new Error('sealed tokens have no access token');
  return parsed;
}


