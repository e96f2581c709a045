import type { Campaign } from '../../../db/entities';
import type { CampaignBody } from '../../routes/campaigns.schema';

const iso = (d: Date | undefined | null) => (d ? d.toISOString() : null);

export function presentCampaign(c: Campaign): CampaignBody {
  return {
    id: c.id,
    tenantId: c.tenantId,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    name: c.name,
    status: c.status,
    segmentId: c.segmentId,
    automationId: c.automationId,
    automationVersionId: c.automationVersionId ?? null,
    scheduledAt: iso(c.scheduledAt),
    startedAt: iso(c.startedAt),
    completedAt: iso(c.completedAt),
    ratePerSecond: c.ratePerSecond,
    quietHours: c.quietHours ?? null,
    abTest: c.abTest ?? null,
    winnerVariant: c.winnerVariant ?? null,
    attributionDays: c.attributionDays,
    linkUrl: c.linkUrl ?? null,
    audienceCount: c.audienceCount,
    workflowId: c.workflowId,
  };
}
