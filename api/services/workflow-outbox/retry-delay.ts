/** First retry after a second, doubling up to five minutes, with ±20 % jitter so replicas spread out. */
export const retryPolicy = { initialMs: 1_000, maxMs: 5 * 60_000, jitter: 0.2 };

/** How long to wait before attempt `failedAttempts + 1` of a signal. */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(retryPolicy.initialMs * 2 ** Math.max(0, failedAttempts - 1), retryPolicy.maxMs);
  return Math.round(base * (1 + retryPolicy.jitter * (2 * random() - 1)));
}
