import { Entity, Enum, Index, Property, Unique, type Opt } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Campaign } from './campaign';
import { RefId } from './ref';

export const campaignRecipientStatuses = ['pending', 'held', 'retry', 'sent', 'skipped', 'failed', 'cancelled'] as const;
export type CampaignRecipientStatus = (typeof campaignRecipientStatuses)[number];

/**
 * One customer of a campaign's audience, fixed at launch. `seq` orders the fan-out; `status`
 * is what the campaign did for them: `held` (quiet hours) and `retry` (an interrupted send to
 * reconcile) wait for `notBefore`. The Message rows (unique per send key) remain the proof of
 * what reached a provider.
 */
@Entity({ tableName: 'campaign_recipients' })
@Unique({ properties: ['campaignId', 'customerId'] })
@Unique({ properties: ['campaignId', 'seq'] })
@Index({ properties: ['campaignId', 'status', 'notBefore'] })
export class CampaignRecipient extends TenantScoped {
  @RefId(() => Campaign, { column: 'campaign_id', onDelete: 'cascade' })
  campaignId!: string;

  @Property({ type: 'uuid' })
  customerId!: string;

  @Property({ type: 'integer' })
  seq!: number;

  /** `test`: in the A/B test share; `rest`: gets the winner. Without a test share everyone is `test`. */
  @Property({ type: 'string', length: 8 })
  phase: ('test' | 'rest') & Opt = 'test';

  @Enum({ items: () => campaignRecipientStatuses, nativeEnumName: 'campaign_recipient_status' })
  status: CampaignRecipientStatus & Opt = 'pending';

  @Property({ type: 'string', length: 40, nullable: true })
  variant?: string;

  @Property({ type: 'uuid', nullable: true })
  messageId?: string;

  /** Why it was skipped or failed: opted_out, no_consent, quiet_hours, 21610… */
  @Property({ type: 'string', length: 60, nullable: true })
  reason?: string;

  @Property({ type: 'timestamptz', nullable: true })
  notBefore?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  processedAt?: Date;
}
