import type { EntityManager } from '@mikro-orm/postgresql';
import type { DateTime } from 'luxon';
import type { Rng } from './random';

/** What every demo builder needs: where to create entities, the dice, and the clock. */
export interface DemoContext {
  em: EntityManager;
  rng: Rng;
  tenantId: string;
  /** "Now" in the tenant's zone: every wall-clock time of the demo is laid out in it. */
  now: DateTime;
  /** Midnight of today in the tenant's zone. */
  today: DateTime;
}

/** ISO date (YYYY-MM-DD) of a luxon time, in its own zone. */
export function isoDate(time: DateTime): string {
  const date = time.toISODate();
  if (!date) throw new Error(`invalid date: ${time.invalidReason ?? 'unknown'}`);
  return date;
}
