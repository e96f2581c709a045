import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Appointment, type AppointmentSource, AuditLog, Payment } from '../../../db/entities';
import { appointmentWorkflowId } from '../../../workflows/appointment-contract';
import { AppError } from '../../errors';
import type { AppointmentBody } from '../../routes/appointments.schema';
import type { DomainContext } from '../appointments/domain-context';
import { type QueuedSignal, queueAppointmentSignal, signalAppointmentWorkflow } from '../appointment-workflow';
import { claimIdempotencyKey, type IdempotentRequest, isIdempotencyKeyConflict, storedResponse, type StoredResponse } from '../idempotency';
import { presentAppointment } from '../present-appointment';
import { slotTakenError } from '../slot-taken';
import { createInTenant } from '../tenant-scope';
import { customerLockKey, lockBookingKeys, staffLockKey } from './booking-locks';
import { type BookingActor, type BookingInput, isOwnerOrAdmin, type PolicyBypass } from './booking-types';
import { checkActiveBookings, checkReputation, checkVaccinations, resolvePet } from './customer-rules';
import { loadBookingRefs, seatsOf } from './load-booking-refs';
import { priceBooking } from './price-booking';
import { type ResolvedSlot, resolveSlot, SlotRefused } from './resolve-slot';
import { slotRefusedError } from './slot-refused-error';

export interface BookAppointmentResult extends StoredResponse {
  replayed: boolean;
  appointment?: AppointmentBody;
  /** With `deferSignal`: starts the workflow; call it once the caller's own transaction has committed. */
  signal?: () => Promise<void>;
}

export interface BookAppointmentOptions {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  actor: BookingActor;
  input: BookingInput;
  idempotency?: IdempotentRequest;
  now?: Date;
  /** The caller runs the booking inside its own transaction and starts the workflow after committing it. */
  deferSignal?: boolean;
  /** Runs inside the booking transaction once the row is written (a waitlist offer marks itself accepted). */
  inTransaction?(tx: DomainContext['em'], appointment: Appointment): Promise<void>;
}

function sourceOf(actor: BookingActor, input: BookingInput): AppointmentSource {
  if (actor.kind === 'customer') return actor.via;
  return input.source ?? 'admin';
}

/**
 * The one way a booking is made, from the admin side, the public page, the portal or a waitlist
 * offer: customer rules (reputation, vaccinations, the active-bookings limit), the slot (engine for
 * customers, the front-desk check for staff, round robin when no staff member is named), the price
 * (group tiers, member pricing, package credits), the row (the exclusion constraint is the last
 * word), a deposit when the service asks for one, audit rows for every override, and after the
 * commit the appointment's workflow. A slot lost to a concurrent booking is a 409 naming the next
 * free slots.
 */
