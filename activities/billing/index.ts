import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../runtime/logger';
import { createChargeMembershipPeriod } from './charge-membership-period';

/** Recurring billing's activities (the membership billing workflow's one effect). */
export function createBillingActivities(deps: { orm: MikroORM; logger: Logger }) {
  return { chargeMembershipPeriod: createChargeMembershipPeriod(deps) };
}

export { periodEnd } from './charge-membership-period';
