import { Check, Entity, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { Staff } from './staff';

export const externalBusySources = ['google', 'microsoft', 'ical', 'manual'] as const;
export type ExternalBusySource = (typeof externalBusySources)[number];

/**
 * A span a staff member is busy in another calendar (a dentist visit in their Google calendar).
 * Written by calendar sync, or by hand; the availability engine blocks exactly this span.
 */
@Entity({ tableName: 'external_busy' })
@Check({ name: 'external_busy_ends_after_starts', expression: 'ends_at > starts_at' })
@Index({ properties: ['tenantId', 'staffId', 'startsAt'] })
@Unique({ properties: ['tenantId', 'staffId', 'source', 'externalId'] })
export class ExternalBusy extends TenantScoped {
  @RefId(() => Staff, { column: 'staff_id', onDelete: 'cascade' })
  staffId!: string;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'string', length: 20 })
  source: ExternalBusySource & Opt = 'manual';

  /** The event id in the other calendar, so a re-sync updates instead of duplicating. */
  @Property({ type: 'string', length: 300, nullable: true })
  externalId?: string;

  /** Shown to staff only, never to customers. */
  @Property({ type: 'string', length: 300, nullable: true })
  summary?: string;
}
