import type { Client } from '@temporalio/client';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Tenant } from '../../../db/entities';
import type { Logger } from '../../../runtime/logger';
import type { PublicBookingInput } from '../../routes/public.schema';
import { bookAppointment } from '../booking/book-appointment';
import { lockBookingKeys } from '../booking/booking-locks';
import type { IdempotentRequest } from '../idempotency';
import { matchOrCreateCustomer, matchOrCreatePet } from './match-customer';
import { recordFunnelEvent } from './record-funnel-event';

/**
 * A booking from the public page: the customer is matched by email (else phone) or created, the
 * pet likewise, and the slot must be one the engine offers (source `online`). The funnel's
 * `booked` step is recorded for the page's session.
 */
export async function bookOnline(options: {
  em: EntityManager;
  tenant: Tenant;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  requestId: string;
  input: PublicBookingInput;
  idempotency?: IdempotentRequest;
}) {
  const { em, tenant, input } = options;
  const contact = (input.customer.email?.trim().toLowerCase() || input.customer.phone?.trim()) ?? '';
  // The customer (and pet) are written in the booking's transaction: a refused booking leaves no row behind.
  const outcome = await em.transactional(async (tx) => {
    await lockBookingKeys(tx, [`${tenant.id}:contact:${contact}`]);
    const { customer, created } = await matchOrCreateCustomer(tx, tenant.id, input.customer);
    const pet = input.pet ? await matchOrCreatePet(tx, tenant.id, customer.id, input.pet) : undefined;
    await tx.flush();
    const ctx = { em: tx, tenantId: tenant.id, requestId: options.requestId, logger: options.logger, actor: 'customer via booking page' };
    const booking = await bookAppointment({
      ctx,
      temporal: options.temporal,
      taskQueue: options.taskQueue,
      actor: { kind: 'customer', customerId: customer.id, via: 'online' },
      input: {
        serviceId: input.serviceId,
        staffId: input.staffId ?? null,
        customerId: customer.id,
        startsAt: input.startsAt,
        ...(pet ? { petId: pet.id } : {}),
        ...(input.seats ? { seats: input.seats } : {}),
        ...(input.participants ? { participants: input.participants } : {}),
        notes: input.notes ?? null,
      },
      ...(options.idempotency ? { idempotency: options.idempotency } : {}),
      deferSignal: true,
    });
    return { booking, customer, created };
  });
  await outcome.booking.signal?.();
  const { booking: result, customer, created } = outcome;
  const appointment = result.body as { id: string; staffId: string | null; serviceId: string };
  if (input.sessionId && result.status === 201) {
    await recordFunnelEvent(em, tenant.id, { sessionId: input.sessionId, step: 'booked', serviceId: appointment.serviceId, staffId: appointment.staffId, appointmentId: appointment.id });
  }
  return { status: result.status, replayed: result.replayed, body: { appointment: result.body, customer: { id: customer.id, created } } };
}
