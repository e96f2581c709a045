import { Entity, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { Customer } from './customer';
import { RefId } from './ref';

/** A magic sign-in link for the customer portal: single use, short-lived, stored as a hash. */
@Entity({ tableName: 'portal_login_links' })
@Unique({ properties: ['tokenHash'] })
@Index({ properties: ['tenantId', 'email', 'createdAt'] })
export class PortalLoginLink extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'string', length: 64, hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt?: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  requestedFrom?: string;
}

/** A signed-in customer session; the token names it, and signing out revokes it. */
@Entity({ tableName: 'portal_sessions' })
@Index({ properties: ['tenantId', 'customerId'] })
export class PortalSession extends TenantScoped {
  @RefId(() => Customer, { column: 'customer_id', onDelete: 'cascade' })
  customerId!: string;

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;

  @Property({ type: 'timestamptz' })
  lastSeenAt: Date & Opt = new Date();
}
