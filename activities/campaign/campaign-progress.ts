import type { EntityManager } from '@mikro-orm/postgresql';
import { publishLiveEvent } from '../../api/services/live/events';
import type { CampaignPhase } from '../../workflows/campaign-contract';
import type { CampaignWaiting } from './types';

/** Where a campaign stands: recipients by outcome, and what the provider said about the sent ones. */
export interface CampaignProgress {
  audience: number;
  /** Not yet sent: pending, held for quiet hours, or an interrupted send to reconcile. */
  queued: number;
  held: number;
  sent: number;
  delivered: number;
  failed: number;
  /** STOP, or no opt-in for the channel. */
  optedOut: number;
  /** Not sent for another reason (no address, the path sent nothing…). */
  skipped: number;
  cancelled: number;
  clicked: number;
}

async function rows<T>(em: EntityManager, sql: string, bindings: unknown[]): Promise<T[]> {
  const result = await em.getKnex().raw(sql, bindings as never);
  return (result as { rows: T[] }).rows;
}

const OPT_OUT_REASONS = `('opted_out', 'no_consent', 'no_marketing_consent', '21610')`;

export async function campaignProgress(em: EntityManager, tenantId: string, campaignId: string): Promise<CampaignProgress> {
  const [counts, clicks] = await Promise.all([
    rows<Record<string, number>>(
      em,
      `select count(*)::int as audience,
         count(*) filter (where r.status in ('pending', 'held', 'retry'))::int as queued,
         count(*) filter (where r.status = 'held')::int as held,
         count(*) filter (where r.status = 'sent')::int as sent,
         count(*) filter (where r.status = 'sent' and m.status = 'delivered')::int as delivered,
         count(*) filter (where (r.status = 'failed' and coalesce(r.reason, '') not in ${OPT_OUT_REASONS}) or (r.status = 'sent' and m.status in ('failed', 'undelivered')))::int as failed,
         count(*) filter (where r.status in ('skipped', 'failed') and r.reason in ${OPT_OUT_REASONS})::int as opted_out,
         count(*) filter (where r.status = 'skipped' and coalesce(r.reason, '') not in ${OPT_OUT_REASONS})::int as skipped,
         count(*) filter (where r.status = 'cancelled')::int as cancelled
       from campaign_recipients r left join messages m on m.id = r.message_id and m.tenant_id = r.tenant_id
       where r.tenant_id = ? and r.campaign_id = ?`,
      [tenantId, campaignId],
    ),
    rows<{ clicked: number }>(em, `select count(*) filter (where click_count > 0)::int as clicked from tracked_links where tenant_id = ? and campaign_id = ?`, [tenantId, campaignId]),
  ]);
  const c = counts[0] ?? {};
  const n = (v: unknown) => Number(v ?? 0);
  return {
    audience: n(c.audience),
    queued: n(c.queued),
    held: n(c.held),
    sent: n(c.sent),
    delivered: n(c.delivered),
    failed: n(c.failed),
    optedOut: n(c.opted_out),
    skipped: n(c.skipped),
    cancelled: n(c.cancelled),
    clicked: n(clicks[0]?.clicked),
  };
}

/** Recipients of a phase not settled yet, and when the first of them is due. */
export async function campaignWaiting(em: EntityManager, tenantId: string, campaignId: string, phase: CampaignPhase): Promise<CampaignWaiting> {
  const [row] = await rows<{ waiting: number; next_due_at: Date | null }>(
    em,
    `select count(*)::int as waiting, min(coalesce(not_before, now())) as next_due_at from campaign_recipients
     where tenant_id = ? and campaign_id = ? and phase = ? and status in ('pending', 'held', 'retry')`,
    [tenantId, campaignId, phase],
  );
  return { waiting: row?.waiting ?? 0, nextDueAt: row?.next_due_at ? new Date(row.next_due_at).toISOString() : null };
}

/** Pushes the progress on the live channel (the /api/live WebSocket), at most once per batch. */
export async function notifyCampaignProgress(em: EntityManager, tenantId: string, campaignId: string): Promise<void> {
  const progress = await campaignProgress(em, tenantId, campaignId);
  await publishLiveEvent(em, { tenantId, type: 'campaign.progress', data: { campaignId, ...progress } });
}
