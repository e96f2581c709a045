import { createHash } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Service, Staff, Tenant, WaitlistEntry, WaitlistOffer } from '../../../db/entities';
import { offerResponseSignal, type OfferAnswer } from '../../../workflows/waitlist-contract';
import { AppError, notFound } from '../../errors';
import type { DomainContext } from '../appointments/domain-context';
import { bookAppointment } from '../booking/book-appointment';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function notOpen(offer: WaitlistOffer): AppError {
  const why = offer.status !== 'pending' ? `it was ${offer.status}` : `the hold ended at ${offer.expiresAt.toISOString()}`;
  return new AppError('OFFER_NOT_OPEN', `This offer can no longer be answered: ${why}. You keep your place on the waitlist.`, [
    { path: 'offerId', message: offer.status !== 'pending' ? offer.status : 'expired', code: 'OFFER_NOT_OPEN' },
  ]);
}

/** A pending offer found by the secret of its link; the tenant comes from the offer. */
export async function offerByToken(orm: MikroORM, token: string): Promise<{ em: EntityManager; offer: WaitlistOffer }> {
  const em = orm.em.fork();
  const offer = await em.findOne(WaitlistOffer, { tokenHash: hashToken(token) }, { filters: false });
  if (!offer) throw notFound('Offer');
  em.setFilterParams('tenant', { tenantId: offer.tenantId });
  return { em, offer };
}

export async function presentOffer(em: EntityManager, offer: WaitlistOffer) {
  const [tenant, service, staff] = await Promise.all([
    em.findOneOrFail(Tenant, { id: offer.tenantId }),
    em.findOneOrFail(Service, { id: offer.serviceId }),
    offer.staffId ? em.findOne(Staff, { id: offer.staffId }) : Promise.resolve(null),
  ]);
  return {
    id: offer.id,
    status: offer.status,
    business: { name: tenant.name, slug: tenant.slug, timezone: tenant.timezone },
    service: { id: service.id, name: service.name, durationMinutes: service.durationMinutes },
    staff: staff ? { id: staff.id, name: staff.name } : null,
    startsAt: offer.startsAt.toISOString(),
    endsAt: offer.endsAt.toISOString(),
    expiresAt: offer.expiresAt.toISOString(),
    appointmentId: offer.appointmentId ?? null,
  };
}

async function tellWorkflow(temporal: Client, offer: WaitlistOffer, answer: OfferAnswer, ctx: DomainContext): Promise<void> {
  try {
    await temporal.workflow.getHandle(offer.workflowId).signal(offerResponseSignal, { offerId: offer.id, answer });
  } catch (err) {
    // The chain still moves on when the hold runs out, and the row already says what happened.
    ctx.logger.warn({ err, workflowId: offer.workflowId, offerId: offer.id }, 'waitlist workflow not told about the answer');
  }
}

/**
 * Accepts a waitlist offer: books the held slot for the entry's customer (source `waitlist`,
 * through every booking rule), marks the offer accepted and the entry booked in the same
 * transaction, then tells the offer workflow so the chain ends. An offer that is no longer
 * pending or whose hold has ended is 409 OFFER_NOT_OPEN.
 */
export async function acceptOffer(options: { ctx: DomainContext; temporal: Client; taskQueue: string; offerId: string; customerId?: string; petId?: string | null }) {
  const { ctx } = options;
  const offer = await ctx.em.findOne(WaitlistOffer, { id: options.offerId, ...(options.customerId ? { customerId: options.customerId } : {}) });
  if (!offer) throw notFound('Offer', options.offerId);
  if (offer.status !== 'pending' || offer.expiresAt <= new Date()) throw notOpen(offer);
  const entry = await ctx.em.findOneOrFail(WaitlistEntry, { id: offer.entryId });
  const result = await bookAppointment({
    ctx,
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    actor: { kind: 'customer', customerId: offer.customerId, via: 'waitlist', waitlistOfferId: offer.id },
    input: {
      serviceId: offer.serviceId,
      staffId: offer.staffId ?? null,
      customerId: offer.customerId,
      startsAt: offer.startsAt.toISOString(),
      seats: entry.seats,
      ...(options.petId ? { petId: options.petId } : {}),
      notes: entry.notes ?? null,
    },
    inTransaction: async (tx, appointment) => {
      const locked = await tx.findOneOrFail(WaitlistOffer, { id: offer.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const now = new Date();
      if (locked.status !== 'pending' || locked.expiresAt <= now) throw notOpen(locked);
      locked.status = 'accepted';
      locked.respondedAt = now;
      locked.appointmentId = appointment.id;
      await tx.nativeUpdate(WaitlistEntry, { id: locked.entryId }, { status: 'booked', appointmentId: appointment.id });
      await tx.flush();
    },
  });
  await tellWorkflow(options.temporal, offer, 'accepted', ctx);
  return result.body;
}

/** Declines an offer: the customer keeps their place, and the chain moves on to the next entry now. */
export async function declineOffer(options: { ctx: DomainContext; temporal: Client; offerId: string; customerId?: string }) {
  const { ctx } = options;
  const offer = await ctx.em.findOne(WaitlistOffer, { id: options.offerId, ...(options.customerId ? { customerId: options.customerId } : {}) });
  if (!offer) throw notFound('Offer', options.offerId);
  const now = new Date();
  const changed = await ctx.em.nativeUpdate(WaitlistOffer, { id: offer.id, status: 'pending' }, { status: 'declined', respondedAt: now });
  if (changed === 0) throw notOpen(await ctx.em.findOneOrFail(WaitlistOffer, { id: offer.id }, { disableIdentityMap: true }));
  await ctx.em.nativeUpdate(WaitlistEntry, { id: offer.entryId, status: 'offered' }, { status: 'waiting' });
  await tellWorkflow(options.temporal, offer, 'declined', ctx);
  return presentOffer(ctx.em, await ctx.em.findOneOrFail(WaitlistOffer, { id: offer.id }, { disableIdentityMap: true }));
}