export async function bookAppointment(options: BookAppointmentOptions): Promise<BookAppointmentResult> {
  const { ctx, actor, input, idempotency } = options;
  const now = options.now ?? new Date();
  const override = Boolean(input.override);
  if (override && !isOwnerOrAdmin(actor)) throw new AppError('FORBIDDEN', 'Only an owner or admin can override booking rules');
  if (input.overrideVaccination && actor.kind !== 'staff') throw new AppError('FORBIDDEN', 'Only staff can book past a vaccination check');
  if (idempotency) {
    const previous = await storedResponse(ctx.em, idempotency);
    if (previous) return { ...previous, replayed: true };
  }

  const refs = await loadBookingRefs(ctx.em, ctx.tenantId, input);
  const { tenant, service, customer } = refs;
  const seats = seatsOf(service, input);
  const start = new Date(input.startsAt);
  const pet = await resolvePet(ctx.em, service, customer.id, input.petId);
  const bypassed: PolicyBypass[] = [
    ...(await checkReputation(ctx.em, tenant, customer, actor, override, now)),
    ...(await checkVaccinations({ em: ctx.em, tenant, service, pet, startsAt: start, actor, override: override || Boolean(input.overrideVaccination) })),
  ];
  const slotOptions = { tenant, service, actor, customerId: customer.id, start, seats, override, now };

  let slot: ResolvedSlot;
  try {
    slot = await resolveSlot({ ...slotOptions, override: false, em: ctx.em, staffId: input.staffId ?? null });
  } catch (error) {
    if (!(error instanceof SlotRefused)) throw error;
    if (!override) throw await slotRefusedError(ctx, error, { ...slotOptions, requestedStaffId: input.staffId ?? null });
    // The override books it anyway (the exclusion constraint still has the last word).
    bypassed.push({ policy: 'availability', facts: { startsAt: start.toISOString(), refusedBecause: error.reason } });
    slot = await resolveSlot({ ...slotOptions, em: ctx.em, staffId: input.staffId ?? null });
  }

  const id = randomUUID();
  const workflowId = appointmentWorkflowId(ctx.tenantId, id);
  let result: StoredResponse;
  let appointment: Appointment;
  let queued: QueuedSignal;
  try {
    ({ result, appointment, queued } = await ctx.em.transactional(async (tx) => {
      const key = idempotency ? await claimIdempotencyKey(tx, ctx, idempotency) : undefined;
      const team = [slot.staffId, ...slot.teamStaffIds].filter((s): s is string => Boolean(s));
      await lockBookingKeys(tx, [customerLockKey(ctx.tenantId, customer.id), ...team.map((s) => staffLockKey(ctx.tenantId, s))]);
      // Checked again under the staff lock: buffers and seats are beyond the exclusion constraint.
      if (slot.staffId && !override) {
        const rechecked = await resolveSlot({ ...slotOptions, em: tx, staffId: slot.staffId, reuse: { loaded: slot.loaded, staffIds: team } });
        if (rechecked.teamStaffIds.some((s) => !team.includes(s))) throw new SlotRefused('taken', slot.staffId, 'The team changed meanwhile');
        slot = rechecked;
      }
      bypassed.push(...(await checkActiveBookings(tx, tenant, customer.id, now, override && isOwnerOrAdmin(actor), slot.sessionKey)));
      const price = await priceBooking({ tx, service, customerId: customer.id, seats, now, ...(input.packagePurchaseId ? { packagePurchaseId: input.packagePurchaseId } : {}), ...(input.usePackage !== undefined ? { usePackage: input.usePackage } : {}) });
      const scope = { em: tx, tenantId: ctx.tenantId };
      const row = createInTenant(scope, Appointment, {
        id,
        serviceId: service.id,
        staffId: slot.staffId ?? undefined,
        teamStaffIds: slot.teamStaffIds,
        customerId: customer.id,
        petId: pet?.id,
        locationId: service.locationId,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        seats,
        sessionKey: slot.sessionKey,
        participants: input.participants ?? [],
        priceCents: price.priceCents,
        listPriceCents: price.listPriceCents,
        packagePurchaseId: price.packagePurchaseId,
        creditsUsed: price.creditsUsed,
        membershipId: price.membershipId,
        notes: input.notes ?? undefined,
        source: sourceOf(actor, input),
        overridden: override || bypassed.length > 0,
        createdByUserId: actor.kind === 'staff' ? actor.user.id : undefined,
        workflowId,
      });
      const deposit = service.depositCents ?? 0;
      if (deposit > 0 && price.priceCents > 0) {
        createInTenant(scope, Payment, {
          customerId: customer.id,
          appointmentId: id,
          kind: 'deposit',
          amountCents: Math.min(deposit, price.priceCents),
          currency: tenant.currency,
          status: 'pending',
          dueAt: new Date(Math.min(slot.startsAt.getTime(), now.getTime() + 24 * 3600_000)),
          note: `Deposit for ${service.name}`,
        });
      }
      if (override || bypassed.length > 0) {
        createInTenant(scope, AuditLog, {
          userId: actor.kind === 'staff' ? actor.user.id : undefined,
          action: 'appointment.override',
          entityType: 'appointment',
          entityId: id,
          reason: input.overrideReason ?? input.notes ?? undefined,
          changes: {
            startsAt: slot.startsAt.toISOString(),
            endsAt: slot.endsAt.toISOString(),
            staffId: slot.staffId,
            policiesBypassed: bypassed.map((b) => b.policy),
            ...Object.assign({}, ...bypassed.map((b) => b.facts)),
          },
          requestId: ctx.requestId,
        });
      }
      await tx.flush();
      await options.inTransaction?.(tx, row);
      const bookedEvent = { type: 'appointment.booked' as const, at: new Date().toISOString(), data: { startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString() } };
      const signal = queueAppointmentSignal(tx, { tenantId: ctx.tenantId, appointmentId: id, workflowId }, bookedEvent);
      const stored: StoredResponse = { status: 201, body: presentAppointment(row) };
      if (key) {
        key.responseStatus = stored.status;
        key.responseBody = stored.body;
      }
      return { result: stored, appointment: row, queued: signal };
    }));
  } catch (error) {
    if (idempotency && isIdempotencyKeyConflict(error)) {
      const previous = await storedResponse(ctx.em, idempotency);
      if (previous) return { ...previous, replayed: true };
    }
    if (error instanceof SlotRefused) throw await slotRefusedError(ctx, error, { ...slotOptions, requestedStaffId: slot.staffId });
    if ((error as { code?: string }).code === '23P01') {
      throw await slotTakenError(ctx, { staffId: slot.staffId ?? '', startsAt: slot.startsAt, endsAt: slot.endsAt, service, tenant, seats });
    }
    throw error;
  }

  ctx.logger.info({ appointmentId: id, workflowId, staffId: slot.staffId, source: appointment.source, overridden: appointment.overridden }, 'appointment booked');
  const signal = async () => {
    await signalAppointmentWorkflow({ em: ctx.em, temporal: options.temporal, taskQueue: options.taskQueue, signal: queued, logger: ctx.logger });
  };
  if (options.deferSignal) return { ...result, replayed: false, appointment: result.body as AppointmentBody, signal };
  await signal();
  return { ...result, replayed: false, appointment: result.body as AppointmentBody };
}
