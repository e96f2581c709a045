import { Check, Entity, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Location } from './location';
import { RefId } from './ref';

export interface GroupPriceTier {
  minSeats: number;
  perSeatCents: number;
}

@Entity({ tableName: 'services' })
@Check({ name: 'services_duration_positive', expression: 'duration_minutes > 0' })
@Check({ name: 'services_price_nonnegative', expression: 'price_cents >= 0' })
@Check({ name: 'services_slot_interval_positive', expression: 'slot_interval_minutes is null or slot_interval_minutes > 0' })
export class Service extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  @Property({ type: 'string', length: 80, nullable: true })
  category?: string;

  @Property({ type: 'integer' })
  durationMinutes!: number;

  @Property({ type: 'integer' })
  priceCents!: number;

  @Property({ type: 'integer' })
  bufferBeforeMinutes: number & Opt = 0;

  @Property({ type: 'integer' })
  bufferAfterMinutes: number & Opt = 0;

  /** Seats per slot; above 1 makes it a group or class booking. */
  @Property({ type: 'integer' })
  capacity: number & Opt = 1;

  /** Staff members who must all be present (collective services). */
  @Property({ type: 'integer' })
  staffCount: number & Opt = 1;

  /** Spans this many days when above 1. */
  @Property({ type: 'integer' })
  days: number & Opt = 1;

  @Property({ type: 'integer', nullable: true })
  depositCents?: number;

  @Property({ type: 'boolean' })
  requiresVaccination: boolean & Opt = false;

  /** Online bookings must start at least this long after now. */
  @Property({ type: 'integer' })
  minNoticeMinutes: number & Opt = 0;

  /** Online bookings reach at most this many local days ahead; null: no limit. */
  @Property({ type: 'integer', nullable: true })
  maxAdvanceDays?: number;

  /** Step of the slot grid; null: the duration. */
  @Property({ type: 'integer', nullable: true })
  slotIntervalMinutes?: number;

  /** Per-seat price from a party size up (group services), e.g. 4+ seats at 4000 each. */
  @Property({ type: 'json' })
  groupPriceTiers: GroupPriceTier[] & Opt = [];

  /** Offered on the public booking page. */
  @Property({ type: 'boolean' })
  bookableOnline: boolean & Opt = true;

  @RefId(() => Location, { column: 'location_id', nullable: true })
  locationId?: string;

  @Property({ type: 'string', length: 16, nullable: true })
  color?: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}
