import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Campaign, type CampaignStatus } from '../../db/entities';
import { tenantEm } from '../automation/scope';
import { notifyCampaignProgress } from './campaign-progress';

export interface CampaignStateInput {
  tenantId: string;
  campaignId: string;
  status: Extract<CampaignStatus, 'running' | 'paused' | 'completed' | 'cancelled'>;
  winner?: string;
  awaitingWinner?: boolean;
}

/** A cancel: every recipient not yet sent to is `cancelled`. */
export async function closeRemainingRecipients(em: EntityManager, tenantId: string, campaignId: string): Promise<void> {
  await em.getKnex().raw(
    `update campaign_recipients set status = 'cancelled', updated_at = now() where tenant_id = ? and campaign_id = ? and status in ('pending', 'held', 'retry')`,
    [tenantId, campaignId],
  );
}

/** Mirrors the workflow's state on the Campaign row; a cancel also closes every recipient not yet sent to. */
export function createSetCampaignStateActivity(deps: { orm: MikroORM }) {
  return async function setCampaignState(input: CampaignStateInput): Promise<void> {
    const em = tenantEm(deps.orm, input.tenantId);
    const ended = input.status === 'completed' || input.status === 'cancelled';
    await em.nativeUpdate(
      Campaign,
      { id: input.campaignId },
      {
        status: input.status,
        ...(ended ? { completedAt: new Date() } : {}),
        ...(input.winner ? { winnerVariant: input.winner, winnerDecidedAt: new Date() } : {}),
      },
    );
    if (input.status === 'cancelled') await closeRemainingRecipients(em, input.tenantId, input.campaignId);
    await notifyCampaignProgress(em, input.tenantId, input.campaignId);
  };
}
