import { Check, Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';
import { Service } from './service';
import { Staff } from './staff';

export const waitlistStatuses = ['waiting', 'offered', 'booked', 'cancelled'] as const;
export type WaitlistStatus = (typeof waitlistStatuses)[number];

/** A customer waiting for a slot of a service (optionally with one staff member) between two dates. */
@Entity({ tableName: 'waitlist_entries' })
@Index({ properties: ['tenantId', 'serviceId', 'status', 'createdAt'] })
@Index({ properties: ['tenantId', 'customerId'] })
@Check({ name: 'waitlist_entries_dates_ordered', expression: 'to_date >= from_date' })
@Check({ name: 'waitlist_entries_seats_positive', expression: 'seats > 0' })
export class WaitlistEntry extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @RefId(() => Service, { column: 'service_id', onDelete: 'cascade' })
  serviceId!: string;

  /** Null: any staff member. */
  @RefId(() => Staff, { column: 'staff_id', nullable: true, onDelete: 'cascade' })
  staffId?: string;

  /** Local dates (tenant zone), inclusive. */
  @Property({ type: 'date' })
  fromDate!: string;

  @Property({ type: 'date' })
  toDate!: string;

  @Property({ type: 'integer' })
  seats: number & Opt = 1;

  @Enum({ items: () => waitlistStatuses, nativeEnumName: 'waitlist_status' })
  status: WaitlistStatus & Opt = 'waiting';

  @Property({ type: 'text', nullable: true })
  notes?: string;

  /** The booking an accepted offer made. */
  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;
}

export const waitlistOfferStatuses = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type WaitlistOfferStatus = (typeof waitlistOfferStatuses)[number];

/** One freed slot offered to one waitlist entry, held for it until `expiresAt`. */
@Entity({ tableName: 'waitlist_offers' })
@Index({ properties: ['tenantId', 'staffId', 'startsAt'] })
@Index({ properties: ['tenantId', 'entryId'] })
@Index({ properties: ['tokenHash'], name: 'waitlist_offers_token_hash_index' })
export class WaitlistOffer extends TenantScoped {
  @RefId(() => WaitlistEntry, { column: 'entry_id', onDelete: 'cascade' })
  entryId!: string;

  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @RefId(() => Service, { column: 'service_id', onDelete: 'cascade' })
  serviceId!: string;

  @RefId(() => Staff, { column: 'staff_id', nullable: true, onDelete: 'cascade' })
  staffId?: string;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Enum({ items: () => waitlistOfferStatuses, nativeEnumName: 'waitlist_offer_status' })
  status: WaitlistOfferStatus & Opt = 'pending';

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** The waitlist workflow making the offers for this freed slot. */
  @Property({ type: 'string', length: 300 })
  workflowId!: string;

  /** sha256 of the secret in the offer link, so the customer can answer without signing in. */
  @Property({ type: 'string', length: 64, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz', nullable: true })
  respondedAt?: Date;

  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;
}
