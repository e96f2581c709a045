import { condition, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  type OfferAnswer,
  offerResponseSignal,
  type WaitlistOfferInput,
  type WaitlistOfferState,
  waitlistOfferStateQuery,
} from './waitlist-contract';

const { offerSlotToNextEntry, closeWaitlistOffer } = proxyActivities<Pick<Activities, 'offerSlotToNextEntry' | 'closeWaitlistOffer'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['TenantNotFound'] },
});

/** Enough for any real waitlist; a runaway chain ends instead of offering forever. */
const MAX_OFFERS = 50;

/**
 * `waitlist:<tenant>:<freed appointment>`: offers a freed slot to the waitlist, one entry at a
 * time in joining order. Each offer holds the slot for the tenant's hold time (15 min by default)
 * and goes out by SMS or email; a decline or the hold running out moves on to the next entry.
 * Accepting books the slot through the API (which signals here); the chain ends then, or when
 * nobody is left or the slot has been taken some other way.
 */
export async function waitlistOfferWorkflow(input: WaitlistOfferInput): Promise<WaitlistOfferState> {
  const state: WaitlistOfferState = { tenantId: input.tenantId, slot: input.slot, outcome: 'running', offers: [] };
  let current: string | undefined;
  let answer: OfferAnswer | undefined;
  setHandler(offerResponseSignal, (response) => {
    if (response.offerId === current) answer = response.answer;
  });
  setHandler(waitlistOfferStateQuery, () => state);

  const tried: string[] = [];
  for (let round = 0; round < MAX_OFFERS; round++) {
    const next = await offerSlotToNextEntry({
      tenantId: input.tenantId,
      workflowId: workflowInfo().workflowId,
      slot: input.slot,
      excludeEntryIds: tried,
    });
    if (!next.offered) {
      state.outcome = next.reason;
      return state;
    }
    tried.push(next.entryId);
    current = next.offerId;
    answer = undefined;
    const offer: WaitlistOfferState['offers'][number] = { offerId: next.offerId, entryId: next.entryId, customerId: next.customerId, expiresAt: next.expiresAt };
    state.offers.push(offer);

    const answered = await condition(() => answer !== undefined, next.holdMs);
    if (answered && answer === 'accepted') {
      offer.result = 'accepted';
      state.outcome = 'accepted';
      return state;
    }
    // Declined or out of time; an accept that raced the timer wins (the row says so).
    const final = await closeWaitlistOffer({ tenantId: input.tenantId, offerId: next.offerId, status: answered ? 'declined' : 'expired' });
    offer.result = final;
    if (final === 'accepted') {
      state.outcome = 'accepted';
      return state;
    }
  }
  state.outcome = 'no_candidate';
  return state;
}
