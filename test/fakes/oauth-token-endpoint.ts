import type { Request, Response } from 'express';

/**
 * The OAuth 2 token endpoint both calendar fakes serve at POST /token: grant_type=refresh_token
 * against the refresh tokens it knows, issuing a new access token each time.
 */
export class FakeTokenIssuer {
  readonly validAccessTokens = new Set<string>();
  readonly refreshTokens = new Set<string>();
  refreshCount = 0;
  /** Authorization codes not yet exchanged, with the account they log in and the redirect they were issued for. */
  readonly codes = new Map<string, { email: string }>();
  /** Every authorization_code exchange, as posted. */
  readonly exchanges: Record<string, string>[] = [];
  /** Tokens posted to the revocation endpoint. */
  readonly revoked: string[] = [];
  private counter = 0;

  constructor(private readonly prefix: string, private readonly rotateRefreshToken = false) {}

  /** Tokens to start a test connection with. */
  issueInitial(): { accessToken: string; refreshToken: string } {
    const accessToken = this.nextAccessToken();
    const refreshToken = `${this.prefix}-refresh-${++this.counter}`;
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken };
  }

  /** What the consent screen would hand back to the redirect URI for this account. */
  issueCode(email: string): string {
    const code = `${this.prefix}-code-${++this.counter}`;
    this.codes.set(code, { email });
    return code;
  }

  /** RFC 7009: POST /revoke with token=… ends the grant (its refresh token stops working). */
  revoke = (req: Request, res: Response): void => {
    const token = String((req.body as Record<string, string>).token ?? (req.query.token as string | undefined) ?? '');
    this.revoked.push(token);
    if (!this.refreshTokens.delete(token) && !this.validAccessTokens.delete(token)) {
      res.status(400).json({ error: 'invalid_token' });
      return;
    }
    res.status(200).end();
  };

  /** Every access token issued so far stops working (the next API call gets 401). */
  expireAll(): void {
    this.validAccessTokens.clear();
  }

  isAuthorized(header: string | undefined): boolean {
    const match = /^Bearer (.+)$/.exec(header ?? '');
    return match !== null && this.validAccessTokens.has(match[1]!);
  }

  handle = (req: Request, res: Response): void => {
    const form = req.body as Record<string, string>;
    if (form.grant_type === 'authorization_code') {
      this.exchanges.push({ ...form });
      const grant = this.codes.get(form.code ?? '');
      if (!grant || !form.redirect_uri || !form.client_id || !form.client_secret) {
        res.status(400).json({ error: 'invalid_grant', error_description: 'Malformed auth code.' });
        return;
      }
      this.codes.delete(form.code!);
      const { accessToken, refreshToken } = this.issueInitial();
      const claims = Buffer.from(JSON.stringify({ iss: 'fake', sub: grant.email, email: grant.email })).toString('base64url');
      res.json({ access_token: accessToken, refresh_token: refreshToken, expires_in: 3599, token_type: 'Bearer', scope: form.scope ?? 'calendar', id_token: `eyJhbGciOiJub25lIn0.${claims}.` });
      return;
    }
    if (form.grant_type !== 'refresh_token' || !this.refreshTokens.has(form.refresh_token ?? '')) {
      res.status(400).json({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
      return;
    }
    this.refreshCount++;
    const body: Record<string, unknown> = { access_token: this.nextAccessToken(), expires_in: 3599, token_type: 'Bearer' };
    if (this.rotateRefreshToken) {
      this.refreshTokens.delete(form.refresh_token!);
      const refreshToken = `${this.prefix}-refresh-${++this.counter}`;
      this.refreshTokens.add(refreshToken);
      body.refresh_token = refreshToken;
    }
    res.json(body);
  };

  private nextAccessToken(): string {
    const token = `${this.prefix}-access-${++this.counter}`;
    this.validAccessTokens.add(token);
    return token;
  }
}
