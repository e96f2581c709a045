import { Check, Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { Appointment } from './appointment';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

export const paymentKinds = ['service', 'deposit', 'no_show_fee', 'package', 'membership'] as const;
export type PaymentKind = (typeof paymentKinds)[number];
export const paymentStatuses = ['pending', 'paid', 'failed', 'refunded', 'partially_refunded', 'void'] as const;
export type PaymentStatus = (typeof paymentStatuses)[number];
export const paymentMethods = ['cash', 'card', 'manual', 'package_credit', 'other'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export interface Refund {
  amountCents: number;
  at: string;
  reason?: string;
  providerRef?: string;
}

@Entity({ tableName: 'payments' })
@Index({ properties: ['tenantId', 'createdAt'] })
@Unique({ properties: ['tenantId', 'idempotencyKey'] })
@Index({ properties: ['tenantId', 'customerId', 'createdAt'] })
@Check({ name: 'payments_amount_nonnegative', expression: 'amount_cents >= 0' })
export class Payment extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', index: true })
  customerId!: string;

  @RefId(() => Appointment, { column: 'appointment_id', nullable: true, index: true })
  appointmentId?: string;

  @Enum({ items: () => paymentKinds, nativeEnumName: 'payment_kind' })
  kind!: PaymentKind;

  @Enum({ items: () => paymentMethods, nativeEnumName: 'payment_method' })
  method: PaymentMethod & Opt = 'manual';

  @Enum({ items: () => paymentStatuses, nativeEnumName: 'payment_status' })
  status: PaymentStatus & Opt = 'pending';

  @Property({ type: 'integer' })
  amountCents!: number;

  @Property({ type: 'string', length: 3 })
  currency: string & Opt = 'USD';

  @Property({ type: 'json' })
  refunds: Refund[] & Opt = [];

  @Property({ type: 'string', length: 200, nullable: true })
  providerRef?: string;

  @Property({ type: 'timestamptz', nullable: true })
  paidAt?: Date;

  /** The provider that took it (manual/cash built in; a card provider later). */
  @Property({ type: 'string', length: 40 })
  provider: string & Opt = 'manual';

  @Property({ type: 'uuid', nullable: true })
  packagePurchaseId?: string;

  @Property({ type: 'uuid', nullable: true })
  membershipId?: string;

  /** Human-facing number on receipts and invoices, e.g. R-2026-000123. */
  @Property({ type: 'string', length: 40, nullable: true })
  receiptNumber?: string;

  @Property({ type: 'text', nullable: true })
  note?: string;

  /** When an unpaid charge (invoice) falls due. */
  @Property({ type: 'timestamptz', nullable: true })
  dueAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  recordedByUserId?: string;

  /** Unique per tenant when set, so a retried fee charge records one payment. */
  @Property({ type: 'string', length: 200, nullable: true })
  idempotencyKey?: string;
}
