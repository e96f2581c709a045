import { Check, Entity, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Location } from './location';
import { RefId } from './ref';
import { Staff } from './staff';

/** A weekly working window in the staff member's (or tenant's) local time. */
@Entity({ tableName: 'availability_rules' })
@Index({ properties: ['tenantId', 'staffId'] })
export class AvailabilityRule extends TenantScoped {
  @RefId(() => Staff, { column: 'staff_id', onDelete: 'cascade' })
  staffId!: string;

  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Property({ type: 'smallint' })
  weekday!: number;

  /** Local wall-clock times, "HH:mm". */
  @Property({ type: 'string', length: 5 })
  startTime!: string;

  @Property({ type: 'string', length: 5 })
  endTime!: string;

  @RefId(() => Location, { column: 'location_id', nullable: true })
  locationId?: string;
}

/** Replaces the weekly rules on one local date: other hours, or closed when `closed`. */
@Entity({ tableName: 'date_overrides' })
@Index({ properties: ['tenantId', 'staffId', 'date'] })
export class DateOverride extends TenantScoped {
  /** Null applies to the whole business (a holiday). */
  @RefId(() => Staff, { column: 'staff_id', nullable: true, onDelete: 'cascade' })
  staffId?: string;

  @Property({ type: 'date' })
  date!: string;

  @Property({ type: 'boolean' })
  closed: boolean & Opt = false;

  @Property({ type: 'string', length: 5, nullable: true })
  startTime?: string;

  @Property({ type: 'string', length: 5, nullable: true })
  endTime?: string;

  @Property({ type: 'text', nullable: true })
  reason?: string;
}

@Entity({ tableName: 'time_off' })
@Check({ name: 'time_off_ends_after_starts', expression: 'ends_at > starts_at' })
@Index({ properties: ['tenantId', 'staffId', 'startsAt'] })
export class TimeOff extends TenantScoped {
  @RefId(() => Staff, { column: 'staff_id', onDelete: 'cascade' })
  staffId!: string;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'text', nullable: true })
  reason?: string;
}
