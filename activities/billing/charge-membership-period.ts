import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import { Membership, MembershipPlan, Payment, Tenant } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import type { PeriodCharge } from '../../workflows/membership-billing-contract';

/** The end of a billing period that starts at `from`, in the business's zone (month ends clamp: Jan 31 → Feb 28). */
export function periodEnd(from: Date, interval: 'week' | 'month' | 'year', count: number, zone: string): Date {
  const start = DateTime.fromJSDate(from, { zone });
  const unit = interval === 'week' ? { weeks: count } : interval === 'month' ? { months: count } : { years: count };
  return start.plus(unit).toJSDate();
}

/**
 * Records the charge of the membership's next period once it is due: a `membership` payment keyed
 * on (membership, period), outstanding until paid at the desk or taken by a card provider. Returns
 * when the next one falls due, or `ended` for a cancelled membership.
 */
export function createChargeMembershipPeriod(deps: { orm: MikroORM; logger: Logger; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  return async function chargeMembershipPeriod(input: { tenantId: string; membershipId: string }): Promise<PeriodCharge> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    return em.transactional(async (tx) => {
      const membership = await tx.findOne(Membership, { id: input.membershipId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!membership) throw ApplicationFailure.create({ message: `membership ${input.membershipId} not found`, type: 'MembershipNotFound', nonRetryable: true });
      if (membership.status === 'cancelled') return { status: 'ended' };
      const now = clock();
      if (membership.periodsCharged > 0 && membership.currentPeriodEnd > now) {
        return { status: 'not_due', nextChargeAt: membership.currentPeriodEnd.toISOString(), period: membership.periodsCharged + 1 };
      }
      const [plan, tenant] = await Promise.all([tx.findOneOrFail(MembershipPlan, { id: membership.planId }), tx.findOneOrFail(Tenant, { id: input.tenantId })]);
      const period = membership.periodsCharged + 1;
      const periodStart = membership.periodsCharged === 0 ? membership.startedAt : membership.currentPeriodEnd;
      const end = periodEnd(periodStart, plan.interval, plan.intervalCount, tenant.timezone);
      const key = `membership:${membership.id}:${period}`;
      if (!(await tx.findOne(Payment, { idempotencyKey: key }))) {
        tx.create(Payment, {
          tenantId: input.tenantId,
          customerId: membership.customerId,
          membershipId: membership.id,
          kind: 'membership',
          method: 'manual',
          provider: 'manual',
          status: 'pending',
          amountCents: plan.priceCents,
          currency: tenant.currency,
          dueAt: periodStart,
          note: `${plan.name}, period ${period} (${periodStart.toISOString().slice(0, 10)} – ${end.toISOString().slice(0, 10)})`,
          idempotencyKey: key,
        });
      }
      membership.periodsCharged = period;
      membership.currentPeriodEnd = end;
      deps.logger.info({ tenantId: input.tenantId, membershipId: membership.id, period }, 'membership period charged');
      return { status: 'charged', nextChargeAt: end.toISOString(), period };
    });
  };
}
