import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Pet } from './pet';
import { RefId } from './ref';

@Entity({ tableName: 'vaccinations' })
@Index({ properties: ['tenantId', 'expiresOn'] })
export class Vaccination extends TenantScoped {
  @RefId(() => Pet, { column: 'pet_id', onDelete: 'cascade', index: true })
  petId!: string;

  @Property({ type: 'string', length: 120 })
  name!: string;

  @Property({ type: 'date' })
  administeredOn!: string;

  @Property({ type: 'date' })
  expiresOn!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  provider?: string;

  @Property({ type: 'text', nullable: true })
  notes?: string;
}
