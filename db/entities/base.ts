import { randomUUID } from 'node:crypto';
import { type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { RefId } from './ref';
import { Tenant } from './tenant';

/** Columns every row carries. `tenantId` is what the global `tenant` filter scopes on. */
export abstract class TenantScoped {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @RefId(() => Tenant, { column: 'tenant_id', onDelete: 'cascade', index: true })
  tenantId!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
