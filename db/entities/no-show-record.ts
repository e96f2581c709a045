import { Entity, type Opt, Property, Unique } from '@mikro-orm/core';
import { Appointment } from './appointment';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

@Entity({ tableName: 'no_show_records' })
@Unique({ properties: ['appointmentId'] })
export class NoShowRecord extends TenantScoped {
  @RefId(() => Appointment, { column: 'appointment_id', onDelete: 'cascade' })
  appointmentId!: string;

  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade', index: true })
  customerId!: string;

  /** 1 for a first offence; drives escalating fees. */
  @Property({ type: 'integer' })
  offenceNumber!: number;

  @Property({ type: 'integer', nullable: true })
  feeCents?: number;

  @Property({ type: 'uuid', nullable: true })
  paymentId?: string;

  @Property({ type: 'boolean' })
  waived: boolean & Opt = false;
}
