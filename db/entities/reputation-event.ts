import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

/** The reputation ledger; a customer's score is the clamped sum of these from 100. */
@Entity({ tableName: 'reputation_events' })
@Index({ properties: ['tenantId', 'customerId', 'createdAt'] })
@Unique({ properties: ['tenantId', 'idempotencyKey'] })
export class ReputationEvent extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'smallint' })
  delta!: number;

  @Property({ type: 'smallint' })
  scoreAfter!: number;

  @Property({ type: 'string', length: 200 })
  reason!: string;

  @Property({ type: 'uuid', nullable: true })
  appointmentId?: string;

  @Property({ type: 'string', length: 300, nullable: true })
  idempotencyKey?: string;
}
