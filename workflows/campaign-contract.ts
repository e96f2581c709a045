import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Names and payloads shared by the API (which starts, signals and queries) and the campaign workflow. */
export const campaignWorkflowType = 'campaignWorkflow';

export function campaignWorkflowId(tenantId: string, campaignId: string): string {
  return `campaign:${tenantId}:${campaignId}`;
}

export interface CampaignWorkflowInput {
  tenantId: string;
  campaignId: string;
  /** ISO-8601; absent: send now. */
  scheduledAt?: string;
  /** Continue as new once the history holds this many events (default CAMPAIGN_HISTORY_LIMIT). */
  historyLimit?: number;
}

export type CampaignPhase = 'test' | 'rest';

/** What one execution hands to the next on continue-as-new: a few scalars, never the audience. */
export interface CampaignCarry {
  prepared: boolean;
  phase: CampaignPhase;
  /** The last recipient `seq` handled in the current pass. */
  afterSeq: number;
  /** Epoch ms of the next free send slot (the throttle carries across batches). */
  nextSlotAt: number;
  paused: boolean;
  ratePerSecond: number;
  /** How the A/B winner is chosen before the `rest` share is sent; absent: no rest share. */
  winnerMode?: { mode: 'manual' } | { mode: 'auto'; afterHours: number };
  winner?: string;
  batches: number;
}

export type CampaignWorkflowState = 'scheduled' | 'preparing' | 'sending' | 'waiting' | 'awaitingWinner' | 'paused' | 'completed' | 'cancelled';

export interface CampaignWorkflowView {
  state: CampaignWorkflowState;
  phase: CampaignPhase;
  batches: number;
  winner: string | null;
  /** ISO-8601: when held (quiet hours) or interrupted sends are due again. */
  nextDueAt: string | null;
}

export const pauseCampaignSignal = defineSignal('pauseCampaign');
export const resumeCampaignSignal = defineSignal('resumeCampaign');
export const cancelCampaignSignal = defineSignal('cancelCampaign');
export const chooseWinnerSignal = defineSignal<[{ variant: string }]>('chooseCampaignWinner');
export const campaignStateQuery = defineQuery<CampaignWorkflowView>('campaignState');

/** Few events per batch (3 per activity), so this leaves room for tens of thousands of recipients per execution. */
export const CAMPAIGN_HISTORY_LIMIT = 1_000;
