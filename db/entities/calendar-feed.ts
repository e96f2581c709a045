import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';

export const calendarFeedOwners = ['staff', 'customer'] as const;
export type CalendarFeedOwner = (typeof calendarFeedOwners)[number];

/**
 * A secret iCal feed URL (/ical/<token>.ics) of one staff member or customer. Only the token's
 * hash is stored; revoking sets `revokedAt`, and a new feed gets a new token.
 */
@Entity({ tableName: 'calendar_feeds' })
@Unique({ properties: ['tokenHash'] })
@Index({ properties: ['tenantId', 'ownerType', 'ownerId'] })
export class CalendarFeed extends TenantScoped {
  @Enum({ items: () => calendarFeedOwners, nativeEnumName: 'calendar_feed_owner' })
  ownerType!: CalendarFeedOwner;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  tokenHash!: string;

  /** The first characters of the token, to tell feeds apart in a list. */
  @Property({ type: 'string', length: 8 })
  tokenHint!: string;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastFetchedAt?: Date;

  @Property({ type: 'integer' })
  fetchCount: number & Opt = 0;
}
