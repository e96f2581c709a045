import { Entity, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';

/** A short link (`/l/<code>`) in a message; following it counts a click and redirects to `url`. */
@Entity({ tableName: 'tracked_links' })
@Index({ properties: ['tenantId', 'campaignId'] })
export class TrackedLink extends TenantScoped {
  /** Derived from (campaign, customer): the same recipient always gets the same link. */
  @Property({ type: 'string', length: 24, unique: 'tracked_links_code_unique' })
  code!: string;

  @Property({ type: 'string', length: 2000 })
  url!: string;

  @Property({ type: 'uuid', nullable: true })
  campaignId?: string;

  @Property({ type: 'uuid', nullable: true })
  customerId?: string;

  @Property({ type: 'integer' })
  clickCount: number & Opt = 0;

  @Property({ type: 'timestamptz', nullable: true })
  firstClickedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastClickedAt?: Date;
}
