import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Customer, Membership, MembershipPlan, Payment, type PaymentMethod, Tenant } from '../../../db/entities';
import type { Logger } from '../../../runtime/logger';
import { periodEnd } from '../../../activities/billing';
import { membershipBillingWorkflowType, membershipCancelledSignal, membershipWorkflowId } from '../../../workflows/membership-billing-contract';
import { AppError, notFound } from '../../errors';
import type { PaymentProviders } from '../payments/payment-provider';
import { receiptNumberFor } from '../payments/present-payment';
import { createInTenant } from '../tenant-scope';

export const presentMembership = (m: Membership) => ({
  id: m.id,
  planId: m.planId,
  customerId: m.customerId,
  status: m.status,
  startedAt: m.startedAt.toISOString(),
  currentPeriodEnd: m.currentPeriodEnd.toISOString(),
  periodsCharged: m.periodsCharged,
  cancelledAt: m.cancelledAt?.toISOString() ?? null,
  workflowId: m.workflowId,
});

interface Deps {
  em: EntityManager;
  tenantId: string;
  userId?: string;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
}

/**
 * Starts a membership: the row, the first period's charge (taken now with `collect`, else
 * outstanding) and the billing workflow `membership:<tenant>:<id>`, which records each later
 * period's charge when it falls due. Member pricing applies to bookings from the start.
 */
export async function startMembership(deps: Deps & { providers: PaymentProviders; planId: string; customerId: string; collect?: { method: PaymentMethod; provider?: string } }) {
  const { em } = deps;
  const [tenant, plan, customer] = await Promise.all([
    em.findOneOrFail(Tenant, { id: deps.tenantId }),
    em.findOne(MembershipPlan, { id: deps.planId }),
    em.findOne(Customer, { id: deps.customerId }),
  ]);
  if (!plan || !plan.active) throw notFound('Membership plan', deps.planId);
  if (!customer) throw new AppError('INVALID_REFERENCE', `customerId: No customer with id ${deps.customerId}`, [{ path: 'customerId', message: 'not found' }]);
  const existing = await em.count(Membership, { customerId: customer.id, planId: plan.id, status: { $ne: 'cancelled' } });
  if (existing > 0) throw new AppError('CONFLICT', `${customer.name} already has the ${plan.name} membership`);
  const now = new Date();
  const provider = deps.providers.get(deps.collect?.provider);
  const membership = await em.transactional(async (tx) => {
    const scope = { em: tx, tenantId: deps.tenantId };
    const row = createInTenant(scope, Membership, {
      planId: plan.id,
      customerId: customer.id,
      startedAt: now,
      currentPeriodEnd: periodEnd(now, plan.interval, plan.intervalCount, tenant.timezone),
      periodsCharged: 1,
      workflowId: '',
    });
    row.workflowId = membershipWorkflowId(deps.tenantId, row.id);
    const payment = createInTenant(scope, Payment, {
      customerId: customer.id,
      membershipId: row.id,
      kind: 'membership',
      method: deps.collect?.method ?? 'manual',
      provider: provider.name,
      amountCents: plan.priceCents,
      currency: tenant.currency,
      dueAt: now,
      note: `${plan.name}, period 1 (${now.toISOString().slice(0, 10)} – ${row.currentPeriodEnd.toISOString().slice(0, 10)})`,
      idempotencyKey: `membership:${row.id}:1`,
      recordedByUserId: deps.userId,
    });
    const result = await provider.charge({ amountCents: plan.priceCents, currency: tenant.currency, method: payment.method, description: payment.note ?? 'membership', idempotencyKey: payment.idempotencyKey ?? payment.id, mode: deps.collect ? 'collect' : 'invoice' });
    payment.status = result.status;
    payment.providerRef = result.providerRef;
    if (result.status === 'paid') {
      payment.paidAt = now;
      payment.receiptNumber = receiptNumberFor(payment.id, now);
    }
    await tx.flush();
    return row;
  });
  try {
    await deps.temporal.workflow.start(membershipBillingWorkflowType, { workflowId: membership.workflowId, taskQueue: deps.taskQueue, args: [{ tenantId: deps.tenantId, membershipId: membership.id }] });
  } catch (err) {
    deps.logger.error({ err, workflowId: membership.workflowId }, 'could not start membership billing; start it again to resume charging');
  }
  return presentMembership(membership);
}

/** Ends a membership: no further charges (the workflow is told), member pricing stops. */
export async function cancelMembership(deps: Deps & { id: string; reason?: string }) {
  const membership = await deps.em.findOne(Membership, { id: deps.id });
  if (!membership) throw notFound('Membership', deps.id);
  if (membership.status !== 'cancelled') {
    membership.status = 'cancelled';
    membership.cancelledAt = new Date();
    await deps.em.flush();
    try {
      await deps.temporal.workflow.getHandle(membership.workflowId).signal(membershipCancelledSignal);
    } catch (err) {
      deps.logger.warn({ err, workflowId: membership.workflowId }, 'membership billing workflow not signalled (it will see the cancellation at its next charge)');
    }
  }
  return presentMembership(membership);
}
