import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Customer, ReputationEvent } from '../../db/entities';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';
import { tenantEm } from './scope';

export const REPUTATION_MIN = 0;
export const REPUTATION_MAX = 100;

export function clampReputation(score: number): number {
  return Math.min(REPUTATION_MAX, Math.max(REPUTATION_MIN, Math.round(score)));
}

export interface AdjustReputationInput {
  tenantId: string;
  customerId: string;
  appointmentId?: string;
  delta: number;
  reason: string;
  idempotencyKey: string;
}

/**
 * Adds a ReputationEvent to the ledger and moves the customer's score, clamped to 0–100. The
 * idempotency key is unique per tenant: a retry finds the first event and changes nothing.
 */
export function createAdjustReputationActivity(deps: { orm: MikroORM }) {
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
        output: { reputationEventId: event.id, scoreBefore: before, scoreAfter: after, delta: after - before },
      };
    });
  };
}
