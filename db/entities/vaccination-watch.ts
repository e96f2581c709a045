import { Entity, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { Vaccination } from './vaccination';

/**
 * That a vaccination record has its durable watch (`vaccination:<tenant>:<id>`). Written by the
 * watch itself when it starts, so the daily sweep finds the records nothing watches yet (imports,
 * a start that failed after the commit) whoever created them.
 */
@Entity({ tableName: 'vaccination_watches' })
@Unique({ properties: ['vaccinationId'] })
@Index({ properties: ['tenantId', 'endedAt'] })
export class VaccinationWatch extends TenantScoped {
  @RefId(() => Vaccination, { column: 'vaccination_id', onDelete: 'cascade' })
  vaccinationId!: string;

  @Property({ type: 'string', length: 200 })
  workflowId!: string;

  /** The expiry the watch's current runs were started for. */
  @Property({ type: 'date' })
  expiresOn!: string;

  /** Runs started so far across edits (each edit starts a new generation of runs). */
  @Property({ type: 'integer' })
  generation: number & Opt = 1;

  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date;

  /** renewed | deleted | completed */
  @Property({ type: 'string', length: 20, nullable: true })
  endReason?: string;
}
