import { type EntityManager, LockMode } from '@mikro-orm/postgresql';
import { Customer, ReputationEvent } from '../../db/entities';
import { clampReputation, REPUTATION_MAX } from './reputation-score';

/**
 * Reputation recovers with clean time: +RECOVERY_POINTS for every full RECOVERY_PERIOD_DAYS since
 * the customer's latest offence (a ledger event with a negative delta: a no-show, a late cancel),
 * up to 100. A new offence starts the count again. The credit is written to the ledger when the
 * score is next used (a booking checks it, an automation adjusts it), so the score on the customer
 * row is always what the ledger adds up to. docs/automation-dsl.md (Reputation) explains it to owners.
 */
export const RECOVERY_POINTS = 5;
export const RECOVERY_PERIOD_DAYS = 30;
const PERIOD_MS = RECOVERY_PERIOD_DAYS * 86_400_000;

const KEY_PREFIX = 'recovery:';
/** `recovery:<offence event id>:<clean periods credited so far>`: unique, so a credit is written once. */
const recoveryKey = (offenceId: string, periods: number) => `${KEY_PREFIX}${offenceId}:${periods}`;

export interface RecoveryDue {
  /** Full clean periods since the offence. */
  periods: number;
  /** Points to add now (0 when nothing is due). */
  delta: number;
}

/** Pure: the credit due at `now` for a score, given the offence time and the periods already credited. */
export function recoveryDue(input: { score: number; offenceAt: Date; creditedPeriods: number; now: Date }): RecoveryDue {
  const periods = Math.max(0, Math.floor((input.now.getTime() - input.offenceAt.getTime()) / PERIOD_MS));
  const newPeriods = periods - input.creditedPeriods;
  if (newPeriods <= 0 || input.score >= REPUTATION_MAX) return { periods, delta: 0 };
  return { periods, delta: clampReputation(input.score + newPeriods * RECOVERY_POINTS) - input.score };
}

/**
 * Writes the recovery due to a customer, if any. Call inside a transaction holding the customer's
 * row lock (adjustReputation does); recoverReputation takes both itself.
 */
export async function creditRecovery(em: EntityManager, customer: Customer, now: Date): Promise<ReputationEvent | null> {
  if (customer.reputationScore >= REPUTATION_MAX) return null;
  const offence = await em.findOne(ReputationEvent, { customerId: customer.id, delta: { $lt: 0 } }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  if (!offence) return null;
  const credited = await em.findOne(
    ReputationEvent,
    { customerId: customer.id, idempotencyKey: { $like: `${KEY_PREFIX}${offence.id}:%` } },
    { orderBy: { createdAt: 'desc', id: 'desc' } },
  );
  const creditedPeriods = credited ? Number(credited.idempotencyKey?.split(':').pop()) || 0 : 0;
  const due = recoveryDue({ score: customer.reputationScore, offenceAt: offence.createdAt, creditedPeriods, now });
  if (due.delta === 0) return null;
  const before = customer.reputationScore;
  customer.reputationScore = before + due.delta;
  const clean = due.periods * RECOVERY_PERIOD_DAYS;
  const event = em.create(ReputationEvent, {
    tenantId: customer.tenantId,
    customerId: customer.id,
    delta: due.delta,
    scoreAfter: customer.reputationScore,
    reason: `recovery: ${clean} clean days since "${offence.reason}" on ${offence.createdAt.toISOString().slice(0, 10)}`,
    idempotencyKey: recoveryKey(offence.id, due.periods),
  });
  await em.flush();
  return event;
}

/** Credits the recovery due to `customer` (a managed entity of `em`) in a transaction of its own. */
export async function recoverReputation(em: EntityManager, customer: Customer, now = new Date()): Promise<ReputationEvent | null> {
  if (customer.reputationScore >= REPUTATION_MAX) return null;
  return em.transactional(async (tx) => {
    const locked = await tx.findOneOrFail(Customer, { id: customer.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    const event = await creditRecovery(tx, locked, now);
    customer.reputationScore = locked.reputationScore;
    return event;
  });
}
