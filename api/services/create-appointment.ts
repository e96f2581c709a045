import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { Appointment, AuditLog, Customer, Pet, Service, Staff, Tenant } from '../../db/entities';
import { appointmentWorkflowId } from '../../workflows/appointment-contract';
import type { RequestContext } from '../context';
import { AppError, type ErrorDetail } from '../errors';
import type { CreateAppointmentInput } from '../routes/appointments.schema';
import { signalAppointmentWorkflow } from './appointment-workflow';
import {
  claimIdempotencyKey,
  type IdempotentRequest,
  isIdempotencyKeyConflict,
  storedResponse,
  type StoredResponse,
} from './idempotency';
import { presentAppointment } from './present-appointment';
import { slotTakenError } from './slot-taken';
import { createInTenant } from './tenant-scope';

export interface CreateAppointmentResult extends StoredResponse {
  /** True when an earlier answer to the same Idempotency-Key was replayed. */
  replayed: boolean;
}

/**
 * Books an appointment (minimal: no availability rules yet). The database refuses
 * overlaps for a staff member; the entity workflow is started once the row is committed.
 */
export async function createAppointment(options: {
  ctx: RequestContext;
  temporal: Client;
  taskQueue: string;
  input: CreateAppointmentInput;
  idempotency?: IdempotentRequest;
}): Promise<CreateAppointmentResult> {
  const { ctx, input, idempotency } = options;
  if (input.override && ctx.user.role === 'staff') {
    throw new AppError('FORBIDDEN', 'Only an owner or admin can override booking rules');
  }
  if (idempotency) {
    const previous = await storedResponse(ctx.em, idempotency);
    if (previous) return { ...previous, replayed: true };
  }

  const { service, customer } = await loadReferences(ctx, input);
  const bypassed = await bookingPolicyBypasses(ctx, customer, Boolean(input.override));
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
  const id = randomUUID();
  const workflowId = appointmentWorkflowId(ctx.tenantId, id);

  let result: StoredResponse;
  try {
    result = await ctx.em.transactional(async (tx) => {
      const key = idempotency ? await claimIdempotencyKey(tx, ctx, idempotency) : undefined;
      const scope = { em: tx, tenantId: ctx.tenantId };
      const appointment = createInTenant(scope, Appointment, {
        id,
        serviceId: service.id,
        staffId: input.staffId ?? undefined,
        customerId: input.customerId,
        petId: input.petId ?? undefined,
        locationId: service.locationId,
        startsAt,
        endsAt,
        priceCents: service.priceCents,
        notes: input.notes ?? undefined,
        source: input.source ?? 'admin',
        overridden: input.override ?? false,
        createdByUserId: ctx.user.id,
        workflowId,
      });
      if (input.override) {
        createInTenant(scope, AuditLog, {
          userId: ctx.user.id,
          action: 'appointment.override',
          entityType: 'appointment',
          entityId: id,
          reason: input.notes ?? undefined,
          changes: {
            startsAt: startsAt.toISOString(),
            endsAt: endsAt.toISOString(),
            staffId: input.staffId ?? null,
            policiesBypassed: bypassed.map((b) => b.policy),
            ...Object.assign({}, ...bypassed.map((b) => b.facts)),
          },
          requestId: ctx.requestId,
        });
      }
      await tx.flush();
      const stored: StoredResponse = { status: 201, body: presentAppointment(appointment) };
      if (key) {
        key.responseStatus = stored.status;
        key.responseBody = stored.body;
      }
      return stored;
    });
  } catch (error) {
    if (idempotency && isIdempotencyKeyConflict(error)) {
      // A concurrent request with the same key committed first: answer as it did.
      const previous = await storedResponse(ctx.em.fork(), idempotency);
      if (previous) return { ...previous, replayed: true };
    }
    if ((error as { code?: string }).code === '23P01') {
      throw await slotTakenError(ctx, { staffId: input.staffId ?? '', startsAt, endsAt });
    }
    throw error;
  }

  ctx.logger.info({ appointmentId: id, workflowId, overridden: Boolean(input.override) }, 'appointment booked');
  await signalAppointmentWorkflow({
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    target: { tenantId: ctx.tenantId, appointmentId: id, workflowId },
    event: { type: 'appointment.booked', at: new Date().toISOString(), data: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } },
    logger: ctx.logger,
  });
  return { ...result, replayed: false };
}

interface PolicyBypass {
  policy: string;
  facts: Record<string, unknown>;
}

/**
 * Booking rules about the customer. Below the business's reputation threshold (after no-shows and
 * late cancellations) a booking is refused with REPUTATION_TOO_LOW; an owner or admin may book
 * anyway with `override: true`, and what was bypassed goes into the override's audit row.
 */
async function bookingPolicyBypasses(ctx: RequestContext, customer: Customer, override: boolean): Promise<PolicyBypass[]> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const threshold = tenant.policies.reputationThreshold ?? 30;
  if (customer.reputationScore >= threshold) return [];
  if (!override) {
    throw new AppError(
      'REPUTATION_TOO_LOW',
      `${customer.name}'s reputation score is ${customer.reputationScore}, below this business's booking threshold of ${threshold} ` +
        `(${customer.noShowCount} no-show${customer.noShowCount === 1 ? '' : 's'} on record). An owner or admin can book anyway with override: true.`,
      [{ path: 'customerId', message: `reputation ${customer.reputationScore} is below the threshold ${threshold}`, code: 'REPUTATION_TOO_LOW' }],
    );
  }
  return [{ policy: 'reputationThreshold', facts: { reputationScore: customer.reputationScore, reputationThreshold: threshold } }];
}

async function loadReferences(ctx: RequestContext, input: CreateAppointmentInput): Promise<{ service: Service; customer: Customer }> {
  const [service, staff, customer, pet] = await Promise.all([
    ctx.em.findOne(Service, { id: input.serviceId }),
    input.staffId ? ctx.em.findOne(Staff, { id: input.staffId }) : Promise.resolve(undefined),
    ctx.em.findOne(Customer, { id: input.customerId }),
    input.petId ? ctx.em.findOne(Pet, { id: input.petId }) : Promise.resolve(undefined),
  ]);
  const details: ErrorDetail[] = [];
  if (!service) details.push({ path: 'serviceId', message: `No service with id ${input.serviceId}` });
  else if (!service.active) details.push({ path: 'serviceId', message: `The service "${service.name}" is no longer offered` });
  if (input.staffId && !staff) details.push({ path: 'staffId', message: `No staff member with id ${input.staffId}` });
  else if (staff && !staff.active) details.push({ path: 'staffId', message: `${staff.name} is no longer active` });
  if (!customer) details.push({ path: 'customerId', message: `No customer with id ${input.customerId}` });
  if (input.petId && (!pet || pet.customerId !== input.customerId)) {
    details.push({ path: 'petId', message: `No pet with id ${input.petId} belongs to this customer` });
  }
  if (details.length > 0 || !service || !customer) {
    throw new AppError('INVALID_REFERENCE', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
  return { service, customer };
}
