import { LockMode } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { campaignProgress, campaignResults, closeRemainingRecipients, splitVariants, totalOf } from '../../../activities/campaign';
import { Campaign } from '../../../db/entities';
import {
  type CampaignWorkflowInput,
  type CampaignWorkflowView,
  campaignStateQuery,
  campaignWorkflowType,
  cancelCampaignSignal,
  chooseWinnerSignal,
  pauseCampaignSignal,
  resumeCampaignSignal,
} from '../../../workflows/campaign-contract';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import type { CampaignBody } from '../../routes/campaigns.schema';
import { presentCampaign } from './present-campaign';
import { campaignAutomation, findCampaignOrThrow } from './save-campaign';

export interface CampaignDeps {
  temporal: Client;
  taskQueue: string;
}

const LIVE = new Set(['scheduled', 'running', 'paused']);

/**
 * Launches a draft: pins the automation version published now, then starts the campaign
 * workflow (at once, or waiting until `scheduledAt`). If the workflow cannot be started the
 * campaign goes back to draft.
 */
export async function launchCampaign(ctx: RequestContext, deps: CampaignDeps, id: string, input: { scheduledAt?: string }): Promise<CampaignBody> {
  const scheduledAt = input.scheduledAt ? new Date(input.scheduledAt) : undefined;
  const campaign = await ctx.em.transactional(async (tx) => {
    const row = await tx.findOne(Campaign, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row) throw new AppError('NOT_FOUND', `Campaign ${id} was not found`);
    if (row.status !== 'draft') throw new AppError('INVALID_STATE', `The campaign is ${row.status}; only a draft can be launched`);
    row.automationVersionId = (await campaignAutomation({ em: tx }, row.automationId)).versionId;
    row.scheduledAt = scheduledAt;
    row.status = scheduledAt && scheduledAt.getTime() > Date.now() ? 'scheduled' : 'running';
    return row;
  });
  const workflowInput: CampaignWorkflowInput = { tenantId: ctx.tenantId, campaignId: campaign.id, ...(scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}) };
  try {
    await deps.temporal.workflow.start(campaignWorkflowType, { taskQueue: deps.taskQueue, workflowId: campaign.workflowId, args: [workflowInput] });
  } catch (err) {
    await ctx.em.nativeUpdate(Campaign, { id: campaign.id }, { status: 'draft', automationVersionId: null, scheduledAt: null });
    throw err;
  }
  ctx.logger.info({ campaignId: campaign.id, workflowId: campaign.workflowId, scheduledAt: campaign.scheduledAt }, 'campaign launched');
  return presentCampaign(campaign);
}

export type CampaignControl = 'pause' | 'resume' | 'cancel';

/** Pause, resume or cancel a live campaign: a signal to its workflow, mirrored on the row at once. */
export async function controlCampaign(ctx: RequestContext, deps: CampaignDeps, id: string, control: CampaignControl): Promise<CampaignBody> {
  const campaign = await findCampaignOrThrow(ctx, id);
  if (!LIVE.has(campaign.status)) throw new AppError('INVALID_STATE', `The campaign is ${campaign.status}; it can no longer be ${control}d`);
  if (control === 'resume' && campaign.status !== 'paused') throw new AppError('INVALID_STATE', 'The campaign is not paused');
  const signal = control === 'pause' ? pauseCampaignSignal : control === 'resume' ? resumeCampaignSignal : cancelCampaignSignal;
  await deps.temporal.workflow.getHandle(campaign.workflowId).signal(signal);
  // Mirrored at once: a running batch checks the row between pages and stops.
  if (control === 'pause') campaign.status = 'paused';
  if (control === 'resume') campaign.status = campaign.startedAt ? 'running' : 'scheduled';
  if (control === 'cancel') {
    campaign.status = 'cancelled';
    campaign.completedAt = new Date();
  }
  await ctx.em.flush();
  if (control === 'cancel') await closeRemainingRecipients(ctx.em, ctx.tenantId, campaign.id);
  ctx.logger.info({ campaignId: campaign.id, control }, 'campaign control');
  return presentCampaign(campaign);
}

/** Chooses the A/B winner: the rest of the audience gets it (or, once all is sent, it is recorded). */
export async function chooseCampaignWinner(ctx: RequestContext, deps: CampaignDeps, id: string, variant: string): Promise<CampaignBody> {
  const campaign = await findCampaignOrThrow(ctx, id);
  const variants = splitVariants((await campaignAutomation(ctx, campaign.automationId)).definition);
  if (!variants.includes(variant)) {
    throw new AppError('VALIDATION_FAILED', `"${variant}" is not a variant of this campaign (${variants.join(', ') || 'it has no A/B split'})`, [{ path: 'variant', message: 'unknown variant' }]);
  }
  if (campaign.winnerVariant) throw new AppError('INVALID_STATE', `The winner is already ${campaign.winnerVariant}`);
  if (LIVE.has(campaign.status)) {
    await deps.temporal.workflow.getHandle(campaign.workflowId).signal(chooseWinnerSignal, { variant });
  } else {
    campaign.winnerVariant = variant;
    campaign.winnerDecidedAt = new Date();
    await ctx.em.flush();
  }
  return presentCampaign(campaign);
}

async function workflowView(deps: CampaignDeps, campaign: Campaign): Promise<CampaignWorkflowView | null> {
  if (!LIVE.has(campaign.status)) return null;
  const query = deps.temporal.workflow.getHandle(campaign.workflowId).query(campaignStateQuery);
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000).unref());
  return Promise.race([query, timeout]).catch(() => null);
}

/** The campaign with its live progress (from the recipient rows) and the workflow's state. */
export async function campaignWithProgress(ctx: RequestContext, deps: CampaignDeps, id: string): Promise<CampaignBody> {
  const campaign = await findCampaignOrThrow(ctx, id);
  const [progress, workflow] = await Promise.all([campaignProgress(ctx.em, ctx.tenantId, campaign.id), workflowView(deps, campaign)]);
  return { ...presentCampaign(campaign), progress, workflow };
}

/** Results per A/B variant and in total: delivery, clicks, attributed bookings, revenue, cost and ROI. */
export async function campaignReport(ctx: RequestContext, id: string) {
  const campaign = await findCampaignOrThrow(ctx, id);
  const [progress, variants] = await Promise.all([
    campaignProgress(ctx.em, ctx.tenantId, campaign.id),
    campaignResults(ctx.em, { tenantId: ctx.tenantId, campaignId: campaign.id, attributionDays: campaign.attributionDays }),
  ]);
  return { campaign: presentCampaign(campaign), progress, total: totalOf(variants), variants: variants.filter((v) => v.variant !== null) };
}
