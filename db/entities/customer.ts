import { Check, Entity, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { Staff } from './staff';

export type ContactChannel = 'sms' | 'whatsapp' | 'email';

@Entity({ tableName: 'customers' })
@Check({ name: 'customers_reputation_range', expression: '(reputation_score >= 0) AND (reputation_score <= 100)' })
@Index({ properties: ['tenantId', 'name'] })
@Index({ properties: ['tenantId', 'phone'] })
@Index({ properties: ['tenantId', 'email'] })
export class Customer extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 320, nullable: true })
  email?: string;

  /** E.164. */
  @Property({ type: 'string', length: 20, nullable: true })
  phone?: string;

  @Property({ type: 'boolean' })
  smsOptIn: boolean & Opt = false;

  @Property({ type: 'boolean' })
  emailOptIn: boolean & Opt = false;

  @Property({ type: 'boolean' })
  whatsappOptIn: boolean & Opt = false;

  @Property({ type: 'json' })
  channelPreferences: ContactChannel[] & Opt = ['sms', 'email'];

  /** Set when the customer texted STOP; cleared by START. */
  @Property({ type: 'timestamptz', nullable: true })
  smsOptedOutAt?: Date;

  @RefId(() => Staff, { column: 'preferred_staff_id', nullable: true })
  preferredStaffId?: string;

  @Property({ type: 'date', nullable: true })
  birthday?: string;

  @Property({ type: 'string', length: 64, nullable: true })
  timezone?: string;

  /** 0–100; bookings are refused below the tenant's threshold. */
  @Property({ type: 'smallint' })
  reputationScore: number & Opt = 100;

  @Property({ type: 'integer' })
  visitCount: number & Opt = 0;

  @Property({ type: 'integer' })
  noShowCount: number & Opt = 0;

  @Property({ type: 'integer' })
  lateCancelCount: number & Opt = 0;

  @Property({ type: 'timestamptz', nullable: true })
  lastVisitAt?: Date;

  @Property({ type: 'json' })
  tags: string[] & Opt = [];

  @Property({ type: 'text', nullable: true })
  notes?: string;

  /** Marketing messages (campaigns, win-back) are sent only with this opt-in. */
  @Property({ type: 'boolean' })
  marketingOptIn: boolean & Opt = false;

  /** Appointment reminders and updates; off: only what the customer asked for (e.g. a login link). */
  @Property({ type: 'boolean' })
  notificationsEnabled: boolean & Opt = true;

  /** Set when the customer asked (in the portal) for their data to be erased; staff carry it out. */
  @Property({ type: 'timestamptz', nullable: true })
  deletionRequestedAt?: Date;

  /** Secret for the customer's iCal feed and portal links. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true, hidden: true })
  feedToken?: string;
}
