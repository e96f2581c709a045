import { Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { AutomationRun } from './automation-run';
import { TenantScoped } from './base';
import { RefId } from './ref';

export const stepStatuses = ['started', 'waiting', 'succeeded', 'skipped', 'failed'] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** What one node did in one run: the executions view reads these. */
@Entity({ tableName: 'run_steps' })
@Index({ properties: ['runId', 'sequence'] })
@Unique({ properties: ['runId', 'sequence'] })
export class RunStep extends TenantScoped {
  @RefId(() => AutomationRun, { column: 'run_id', onDelete: 'cascade' })
  runId!: string;

  /** Position in the run's path; makes recording a step idempotent. */
  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ type: 'string', length: 80 })
  nodeId!: string;

  @Property({ type: 'string', length: 40 })
  nodeType!: string;

  @Enum({ items: () => stepStatuses, nativeEnumName: 'step_status' })
  status!: StepStatus;

  /** The exit taken (true/false, event/timeout, a variant id). */
  @Property({ type: 'string', length: 80, nullable: true })
  exit?: string;

  @Property({ type: 'json', nullable: true })
  input?: Record<string, unknown>;

  @Property({ type: 'json', nullable: true })
  output?: Record<string, unknown>;

  @Property({ type: 'text', nullable: true })
  error?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  startedAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date;
}
