import { Check, Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

export const billingIntervals = ['week', 'month', 'year'] as const;
export type BillingInterval = (typeof billingIntervals)[number];

/** A recurring plan: its price per period and the member pricing it brings. */
@Entity({ tableName: 'membership_plans' })
@Check({ name: 'membership_plans_discount_range', expression: 'discount_percent >= 0 and discount_percent <= 100' })
@Check({ name: 'membership_plans_interval_count_positive', expression: 'interval_count > 0' })
export class MembershipPlan extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'integer' })
  priceCents!: number;

  @Enum({ items: () => billingIntervals, nativeEnumName: 'billing_interval' })
  interval: BillingInterval & Opt = 'month';

  @Property({ type: 'integer' })
  intervalCount: number & Opt = 1;

  /** Percentage off the list price of the services it covers. */
  @Property({ type: 'integer' })
  discountPercent: number & Opt = 0;

  /** Fixed member prices per service id, winning over the percentage. */
  @Property({ type: 'json' })
  memberPrices: Record<string, number> & Opt = {};

  /** Services member pricing applies to; empty: every service. */
  @Property({ type: 'json' })
  serviceIds: string[] & Opt = [];

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}

export const membershipStatuses = ['active', 'past_due', 'cancelled'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];

/** A customer's membership; its billing workflow records one charge per period. */
@Entity({ tableName: 'memberships' })
@Index({ properties: ['tenantId', 'customerId'] })
export class Membership extends TenantScoped {
  @RefId(() => MembershipPlan, { column: 'plan_id' })
  planId!: string;

  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Enum({ items: () => membershipStatuses, nativeEnumName: 'membership_status' })
  status: MembershipStatus & Opt = 'active';

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  /** End of the period paid (or charged) so far; the next charge falls due then. */
  @Property({ type: 'timestamptz' })
  currentPeriodEnd!: Date;

  /** Periods charged so far: the idempotency of each charge. */
  @Property({ type: 'integer' })
  periodsCharged: number & Opt = 0;

  @Property({ type: 'timestamptz', nullable: true })
  cancelledAt?: Date;

  @Property({ type: 'string', length: 300 })
  workflowId!: string;
}
