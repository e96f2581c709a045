import { Entity, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';

/**
 * A stored answer to a request that carried an Idempotency-Key header. The unique
 * (tenant, key) row is claimed in the same transaction as the write it guards.
 */
@Entity({ tableName: 'idempotency_keys' })
@Unique({ properties: ['tenantId', 'key'] })
@Index({ properties: ['expiresAt'], name: 'idempotency_keys_expires_at_index' })
export class IdempotencyKey extends TenantScoped {
  @Property({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'string', length: 10 })
  method!: string;

  @Property({ type: 'string', length: 300 })
  path!: string;

  /** sha256 of the body, so the same key with another body is refused. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Property({ type: 'smallint', nullable: true })
  responseStatus?: number;

  @Property({ type: 'json', nullable: true })
  responseBody?: unknown;

  @Property({ type: 'timestamptz' })
  expiresAt: Date & Opt = new Date(Date.now() + 24 * 3600_000);
}
