import { Check, Entity, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { Appointment } from './appointment';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

/** A customer's rating of a completed visit; one per appointment. */
@Entity({ tableName: 'reviews' })
@Unique({ properties: ['appointmentId'] })
@Index({ properties: ['tenantId', 'staffId'] })
@Check({ name: 'reviews_rating_range', expression: 'rating >= 1 and rating <= 5' })
export class Review extends TenantScoped {
  @RefId(() => Appointment, { column: 'appointment_id', onDelete: 'cascade' })
  appointmentId!: string;

  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'uuid', nullable: true })
  staffId?: string;

  @Property({ type: 'uuid' })
  serviceId!: string;

  @Property({ type: 'smallint' })
  rating!: number;

  @Property({ type: 'text', nullable: true })
  comment?: string;

  /** Shown on the public page once staff allow it. */
  @Property({ type: 'boolean' })
  published: boolean & Opt = false;
}
