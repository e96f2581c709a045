import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Campaign, type WinnerMetric } from '../../db/entities';
import { tenantEm } from '../automation/scope';
import { pinnedDefinition, splitVariants } from './campaign-definition';
import { campaignResults, type VariantResult } from './campaign-results';

const RATE: Record<WinnerMetric, keyof VariantResult> = { delivered: 'deliveryRate', clicked: 'clickRate', booked: 'bookingRate' };

/**
 * The A/B winner on the campaign's metric (rate per message sent); a tie goes to the variant
 * listed first in the split.
 */
export function createDecideCampaignWinnerActivity(deps: { orm: MikroORM }) {
  return async function decideCampaignWinner(input: { tenantId: string; campaignId: string }): Promise<{ variant: string }> {
    const em = tenantEm(deps.orm, input.tenantId);
    const campaign = await em.findOne(Campaign, { id: input.campaignId });
    if (!campaign) throw ApplicationFailure.create({ message: `campaign ${input.campaignId} not found`, type: 'CampaignNotFound', nonRetryable: true });
    const variants = splitVariants(await pinnedDefinition(em, campaign));
    if (variants.length === 0) throw ApplicationFailure.create({ message: `campaign ${campaign.id} has no A/B split`, type: 'InvalidCampaign', nonRetryable: true });
    const winner = campaign.abTest?.winner;
    const metric = RATE[winner?.mode === 'auto' ? winner.metric : 'delivered'];
    const results = await campaignResults(em, { tenantId: input.tenantId, campaignId: campaign.id, attributionDays: campaign.attributionDays });
    let best = variants[0] as string;
    let bestScore = -1;
    for (const variant of variants) {
      const score = Number(results.find((r) => r.variant === variant)?.[metric] ?? 0);
      if (score > bestScore) {
        best = variant;
        bestScore = score;
      }
    }
    return { variant: best };
  };
}
