import { MembershipPlan } from '../../entities/membership';
import { Package, PackagePurchase } from '../../entities/package';
import { Payment } from '../../entities/payment';
import { WaitlistEntry } from '../../entities/waitlist';
import { type DemoContext, isoDate } from './context';
import type { DemoCustomer } from './customers';
import type { DemoService, DemoServiceKey } from './services';

export interface DemoCommerce {
  packages: Package[];
  purchases: PackagePurchase[];
  plans: MembershipPlan[];
  payments: Payment[];
  waitlist: WaitlistEntry[];
}

/**
 * The salon's packages (bath bundles), a membership plan with member pricing, a few customers who
 * bought a bundle (paid in the shop, some credits used) and a few waiting for a Saturday groom.
 * Memberships themselves are left to the app: each needs its billing workflow running.
 */
export function buildCommerce(ctx: DemoContext, services: Map<DemoServiceKey, DemoService>, customers: DemoCustomer[]): DemoCommerce {
  const { em, tenantId, rng } = ctx;
  const id = (key: DemoServiceKey) => services.get(key)?.entity.id as string;
  const since = ctx.now.minus({ months: 6 }).toJSDate();
  const baths = em.create(Package, { tenantId, name: 'Five Baths', description: 'Five Bath & Brush visits for the price of four.', priceCents: 22000, credits: 5, serviceIds: [id('bath')], validityDays: 365, createdAt: since, updatedAt: since });
  const nails = em.create(Package, { tenantId, name: 'Nail Trim Card', description: 'Ten nail trims, any time in the year.', priceCents: 15000, credits: 10, serviceIds: [id('nails')], validityDays: 365, createdAt: since, updatedAt: since });
  const club = em.create(MembershipPlan, {
    tenantId,
    name: 'Pawsh Club',
    description: '15% off every grooming service, billed monthly.',
    priceCents: 1900,
    interval: 'month',
    discountPercent: 15,
    serviceIds: [id('bath'), id('fullGroom'), id('deshed')],
    createdAt: since,
    updatedAt: since,
  });

  const purchases: PackagePurchase[] = [];
  const payments: Payment[] = [];
  for (const customer of rng.shuffle(customers).slice(0, 6)) {
    const pkg = rng.pick([baths, nails]);
    const boughtAt = ctx.now.minus({ days: rng.int(10, 120) }).toJSDate();
    const used = rng.int(0, pkg.credits - 1);
    const payment = em.create(Payment, {
      tenantId,
      customerId: customer.entity.id,
      kind: 'package',
      method: rng.pick(['card', 'cash'] as const),
      status: 'paid',
      amountCents: pkg.priceCents,
      currency: 'USD',
      paidAt: boughtAt,
      receiptNumber: `R-${isoDate(ctx.now.minus({ days: 1 })).replace(/-/g, '')}-${customer.entity.id.slice(0, 6).toUpperCase()}`,
      note: `Package: ${pkg.name} (${pkg.credits} credits)`,
      createdAt: boughtAt,
      updatedAt: boughtAt,
    });
    const purchase = em.create(PackagePurchase, {
      tenantId,
      packageId: pkg.id,
      customerId: customer.entity.id,
      creditsTotal: pkg.credits,
      creditsRemaining: pkg.credits - used,
      serviceIds: pkg.serviceIds,
      priceCents: pkg.priceCents,
      expiresAt: new Date(boughtAt.getTime() + 365 * 86_400_000),
      paymentId: payment.id,
      createdAt: boughtAt,
      updatedAt: boughtAt,
    });
    payment.packagePurchaseId = purchase.id;
    purchases.push(purchase);
    payments.push(payment);
  }

  const waitlist = customers.slice(-3).map((customer, i) =>
    em.create(WaitlistEntry, {
      tenantId,
      customerId: customer.entity.id,
      serviceId: id('fullGroom'),
      fromDate: isoDate(ctx.today),
      toDate: isoDate(ctx.today.plus({ days: 14 })),
      notes: i === 0 ? 'Any Saturday morning' : undefined,
      createdAt: ctx.now.minus({ days: 3 - i }).toJSDate(),
      updatedAt: ctx.now.minus({ days: 3 - i }).toJSDate(),
    }),
  );
  return { packages: [baths, nails], purchases, plans: [club], payments, waitlist };
}
