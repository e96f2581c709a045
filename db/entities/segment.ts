import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';

/**
 * A saved filter over customers (api/services/segments/segment-filter.ts holds its schema and
 * compiles it to SQL). Campaigns send to the customers a segment matches at launch.
 */
@Entity({ tableName: 'segments' })
@Index({ properties: ['tenantId', 'name'] })
export class Segment extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  /** A SegmentFilter: every condition set must hold (AND). */
  @Property({ type: 'json' })
  filter!: Record<string, unknown>;
}
