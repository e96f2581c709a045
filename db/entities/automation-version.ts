import { Entity, type Opt, Property, Unique } from '@mikro-orm/core';
import { Automation } from './automation';
import { TenantScoped } from './base';
import { RefId } from './ref';

/** An immutable published definition. Runs pin the version they started on. */
@Entity({ tableName: 'automation_versions' })
@Unique({ properties: ['automationId', 'version'] })
export class AutomationVersion extends TenantScoped {
  @RefId(() => Automation, { column: 'automation_id', onDelete: 'cascade' })
  automationId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'json' })
  definition!: Record<string, unknown>;

  @Property({ type: 'uuid', nullable: true })
  publishedByUserId?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  publishedAt: Date & Opt = new Date();
}
