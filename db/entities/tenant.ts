import { randomUUID } from 'node:crypto';
import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

export interface TenantPolicies {
  cancelWindowHours: number;
  rescheduleWindowHours: number;
  maxActiveBookings: number;
  noShowGraceMinutes: number;
  /** Escalating no-show fees in minor units: first offence, second, third and after. */
  noShowFeesCents: number[];
  reputationThreshold: number;
  /** How long a waitlist offer holds a freed slot for one customer before moving on. */
  waitlistHoldMinutes?: number;
  /** Part of the price taken as a deposit when a service asks for one and has no fixed amount. */
  depositPercent?: number;
}

export interface TenantBranding {
  primaryColor?: string;
  logoUrl?: string;
}

export const defaultPolicies = (): TenantPolicies => ({
  cancelWindowHours: 24,
  rescheduleWindowHours: 2,
  maxActiveBookings: 10,
  noShowGraceMinutes: 15,
  noShowFeesCents: [2500, 3500, 5000],
  reputationThreshold: 30,
  waitlistHoldMinutes: 15,
});

/** The business. Not tenant-scoped itself: its id is the scope. */
@Entity({ tableName: 'tenants' })
export class Tenant {
  @PrimaryKey({ type: 'uuid' })
  id: string & Opt = randomUUID();

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Property({ type: 'string', length: 80, unique: true })
  slug!: string;

  @Property({ type: 'string', length: 64 })
  timezone!: string;

  @Property({ type: 'string', length: 3 })
  currency: string & Opt = 'USD';

  @Property({ type: 'json' })
  policies: TenantPolicies & Opt = defaultPolicies();

  @Property({ type: 'json' })
  branding: TenantBranding & Opt = {};

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
