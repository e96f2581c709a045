import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Campaign, Segment } from '../../db/entities';
import { materializeAudience } from '../../api/services/segments/segment-audience';
import { type SegmentFilter, segmentFilterSchema } from '../../api/services/segments/segment-filter';
import { tenantEm } from '../automation/scope';
import type { PreparedCampaign } from './types';

const invalid = (message: string) => ApplicationFailure.create({ message, type: 'InvalidCampaign', nonRetryable: true });

/**
 * Fixes the audience (the segment's customers at this moment) and marks the campaign running.
 * Safe to repeat: an audience already fixed is kept as it is.
 */
export function createPrepareCampaignActivity(deps: { orm: MikroORM }) {
  return async function prepareCampaign(input: { tenantId: string; campaignId: string }): Promise<PreparedCampaign> {
    const em = tenantEm(deps.orm, input.tenantId);
    const campaign = await em.findOne(Campaign, { id: input.campaignId });
    if (!campaign) throw ApplicationFailure.create({ message: `campaign ${input.campaignId} not found`, type: 'CampaignNotFound', nonRetryable: true });
    const segment = await em.findOne(Segment, { id: campaign.segmentId });
    if (!segment) throw invalid(`campaign ${campaign.id}: its segment is gone`);
    const filter = segmentFilterSchema.safeParse(segment.filter);
    if (!filter.success) throw invalid(`campaign ${campaign.id}: the segment's filter is invalid`);
    const testPercent = campaign.abTest ? campaign.abTest.testPercent : 100;
    const [existing] = await em.getKnex().raw('select count(*)::int as n from campaign_recipients where tenant_id = ? and campaign_id = ?', [input.tenantId, campaign.id]).then((r: { rows: Array<{ n: number }> }) => r.rows);
    const audience = (existing?.n ?? 0) > 0
      ? existing!.n
      : await materializeAudience(em, { tenantId: input.tenantId, campaignId: campaign.id, filter: filter.data as SegmentFilter, testPercent });
    const [rest] = await em.getKnex().raw(`select count(*)::int as n from campaign_recipients where tenant_id = ? and campaign_id = ? and phase = 'rest'`, [input.tenantId, campaign.id]).then((r: { rows: Array<{ n: number }> }) => r.rows);
    await em.nativeUpdate(Campaign, { id: campaign.id, status: { $in: ['scheduled', 'running', 'draft'] } }, { status: 'running', audienceCount: audience, startedAt: campaign.startedAt ?? new Date() });
    const winner = campaign.abTest?.winner;
    return {
      audience,
      rest: rest?.n ?? 0,
      winner: winner ? (winner.mode === 'auto' ? { mode: 'auto', afterHours: winner.afterHours } : { mode: 'manual' }) : null,
      winnerVariant: campaign.winnerVariant ?? null,
      ratePerSecond: campaign.ratePerSecond,
    };
  };
}
