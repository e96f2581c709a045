import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, Package, PackagePurchase, Payment, type PaymentMethod, Tenant } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import type { PaymentProviders } from '../payments/payment-provider';
import { presentPayment, receiptNumberFor } from '../payments/present-payment';
import { createInTenant } from '../tenant-scope';

export const presentPurchase = (p: PackagePurchase) => ({
  id: p.id,
  packageId: p.packageId,
  customerId: p.customerId,
  creditsTotal: p.creditsTotal,
  creditsRemaining: p.creditsRemaining,
  serviceIds: p.serviceIds,
  priceCents: p.priceCents,
  expiresAt: p.expiresAt?.toISOString() ?? null,
  status: p.status,
  paymentId: p.paymentId ?? null,
  createdAt: p.createdAt.toISOString(),
});

/**
 * Sells a package to a customer: the purchase (its credits, the services they cover and their
 * expiry copied from the package) and its payment, in one transaction. `collect` takes the money
 * now through the provider; otherwise the payment stays outstanding.
 */
export async function sellPackage(options: {
  em: EntityManager;
  tenantId: string;
  userId?: string;
  providers: PaymentProviders;
  packageId: string;
  customerId: string;
  collect?: { method: PaymentMethod; provider?: string };
}) {
  const { em } = options;
  const [tenant, pkg, customer] = await Promise.all([
    em.findOneOrFail(Tenant, { id: options.tenantId }),
    em.findOne(Package, { id: options.packageId }),
    em.findOne(Customer, { id: options.customerId }),
  ]);
  if (!pkg || !pkg.active) throw notFound('Package', options.packageId);
  if (!customer) throw new AppError('INVALID_REFERENCE', `customerId: No customer with id ${options.customerId}`, [{ path: 'customerId', message: 'not found' }]);
  const provider = options.providers.get(options.collect?.provider);
  return em.transactional(async (tx) => {
    const scope = { em: tx, tenantId: options.tenantId };
    const now = new Date();
    const purchase = createInTenant(scope, PackagePurchase, {
      packageId: pkg.id,
      customerId: customer.id,
      creditsTotal: pkg.credits,
      creditsRemaining: pkg.credits,
      serviceIds: pkg.serviceIds,
      priceCents: pkg.priceCents,
      expiresAt: pkg.validityDays ? new Date(now.getTime() + pkg.validityDays * 86_400_000) : undefined,
    });
    const payment = createInTenant(scope, Payment, {
      customerId: customer.id,
      packagePurchaseId: purchase.id,
      kind: 'package',
      method: options.collect?.method ?? 'manual',
      provider: provider.name,
      amountCents: pkg.priceCents,
      currency: tenant.currency,
      note: `Package: ${pkg.name} (${pkg.credits} credits)`,
      recordedByUserId: options.userId,
      dueAt: now,
    });
    const result = await provider.charge({ amountCents: pkg.priceCents, currency: tenant.currency, method: payment.method, description: payment.note ?? 'package', idempotencyKey: payment.id, mode: options.collect ? 'collect' : 'invoice' });
    payment.status = pkg.priceCents === 0 ? 'paid' : result.status;
    payment.providerRef = result.providerRef;
    if (payment.status === 'paid') {
      payment.paidAt = now;
      payment.receiptNumber = receiptNumberFor(payment.id, now);
    }
    purchase.paymentId = payment.id;
    await tx.flush();
    return { purchase: presentPurchase(purchase), payment: presentPayment(payment) };
  });
}
