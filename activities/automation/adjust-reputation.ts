import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Customer, ReputationEvent } from '../../db/entities';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';
import { creditRecovery } from './reputation-recovery';
import { clampReputation } from './reputation-score';
import { tenantEm } from './scope';

export { clampReputation, REPUTATION_MAX, REPUTATION_MIN } from './reputation-score';

export interface AdjustReputationInput {
  tenantId: string;
  customerId: string;
  appointmentId?: string;
  delta: number;
  reason: string;
  idempotencyKey: string;
}

/**
 * Adds a ReputationEvent to the ledger and moves the customer's score, clamped to 0–100, after
 * crediting any recovery the clean time since the last offence has earned (reputation-recovery.ts).
 * The idempotency key is unique per tenant: a retry finds the first event and changes nothing.
 */
export function createAdjustReputationActivity(deps: { orm: MikroORM; now?: () => Date }) {
  return async function adjustReputation(input: AdjustReputationInput): Promise<ActionOutcome> {
    return tenantEm(deps.orm, input.tenantId).transactional(async (em) => {
      const customer = await em.findOne(Customer, { id: input.customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!customer) throw actionFailure('CustomerNotFound', `customer ${input.customerId} not found`);
      const existing = await em.findOne(ReputationEvent, { idempotencyKey: input.idempotencyKey });
      if (existing) {
        return {
          status: 'ok',
          detail: `score ${existing.scoreAfter} (already recorded)`,
          contextPatch: { customer: { reputationScore: customer.reputationScore } },
          output: { reputationEventId: existing.id, scoreAfter: existing.scoreAfter, delta: existing.delta },
        };
      }
      const recovered = await creditRecovery(em, customer, deps.now?.() ?? new Date());
      const before = customer.reputationScore;
      const after = clampReputation(before + input.delta);
      customer.reputationScore = after;
      const event = em.create(ReputationEvent, {
        tenantId: input.tenantId,
        customerId: customer.id,
        delta: after - before,
        scoreAfter: after,
        reason: input.reason,
        appointmentId: input.appointmentId,
        idempotencyKey: input.idempotencyKey,
      });
      await em.flush();
      return {
        status: 'ok',
        detail: `score ${before} → ${after} (${input.reason})`,
        contextPatch: { customer: { reputationScore: after } },
        output: {
          reputationEventId: event.id,
          scoreBefore: before,
          scoreAfter: after,
          delta: after - before,
          ...(recovered ? { recoveredBefore: recovered.delta } : {}),
        },
      };
    });
  };
}
