import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { Automation } from './automation';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { Segment } from './segment';

export const campaignStatuses = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const winnerMetrics = ['delivered', 'clicked', 'booked'] as const;
export type WinnerMetric = (typeof winnerMetrics)[number];

/**
 * A/B settings. The split itself is the automation's `split` node; `testPercent` below 100 sends
 * the variants to that share of the audience first and the winner to the rest.
 */
export interface CampaignAbTest {
  testPercent: number;
  winner: { mode: 'manual' } | { mode: 'auto'; afterHours: number; metric: WinnerMetric };
}

/**
 * A send to a segment. Its content is an automation with a `manual` trigger (the same builder and
 * step machine); the version published at launch is pinned. Delivery runs in the
 * `campaign:<tenant>:<id>` workflow (workflows/campaign.ts).
 */
@Entity({ tableName: 'campaigns' })
@Index({ properties: ['tenantId', 'createdAt'] })
@Unique({ properties: ['workflowId'] })
export class Campaign extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => campaignStatuses, nativeEnumName: 'campaign_status' })
  status: CampaignStatus & Opt = 'draft';

  @RefId(() => Segment, { column: 'segment_id' })
  segmentId!: string;

  @RefId(() => Automation, { column: 'automation_id' })
  automationId!: string;

  /** Pinned at launch. */
  @Property({ type: 'uuid', nullable: true })
  automationVersionId?: string;

  @Property({ type: 'timestamptz', nullable: true })
  scheduledAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt?: Date;

  /** Messages per second this campaign may send. */
  @Property({ type: 'integer' })
  ratePerSecond: number & Opt = 10;

  /** Local "HH:mm" window in each recipient's zone; null: the worker's default (21:00–08:00). */
  @Property({ type: 'json', nullable: true })
  quietHours?: { start: string; end: string } | null;

  @Property({ type: 'json', nullable: true })
  abTest?: CampaignAbTest | null;

  @Property({ type: 'string', length: 40, nullable: true })
  winnerVariant?: string;

  @Property({ type: 'timestamptz', nullable: true })
  winnerDecidedAt?: Date;

  /** Bookings this many days after a message count towards the campaign. */
  @Property({ type: 'smallint' })
  attributionDays: number & Opt = 7;

  /** Where `{{campaign.link}}` leads (through a tracked short link per recipient). */
  @Property({ type: 'string', length: 2000, nullable: true })
  linkUrl?: string;

  @Property({ type: 'integer' })
  audienceCount: number & Opt = 0;

  @Property({ type: 'string', length: 200 })
  workflowId!: string;

  @Property({ type: 'uuid', nullable: true })
  createdByUserId?: string;

  @Property({ type: 'text', nullable: true })
  error?: string;
}
