/** A customer's reputation lives in 0–100 (customers_reputation_range checks it in the database). */
export const REPUTATION_MIN = 0;
export const REPUTATION_MAX = 100;

export function clampReputation(score: number): number {
  return Math.min(REPUTATION_MAX, Math.max(REPUTATION_MIN, Math.round(score)));
}
