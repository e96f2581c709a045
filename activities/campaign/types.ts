import type { CampaignPhase } from '../../workflows/campaign-contract';

export interface PreparedCampaign {
  audience: number;
  /** Recipients in the `rest` share (an A/B test with a winner sent to the rest). */
  rest: number;
  /** Winner settings, for the workflow; null when the campaign has no A/B winner step. */
  winner: { mode: 'manual' } | { mode: 'auto'; afterHours: number } | null;
  /** Set when the campaign was already decided (a winner chosen before a restart). */
  winnerVariant: string | null;
  ratePerSecond: number;
}

export interface CampaignBatchInput {
  tenantId: string;
  campaignId: string;
  phase: CampaignPhase;
  /** Recipients with a greater `seq` only (keyset through one pass). */
  afterSeq: number;
  /** At most this many recipients (read a page at a time). */
  limit: number;
  /** Epoch ms of the first free send slot. */
  nextSlotAt: number;
  /** The variant every `rest` recipient gets. */
  winner?: string;
}

export interface CampaignBatchResult {
  processed: number;
  /** The highest seq handled; the next batch continues after it. */
  lastSeq: number;
  /** Fewer recipients were due than the limit: this pass is over. */
  exhausted: boolean;
  nextSlotAt: number;
}

export interface CampaignWaiting {
  /** Recipients not yet settled in the phase (held for quiet hours, an interrupted send to reconcile, pending). */
  waiting: number;
  /** ISO-8601 of the earliest `notBefore` among them. */
  nextDueAt: string | null;
}
