import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { DateTime } from 'luxon';
import { Customer, Service, Staff, Tenant, WaitlistEntry, WaitlistOffer } from '../../db/entities';
import { loadAvailabilityInput } from '../../api/services/availability/load-availability-input';
import { runEngine } from '../../api/services/availability/find-slots';
import type { AvailableSlot } from '../../api/domain/availability';
import type { FreedSlot, NextOffer } from '../../workflows/waitlist-contract';
import { hashOfferToken, type OfferMessageDeps, sendOfferMessage } from './offer-message';

export interface OfferToNextDeps extends OfferMessageDeps {
  orm: MikroORM;
  now?: () => Date;
}

const DEFAULT_HOLD_MINUTES = 15;

/** The freed slot as the engine sees it now, for a party of `seats`, held for nobody else. */
async function slotNow(em: EntityManager, tenant: Tenant, service: Service, slot: FreedSlot, seats: number, now: Date, customerId?: string): Promise<AvailableSlot | undefined> {
  const start = Date.parse(slot.startsAt);
  const loaded = await loadAvailabilityInput({ em, tenant, service, from: start, to: start + 1, now, ...(customerId ? { holdsFor: { customerId } } : {}) });
  const slots = runEngine({ ...loaded, from: start, to: start + 1, now, staffIds: slot.staffId ? [slot.staffId] : null, seats });
  return slots.find((s) => Date.parse(s.startsAt) === start);
}

/**
 * Offers the freed slot to the first waiting entry (joining order) whose service, staff wish,
 * dates and party size fit and who can be told about it. Claiming the entry is a conditional
 * update, so two chains never offer one entry at once. A retry finds the offer it already made.
 */
export function createOfferSlotToNextEntry(deps: OfferToNextDeps) {
  const clock = deps.now ?? (() => new Date());
  return async function offerSlotToNextEntry(input: { tenantId: string; workflowId: string; slot: FreedSlot; excludeEntryIds: string[] }): Promise<NextOffer> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const now = clock();
    const tenant = await em.findOne(Tenant, { id: input.tenantId });
    if (!tenant) throw ApplicationFailure.create({ message: `tenant ${input.tenantId} not found`, type: 'TenantNotFound', nonRetryable: true });
    const service = await em.findOne(Service, { id: input.slot.serviceId });
    if (!service?.active || Date.parse(input.slot.startsAt) <= now.getTime()) return { offered: false, reason: 'slot_gone' };
    const holdMs = Math.round((tenant.policies.waitlistHoldMinutes ?? DEFAULT_HOLD_MINUTES) * 60_000);
    const load = async (entry: WaitlistEntry) => {
      const [customer, staff] = await Promise.all([
        em.findOneOrFail(Customer, { id: entry.customerId }),
        input.slot.staffId ? em.findOne(Staff, { id: input.slot.staffId }) : Promise.resolve(null),
      ]);
      return { customer, staff };
    };

    const inFlight = await em.findOne(WaitlistOffer, { workflowId: input.workflowId, status: 'pending', entryId: { $nin: input.excludeEntryIds } });
    if (inFlight) {
      const entry = await em.findOneOrFail(WaitlistEntry, { id: inFlight.entryId });
      await sendOfferMessage(em, deps, { offer: inFlight, tenant, service, ...(await load(entry)) }, now);
      return offered(inFlight, now);
    }

    if (!(await slotNow(em, tenant, service, input.slot, 1, now))) return { offered: false, reason: 'slot_gone' };
    const day = DateTime.fromISO(input.slot.startsAt, { zone: tenant.timezone }).toISODate() as string;
    const entries = await em.find(
      WaitlistEntry,
      {
        serviceId: service.id,
        status: 'waiting',
        fromDate: { $lte: day },
        toDate: { $gte: day },
        ...(input.excludeEntryIds.length ? { id: { $nin: input.excludeEntryIds } } : {}),
        ...(input.slot.staffId ? { $or: [{ staffId: null }, { staffId: input.slot.staffId }] } : {}),
      },
      { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 100 },
    );
    for (const entry of entries) {
      const fit = await slotNow(em, tenant, service, { ...input.slot, staffId: input.slot.staffId ?? entry.staffId ?? null }, entry.seats, now, entry.customerId);
      if (!fit) continue;
      const claimed = await em.nativeUpdate(WaitlistEntry, { id: entry.id, status: 'waiting' }, { status: 'offered' });
      if (claimed === 0) continue;
      const offer = em.create(WaitlistOffer, {
        tenantId: tenant.id,
        entryId: entry.id,
        customerId: entry.customerId,
        serviceId: service.id,
        staffId: input.slot.staffId ?? entry.staffId ?? fit.staffIds[0],
        startsAt: new Date(Date.parse(fit.startsAt)),
        endsAt: new Date(Date.parse(fit.endsAt)),
        expiresAt: new Date(now.getTime() + holdMs),
        workflowId: input.workflowId,
        tokenHash: hashOfferToken(randomBytes(24).toString('base64url')),
      });
      await em.flush();
      const told = await sendOfferMessage(em, deps, { offer, tenant, service, ...(await load(entry)) }, now);
      if (told.sent) return offered(offer, now);
      // Nobody can be told (no address, no consent): withdraw and keep their place for another time.
      deps.logger.info({ tenantId: tenant.id, entryId: entry.id, reason: told.reason }, 'waitlist offer withdrawn: customer unreachable');
      await em.nativeUpdate(WaitlistOffer, { id: offer.id }, { status: 'withdrawn', respondedAt: now });
      await em.nativeUpdate(WaitlistEntry, { id: entry.id, status: 'offered' }, { status: 'waiting' });
    }
    return { offered: false, reason: 'no_candidate' };
  };
}

function offered(offer: WaitlistOffer, now: Date): NextOffer {
  return {
    offered: true,
    offerId: offer.id,
    entryId: offer.entryId,
    customerId: offer.customerId,
    expiresAt: offer.expiresAt.toISOString(),
    holdMs: Math.max(0, offer.expiresAt.getTime() - now.getTime()),
  };
}
