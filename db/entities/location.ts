import { Entity, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';

@Entity({ tableName: 'locations' })
export class Location extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  address?: string;

  @Property({ type: 'string', length: 40, nullable: true })
  phone?: string;

  /** Overrides the tenant's zone when a location sits elsewhere. */
  @Property({ type: 'string', length: 64, nullable: true })
  timezone?: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}
