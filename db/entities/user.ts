import { Entity, Enum, type Opt, Property, Unique } from '@mikro-orm/core';
import { TenantScoped } from './base';
import { RefId } from './ref';
import { Staff } from './staff';

export const userRoles = ['owner', 'admin', 'staff'] as const;
export type UserRole = (typeof userRoles)[number];

/** A person who signs in to the admin side. Emails are unique across the platform: login needs no tenant. */
@Entity({ tableName: 'users' })
@Unique({ properties: ['email'] })
export class User extends TenantScoped {
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Enum({ items: () => userRoles, nativeEnumName: 'user_role' })
  role!: UserRole;

  /** The staff record this login belongs to, for the staff role. */
  @RefId(() => Staff, { column: 'staff_id', nullable: true })
  staffId?: string;

  @Property({ type: 'timestamptz', nullable: true })
  lastLoginAt?: Date;

  @Property({ type: 'boolean' })
  active: boolean & Opt = true;
}
