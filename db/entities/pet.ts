import { Entity, type Opt, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

@Entity({ tableName: 'pets' })
export class Pet extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade', index: true })
  customerId!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'string', length: 40 })
  species!: string;

  @Property({ type: 'string', length: 120, nullable: true })
  breed?: string;

  @Property({ type: 'date', nullable: true })
  birthDate?: string;

  @Property({ type: 'numeric', precision: 6, scale: 2, nullable: true })
  weightKg?: string;

  @Property({ type: 'text', nullable: true })
  notes?: string;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}
