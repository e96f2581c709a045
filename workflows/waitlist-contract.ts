import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Names and payloads shared by the API (which starts and signals) and the waitlist offer workflow. */
export const waitlistOfferWorkflowType = 'waitlistOfferWorkflow';

/** A slot a cancellation or a move freed. */
export interface FreedSlot {
  serviceId: string;
  staffId: string | null;
  startsAt: string;
  endsAt: string;
  seats: number;
}

export interface WaitlistOfferInput {
  tenantId: string;
  /** The appointment whose cancellation (or move) freed the slot. */
  freedAppointmentId: string;
  slot: FreedSlot;
}

export type OfferAnswer = 'accepted' | 'declined';

export interface OfferResponse {
  offerId: string;
  answer: OfferAnswer;
}

/** What the activity that makes the next offer reports back. */
export type NextOffer =
  | { offered: true; offerId: string; entryId: string; customerId: string; expiresAt: string; holdMs: number }
  | { offered: false; reason: 'no_candidate' | 'slot_gone' };

export type WaitlistOutcome = 'accepted' | 'no_candidate' | 'slot_gone' | 'running';

export interface WaitlistOfferState {
  tenantId: string;
  slot: FreedSlot;
  outcome: WaitlistOutcome;
  offers: Array<{ offerId: string; entryId: string; customerId: string; expiresAt: string; result?: 'accepted' | 'declined' | 'expired' }>;
}

export const offerResponseSignal = defineSignal<[OfferResponse]>('waitlistOfferResponse');
export const waitlistOfferStateQuery = defineQuery<WaitlistOfferState>('waitlistOfferState');

export function waitlistOfferWorkflowId(tenantId: string, freedAppointmentId: string): string {
  return `waitlist:${tenantId}:${freedAppointmentId}`;
}
