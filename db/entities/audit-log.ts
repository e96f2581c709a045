import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';

/** Who did what to which row; overrides and policy exceptions always land here. */
@Entity({ tableName: 'audit_logs' })
@Index({ properties: ['tenantId', 'createdAt'] })
@Index({ properties: ['tenantId', 'entityType', 'entityId'] })
export class AuditLog extends TenantScoped {
  @Property({ type: 'uuid', nullable: true })
  userId?: string;

  @Property({ type: 'string', length: 80 })
  action!: string;

  @Property({ type: 'string', length: 60 })
  entityType!: string;

  @Property({ type: 'uuid', nullable: true })
  entityId?: string;

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Property({ type: 'json', nullable: true })
  changes?: Record<string, unknown>;

  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string;
}
