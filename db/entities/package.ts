import { Check, Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

/** A bundle of credits (e.g. 5 grooms) sold at a price and valid for a number of days. */
@Entity({ tableName: 'packages' })
@Check({ name: 'packages_credits_positive', expression: 'credits > 0' })
@Check({ name: 'packages_price_nonnegative', expression: 'price_cents >= 0' })
export class Package extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'integer' })
  priceCents!: number;

  /** One credit pays for one seat of one booking. */
  @Property({ type: 'integer' })
  credits!: number;

  /** Services the credits pay for; empty: every service. */
  @Property({ type: 'json' })
  serviceIds: string[] & Opt = [];

  /** Days from purchase until unused credits lapse; null: they never do. */
  @Property({ type: 'integer', nullable: true })
  validityDays?: number;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}

export const packagePurchaseStatuses = ['active', 'refunded', 'void'] as const;
export type PackagePurchaseStatus = (typeof packagePurchaseStatuses)[number];

/** A customer's bought package and the credits it has left. */
@Entity({ tableName: 'package_purchases' })
@Index({ properties: ['tenantId', 'customerId'] })
@Check({ name: 'package_purchases_credits_in_range', expression: 'credits_remaining >= 0 and credits_remaining <= credits_total' })
export class PackagePurchase extends TenantScoped {
  @RefId(() => Package, { column: 'package_id' })
  packageId!: string;

  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'integer' })
  creditsTotal!: number;

  @Property({ type: 'integer' })
  creditsRemaining!: number;

  /** Copied from the package at purchase, so editing the package never changes what was sold. */
  @Property({ type: 'json' })
  serviceIds: string[] & Opt = [];

  @Property({ type: 'integer' })
  priceCents!: number;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Enum({ items: () => packagePurchaseStatuses, nativeEnumName: 'package_purchase_status' })
  status: PackagePurchaseStatus & Opt = 'active';

  @Property({ type: 'uuid', nullable: true })
  paymentId?: string;
}
