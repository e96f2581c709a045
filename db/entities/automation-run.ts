import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { Automation } from './automation';
import { TenantScoped } from './base';
import { RefId } from './ref';

export const runStatuses = ['running', 'waiting', 'completed', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** The execution index: one row per automationRun workflow, kept current by its activities. */
@Entity({ tableName: 'automation_runs' })
@Index({ properties: ['tenantId', 'automationId', 'startedAt'] })
@Index({ properties: ['tenantId', 'appointmentId'] })
@Index({ properties: ['tenantId', 'status'] })
export class AutomationRun extends TenantScoped {
  @RefId(() => Automation, { column: 'automation_id', onDelete: 'cascade' })
  automationId!: string;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'uuid' })
  automationVersionId!: string;

  /** Stable across continue-as-new. */
  @Unique()
  @Property({ type: 'string', length: 300 })
  workflowId!: string;

  @Property({ type: 'string', length: 60 })
  triggerEvent!: string;

  @Enum({ items: () => runStatuses, nativeEnumName: 'run_status' })
  status: RunStatus & Opt = 'running';

  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;

  @Property({ type: 'uuid', nullable: true })
  customerId?: string;

  @Property({ type: 'uuid', nullable: true })
  campaignId?: string;

  @Property({ type: 'string', length: 80, nullable: true })
  currentNodeId?: string;

  @Property({ type: 'timestamptz', nullable: true })
  nextWakeAt?: Date;

  @Property({ type: 'json' })
  path: string[] & Opt = [];

  @Property({ type: 'text', nullable: true })
  endReason?: string;

  @Property({ type: 'text', nullable: true })
  error?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  startedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date;
}
