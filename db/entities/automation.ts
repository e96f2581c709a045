import { Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';

export const automationStatuses = ['draft', 'active', 'paused', 'archived'] as const;
export type AutomationStatus = (typeof automationStatuses)[number];

/** The editable side of an automation: the draft JSON and which version runs. */
@Entity({ tableName: 'automations' })
@Index({ properties: ['tenantId', 'triggerEvent', 'status'] })
export class Automation extends TenantScoped {
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description?: string;

  /** Copied from the draft's trigger so the appointment workflow can find matches with one query. */
  @Property({ type: 'string', length: 60 })
  triggerEvent!: string;

  @Enum({ items: () => automationStatuses, nativeEnumName: 'automation_status' })
  status: AutomationStatus & Opt = 'draft';

  @Property({ type: 'json' })
  draft!: Record<string, unknown>;

  @Property({ type: 'integer', nullable: true })
  publishedVersion?: number;

  @Property({ type: 'uuid', nullable: true })
  publishedVersionId?: string;

  /** The seeded template this came from, if any (e.g. "reminders"). */
  @Property({ type: 'string', length: 80, nullable: true })
  templateKey?: string;
}
