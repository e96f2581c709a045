import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import { Tenant, WaitlistEntry } from '../../../db/entities';
import { type FreedSlot, type WaitlistOfferInput, waitlistOfferWorkflowId, waitlistOfferWorkflowType } from '../../../workflows/waitlist-contract';
import type { DomainContext } from '../appointments/domain-context';

/**
 * After a cancellation (or a move) committed: when someone waits for that service on that date,
 * starts the durable offer chain `waitlist:<tenant>:<appointment>`. Best effort like every
 * signal: a Temporal failure is logged with the ids, never turned into a failed request.
 */
export async function offerFreedSlot(options: {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  appointmentId: string;
  slot: { startsAt: Date; endsAt: Date; staffId?: string | null; serviceId: string; seats: number };
  reason: 'cancelled' | 'rescheduled';
}): Promise<string | undefined> {
  const { ctx, slot } = options;
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const day = DateTime.fromJSDate(slot.startsAt, { zone: tenant.timezone }).toISODate() as string;
  const waiting = await ctx.em.count(WaitlistEntry, {
    serviceId: slot.serviceId,
    status: 'waiting',
    fromDate: { $lte: day },
    toDate: { $gte: day },
    ...(slot.staffId ? { $or: [{ staffId: null }, { staffId: slot.staffId }] } : {}),
  });
  if (waiting === 0) return undefined;

  const freed: FreedSlot = { serviceId: slot.serviceId, staffId: slot.staffId ?? null, startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), seats: slot.seats };
  const workflowId = waitlistOfferWorkflowId(ctx.tenantId, options.appointmentId) + (options.reason === 'rescheduled' ? `:${freed.startsAt}` : '');
  const input: WaitlistOfferInput = { tenantId: ctx.tenantId, freedAppointmentId: options.appointmentId, slot: freed };
  try {
    await options.temporal.workflow.start(waitlistOfferWorkflowType, { workflowId, taskQueue: options.taskQueue, args: [input] });
    ctx.logger.info({ workflowId, waiting, reason: options.reason }, 'waitlist offers started for a freed slot');
    return workflowId;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return workflowId;
    ctx.logger.error({ err: error, workflowId }, 'could not start the waitlist offers; the slot stays bookable online');
    return undefined;
  }
}
