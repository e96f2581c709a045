/**
 * One error type for both providers. It carries the HTTP status and the provider's own message,
 * never the request (the googleapis and Graph errors hold the Authorization header: logging them
 * would leak the token).
 */

export type CalendarErrorKind =
  /** The refresh token was revoked or expired: the connection must be reconnected. Not retryable. */
  | 'auth_revoked'
  /** 401 that a refresh did not cure. Retryable (the next attempt refreshes again). */
  | 'unauthorized'
  /** 404: the event or calendar is gone. */
  | 'not_found'
  /** 409: the id already exists. */
  | 'conflict'
  /** 410: the sync token / delta link expired; a full resync is needed. */
  | 'sync_expired'
  /** 429 / 5xx / network: try again later. */
  | 'transient'
  /** Any other 4xx: the request itself is wrong. Not retryable. */
  | 'rejected';

export class CalendarProviderError extends Error {
  constructor(
    readonly provider: 'google' | 'microsoft' | 'zoom',
    readonly kind: CalendarErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'CalendarProviderError';
  }

  get retryable(): boolean {
    return this.kind === 'transient' || this.kind === 'unauthorized';
  }
}

export function kindForStatus(status: number | undefined): CalendarErrorKind {
  if (status === undefined) return 'transient';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 410) return 'sync_expired';
  if (status === 429 || status >= 500) return 'transient';
  return 'rejected';
}
