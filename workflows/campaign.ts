import { condition, continueAsNew, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  CAMPAIGN_HISTORY_LIMIT,
  type CampaignCarry,
  type CampaignWorkflowInput,
  type CampaignWorkflowState,
  type CampaignWorkflowView,
  campaignStateQuery,
  cancelCampaignSignal,
  chooseWinnerSignal,
  pauseCampaignSignal,
  resumeCampaignSignal,
} from './campaign-contract';

type CampaignActivities = Pick<Activities, 'prepareCampaign' | 'sendCampaignBatch' | 'campaignWaiting' | 'decideCampaignWinner' | 'setCampaignState' | 'fetchCampaignPrices'>;

const nonRetryableErrorTypes = ['CampaignNotFound', 'InvalidCampaign'];

/** A batch paces its sends over a few seconds and heartbeats: a dead worker is noticed in 20 s. */
const batches = proxyActivities<Pick<CampaignActivities, 'sendCampaignBatch'>>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes },
});

const records = proxyActivities<Omit<CampaignActivities, 'sendCampaignBatch'>>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes },
});

/**
 * Seconds of sends one batch activity holds (at the campaign's rate), within these bounds. It
 * reads its recipients a page (4 s) at a time; a cancel waits for the batch to end.
 */
const BATCH_SECONDS = 20;
const MIN_BATCH = 20;
const MAX_BATCH = 20_000;
/** Prices arrive at Twilio some time after delivery: looked up this long after the last send, a few times. */
const PRICE_LOOKUPS = [2 * 60_000, 15 * 60_000, 60 * 60_000];

/**
 * A campaign: fixes the audience, then sends to it in batches (activities that pace the sends at
 * the campaign's rate and drive the automation's step machine for each recipient), in passes
 * until every recipient is settled — held ones (quiet hours) and interrupted ones come back when
 * due. With an A/B test share, the test recipients go first, then the winner (chosen by a signal
 * or after N hours on a metric) goes to the rest. The history holds a few events per batch and
 * continues as new long before it grows, so the audience size does not matter to it.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput, carried?: CampaignCarry): Promise<{ status: 'completed' | 'cancelled' }> {
  const { tenantId, campaignId } = input;
  const carry: CampaignCarry = carried ?? { prepared: false, phase: 'test', afterSeq: 0, nextSlotAt: 0, paused: false, ratePerSecond: 10, batches: 0 };
  let cancelled = false;
  let state: CampaignWorkflowState = carry.prepared ? 'sending' : 'scheduled';
  let nextDueAt: number | null = null;

  setHandler(pauseCampaignSignal, () => {
    carry.paused = true;
  });
  setHandler(resumeCampaignSignal, () => {
    carry.paused = false;
  });
  setHandler(cancelCampaignSignal, () => {
    cancelled = true;
  });
  setHandler(chooseWinnerSignal, ({ variant }) => {
    carry.winner ??= variant;
  });
  setHandler(
    campaignStateQuery,
    (): CampaignWorkflowView => ({
      state: carry.paused && !cancelled ? 'paused' : state,
      phase: carry.phase,
      batches: carry.batches,
      winner: carry.winner ?? null,
      nextDueAt: nextDueAt === null ? null : new Date(nextDueAt).toISOString(),
    }),
  );

  const finishCancelled = async () => {
    state = 'cancelled';
    await records.setCampaignState({ tenantId, campaignId, status: 'cancelled' });
    return { status: 'cancelled' as const };
  };

  /** Holds while paused; true when cancelled. */
  const holdWhilePaused = async (): Promise<boolean> => {
    if (carry.paused && !cancelled) {
      await records.setCampaignState({ tenantId, campaignId, status: 'paused' });
      await condition(() => !carry.paused || cancelled);
      carry.nextSlotAt = 0;
      if (!cancelled) await records.setCampaignState({ tenantId, campaignId, status: 'running' });
    }
    return cancelled;
  };

  if (!carry.prepared) {
    const startAt = input.scheduledAt ? Date.parse(input.scheduledAt) : NaN;
    if (startAt > Date.now()) await condition(() => cancelled, startAt - Date.now());
    if (cancelled) return finishCancelled();
    state = 'preparing';
    const prepared = await records.prepareCampaign({ tenantId, campaignId });
    carry.prepared = true;
    carry.phase = 'test';
    carry.afterSeq = 0;
    carry.ratePerSecond = prepared.ratePerSecond;
    carry.winner ??= prepared.winnerVariant ?? undefined;
    if (prepared.rest > 0) carry.winnerMode = prepared.winner ?? { mode: 'manual' };
  }

  for (;;) {
    if (await holdWhilePaused()) return finishCancelled();
    if (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= (input.historyLimit ?? CAMPAIGN_HISTORY_LIMIT)) {
      return continueAsNew<typeof campaignWorkflow>(input, carry);
    }
    state = 'sending';
    const limit = Math.min(MAX_BATCH, Math.max(MIN_BATCH, carry.ratePerSecond * BATCH_SECONDS));
    const batch = await batches.sendCampaignBatch({
      tenantId,
      campaignId,
      phase: carry.phase,
      afterSeq: carry.afterSeq,
      limit,
      nextSlotAt: carry.nextSlotAt,
      ...(carry.phase === 'rest' && carry.winner ? { winner: carry.winner } : {}),
    });
    carry.batches += 1;
    carry.nextSlotAt = batch.nextSlotAt;
    carry.afterSeq = batch.lastSeq;
    if (!batch.exhausted) continue;

    // End of a pass: anything left in this phase (held for quiet hours, an interrupted send) comes back when due.
    carry.afterSeq = 0;
    const waiting = await records.campaignWaiting({ tenantId, campaignId, phase: carry.phase });
    if (waiting.waiting > 0) {
      state = 'waiting';
      nextDueAt = waiting.nextDueAt ? Date.parse(waiting.nextDueAt) : Date.now() + 60_000;
      await condition(() => cancelled || carry.paused, Math.max(1_000, nextDueAt - Date.now()));
      nextDueAt = null;
      carry.nextSlotAt = 0;
      if (cancelled) return finishCancelled();
      continue;
    }
    if (carry.phase === 'test' && carry.winnerMode) {
      state = 'awaitingWinner';
      await records.setCampaignState({ tenantId, campaignId, status: 'running', awaitingWinner: true });
      const mode = carry.winnerMode;
      const chosen = () => cancelled || carry.winner !== undefined;
      const decided = mode.mode === 'auto' ? await condition(chosen, mode.afterHours * 3_600_000) : (await condition(chosen), true);
      if (cancelled) return finishCancelled();
      if (!decided) carry.winner = (await records.decideCampaignWinner({ tenantId, campaignId })).variant;
      await records.setCampaignState({ tenantId, campaignId, status: 'running', winner: carry.winner });
      carry.phase = 'rest';
      carry.nextSlotAt = 0;
      continue;
    }
    break;
  }

  state = 'completed';
  await records.setCampaignState({ tenantId, campaignId, status: 'completed' });
  for (const delay of PRICE_LOOKUPS) {
    await sleep(delay);
    const prices = await records.fetchCampaignPrices({ tenantId, campaignId });
    if (prices.missing === 0) break;
  }
  return { status: 'completed' };
}
