import type { Request, Response } from 'express';

/**
 * The OAuth 2 token endpoint both calendar fakes serve at POST /token: grant_type=refresh_token
 * against the refresh tokens it knows, issuing a new access token each time.
 */
export class FakeTokenIssuer {
  readonly validAccessTokens = new Set<string>();
  readonly refreshTokens = new Set<string>();
  refreshCount = 0;
  private counter = 0;

  constructor(private readonly prefix: string, private readonly rotateRefreshToken = false) {}

  /** Tokens to start a test connection with. */
  issueInitial(): { accessToken: string; refreshToken: string } {
    const accessToken = this.nextAccessToken();
    const refreshToken = `${this.prefix}-refresh-${++this.counter}`;
    this.refreshTokens.add(refreshToken);
    return { accessToken, refreshToken };
  }

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
