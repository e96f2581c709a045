import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Membership, MembershipPlan, PackagePurchase, type Service } from '../../../db/entities';
import { AppError } from '../../errors';

export interface BookingPrice {
  /** What the customer owes for this booking. */
  priceCents: number;
  /** Seats × per-seat list (or group tier) price, before member pricing and credits. */
  listPriceCents: number;
  membershipId?: string;
  packagePurchaseId?: string;
  creditsUsed: number;
}

/** Per-seat price of a party of `seats`: the tier with the largest `minSeats` reached, else the list price. */
export function perSeatPrice(service: Service, seats: number): number {
  const tier = [...service.groupPriceTiers].filter((t) => seats >= t.minSeats).sort((a, b) => b.minSeats - a.minSeats)[0];
  return tier ? tier.perSeatCents : service.priceCents;
}

/** The member price of one seat under an active membership whose plan covers the service. */
async function memberSeatPrice(em: EntityManager, service: Service, customerId: string, listSeat: number, now: Date) {
  const memberships = await em.find(Membership, { customerId, status: 'active' });
  let best: { cents: number; membershipId: string } | undefined;
  for (const membership of memberships) {
    const plan = await em.findOne(MembershipPlan, { id: membership.planId });
    if (!plan || (plan.serviceIds.length > 0 && !plan.serviceIds.includes(service.id)) || membership.startedAt > now) continue;
    const cents = plan.memberPrices[service.id] ?? Math.round((listSeat * (100 - plan.discountPercent)) / 100);
    if (!best || cents < best.cents) best = { cents: Math.min(cents, listSeat), membershipId: membership.id };
  }
  return best;
}

/** Usable purchases: active, not expired, covering the service, with enough credits; soonest to lapse first. */
async function usablePurchase(tx: EntityManager, service: Service, customerId: string, seats: number, now: Date, purchaseId?: string) {
  const rows = await tx.find(
    PackagePurchase,
    {
      customerId,
      status: 'active',
      creditsRemaining: { $gte: seats },
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
      ...(purchaseId ? { id: purchaseId } : {}),
    },
    { orderBy: { expiresAt: 'asc nulls last', createdAt: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  return rows.find((p) => p.serviceIds.length === 0 || p.serviceIds.includes(service.id));
}

/**
 * Prices a booking inside its transaction: group tiers, then member pricing, then package
 * credits (one per seat, taken from the purchase that lapses first unless one is named), which
 * pay the whole price. Taking credits locks the purchase row; the booking's rollback returns them.
 */
export async function priceBooking(options: {
  tx: EntityManager;
  service: Service;
  customerId: string;
  seats: number;
  now: Date;
  packagePurchaseId?: string;
  usePackage?: boolean;
}): Promise<BookingPrice> {
  const { tx, service, customerId, seats, now } = options;
  const listSeat = perSeatPrice(service, seats);
  const listPriceCents = listSeat * seats;
  if (options.usePackage !== false) {
    const purchase = await usablePurchase(tx, service, customerId, seats, now, options.packagePurchaseId);
    if (purchase) {
      purchase.creditsRemaining -= seats;
      return { priceCents: 0, listPriceCents, packagePurchaseId: purchase.id, creditsUsed: seats };
    }
    if (options.packagePurchaseId) {
      throw new AppError('INVALID_STATE', `Package purchase ${options.packagePurchaseId} has no usable credits for ${service.name}`, [
        { path: 'packagePurchaseId', message: `needs ${seats} credit${seats === 1 ? '' : 's'} valid for this service`, code: 'INSUFFICIENT_CREDITS' },
      ]);
    }
  }
  const member = await memberSeatPrice(tx, service, customerId, listSeat, now);
  if (member) return { priceCents: member.cents * seats, listPriceCents, membershipId: member.membershipId, creditsUsed: 0 };
  return { priceCents: listPriceCents, listPriceCents, creditsUsed: 0 };
}
