import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, Service, Staff, WaitlistEntry, WaitlistOffer } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import { createInTenant } from '../tenant-scope';

export interface JoinWaitlistInput {
  customerId: string;
  serviceId: string;
  staffId?: string | null;
  fromDate: string;
  toDate: string;
  seats?: number;
  notes?: string | null;
}

/** Place in the queue for the service: 1 + the entries still waiting (or holding an offer) that joined earlier. */
export async function positionOf(em: EntityManager, entry: WaitlistEntry): Promise<number | null> {
  if (entry.status !== 'waiting' && entry.status !== 'offered') return null;
  const ahead = await em.count(WaitlistEntry, {
    serviceId: entry.serviceId,
    status: { $in: ['waiting', 'offered'] },
    $or: [{ createdAt: { $lt: entry.createdAt } }, { createdAt: entry.createdAt, id: { $lt: entry.id } }],
  });
  return ahead + 1;
}

export async function presentEntry(em: EntityManager, e: WaitlistEntry) {
  const offer = e.status === 'offered' ? await em.findOne(WaitlistOffer, { entryId: e.id, status: 'pending' }) : null;
  return {
    id: e.id,
    customerId: e.customerId,
    serviceId: e.serviceId,
    staffId: e.staffId ?? null,
    fromDate: e.fromDate,
    toDate: e.toDate,
    seats: e.seats,
    status: e.status,
    notes: e.notes ?? null,
    appointmentId: e.appointmentId ?? null,
    position: await positionOf(em, e),
    offer: offer ? { id: offer.id, startsAt: offer.startsAt.toISOString(), endsAt: offer.endsAt.toISOString(), staffId: offer.staffId ?? null, expiresAt: offer.expiresAt.toISOString() } : null,
    createdAt: e.createdAt.toISOString(),
  };
}

/** Joins the waitlist for a service (optionally one staff member) between two local dates. */
export async function joinWaitlist(scope: { em: EntityManager; tenantId: string }, input: JoinWaitlistInput) {
  const { em } = scope;
  const [customer, service, staff] = await Promise.all([
    em.findOne(Customer, { id: input.customerId }),
    em.findOne(Service, { id: input.serviceId }),
    input.staffId ? em.findOne(Staff, { id: input.staffId }) : Promise.resolve(null),
  ]);
  const details = [
    ...(!customer ? [{ path: 'customerId', message: `No customer with id ${input.customerId}` }] : []),
    ...(!service || !service.active ? [{ path: 'serviceId', message: `No service with id ${input.serviceId}` }] : []),
    ...(input.staffId && (!staff || !staff.active) ? [{ path: 'staffId', message: `No staff member with id ${input.staffId}` }] : []),
  ];
  if (details.length) throw new AppError('INVALID_REFERENCE', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  if (input.toDate < input.fromDate) throw new AppError('VALIDATION_FAILED', 'toDate must not be before fromDate', [{ path: 'toDate', message: 'must not be before fromDate' }]);
  if ((input.seats ?? 1) > (service as Service).capacity) throw new AppError('VALIDATION_FAILED', `${(service as Service).name} takes at most ${(service as Service).capacity} per booking`, [{ path: 'seats', message: 'more than the service takes' }]);
  const duplicate = await em.findOne(WaitlistEntry, { customerId: input.customerId, serviceId: input.serviceId, status: { $in: ['waiting', 'offered'] }, fromDate: { $lte: input.toDate }, toDate: { $gte: input.fromDate } });
  if (duplicate) throw new AppError('CONFLICT', 'This customer is already waiting for this service on those dates', [{ path: 'serviceId', message: `already on the waitlist (entry ${duplicate.id})` }]);
  const entry = createInTenant(scope, WaitlistEntry, {
    customerId: input.customerId,
    serviceId: input.serviceId,
    staffId: input.staffId ?? undefined,
    fromDate: input.fromDate,
    toDate: input.toDate,
    seats: input.seats ?? 1,
    notes: input.notes ?? undefined,
  });
  await em.flush();
  return presentEntry(em, entry);
}

export async function leaveWaitlist(em: EntityManager, id: string, customerId?: string) {
  const entry = await em.findOne(WaitlistEntry, { id, ...(customerId ? { customerId } : {}) });
  if (!entry) throw notFound('Waitlist entry', id);
  if (entry.status === 'waiting' || entry.status === 'offered') {
    entry.status = 'cancelled';
    await em.nativeUpdate(WaitlistOffer, { entryId: entry.id, status: 'pending' }, { status: 'withdrawn', respondedAt: new Date() });
    await em.flush();
  }
  return presentEntry(em, entry);
}

export async function listWaitlist(em: EntityManager, filter: { customerId?: string; serviceId?: string; status?: string }) {
  const rows = await em.find(
    WaitlistEntry,
    {
      ...(filter.customerId ? { customerId: filter.customerId } : {}),
      ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
      ...(filter.status ? { status: filter.status as WaitlistEntry['status'] } : { status: { $in: ['waiting', 'offered'] } }),
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 500 },
  );
  return Promise.all(rows.map((row) => presentEntry(em, row)));
}
