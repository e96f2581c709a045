import { Entity, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Location } from './location';
import { RefId } from './ref';

@Entity({ tableName: 'staff' })
export class Staff extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'string', length: 40, nullable: true })
  phone?: string;

  @Property({ type: 'string', length: 80, nullable: true })
  title?: string;

  /** Services this person performs. */
  @Property({ type: 'json' })
  serviceIds: string[] & Opt = [];

  @RefId(() => Location, { column: 'location_id', nullable: true })
  locationId?: string;

  /** Round-robin weight: a weight of 2 takes twice the share of bookings. */
  @Property({ type: 'integer' })
  weight: number & Opt = 1;

  @Property({ type: 'string', length: 64, nullable: true })
  timezone?: string;

  @Property({ type: 'string', length: 16, nullable: true })
  color?: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}
