import { LockMode } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import { Appointment, type AppointmentStatus, AuditLog, Customer } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import type { AppointmentBody } from '../../routes/appointments.schema';
import { queueAppointmentSignal, signalAppointmentWorkflow } from '../appointment-workflow';
import { presentAppointment } from '../present-appointment';
import { createInTenant } from '../tenant-scope';
import type { DomainContext } from './domain-context';
import { assertTransition, EVENT_FOR_STATUS } from './status-machine';

export type TargetStatus = Exclude<AppointmentStatus, 'pending'>;

export interface StatusChangeOptions {
  ctx: DomainContext;
  temporal: Client;
  taskQueue: string;
  id: string;
  to: TargetStatus;
  reason?: string;
  /** A check that needs the locked row (e.g. the cancel window for customers); throws to refuse. */
  guard?(appointment: Appointment, now: Date, tx: DomainContext['em']): void | Promise<void>;
  /** More writes in the same transaction once the status changed (returned credits, audit rows). */
  afterChange?(tx: DomainContext['em'], appointment: Appointment, from: AppointmentStatus, now: Date): Promise<void>;
}

export interface StatusChangeResult {
  appointment: AppointmentBody;
  /** False when the appointment already had the status: nothing was written or signalled. */
  changed: boolean;
}

/** What a status brings with it on the row and the customer's counters. */
async function applyStatus(tx: DomainContext['em'], appointment: Appointment, to: TargetStatus, now: Date, reason?: string): Promise<void> {
  appointment.status = to;
  appointment.sequence += 1;
  if (to === 'checked_in') appointment.arrivedAt ??= now;
  if (to === 'completed') appointment.completedAt = now;
  if (to === 'cancelled') {
    appointment.cancelledAt = now;
    appointment.cancelReason = reason;
  }
  if (to === 'completed' || to === 'no_show') {
    const customer = await tx.findOne(Customer, { id: appointment.customerId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (customer && to === 'completed') {
      customer.visitCount += 1;
      customer.lastVisitAt = now;
    }
    if (customer && to === 'no_show') customer.noShowCount += 1;
  }
}

/**
 * Moves an appointment along its lifecycle (confirm, check in, complete, no-show, cancel) under a
 * row lock, audit-logs it, and after the commit signals its entity workflow with the matching
 * event. Asking for the status it already has changes nothing; an illegal move is refused with
 * INVALID_TRANSITION naming both statuses.
 */
export async function changeAppointmentStatus(options: StatusChangeOptions): Promise<StatusChangeResult> {
  const { ctx, id, to } = options;
  const now = new Date();
  const type = EVENT_FOR_STATUS[to];
  if (!type) throw new AppError('INTERNAL', `no event for status ${to}`);
  const outcome = await ctx.em.transactional(async (tx) => {
    const appointment = await tx.findOne(Appointment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!appointment) throw notFound('Appointment', id);
    const from = appointment.status;
    if (from === to) return { appointment, changed: false, signal: undefined };
    assertTransition(from, to);
    await options.guard?.(appointment, now, tx);
    await applyStatus(tx, appointment, to, now, options.reason);
    await options.afterChange?.(tx, appointment, from, now);
    createInTenant({ em: tx, tenantId: ctx.tenantId }, AuditLog, {
      userId: ctx.user?.id,
      action: `appointment.${to}`,
      entityType: 'appointment',
      entityId: appointment.id,
      reason: options.reason ?? ctx.actor,
      changes: { status: [from, to], ...(ctx.actor ? { actor: ctx.actor } : {}) },
      requestId: ctx.requestId,
    });
    const target = { tenantId: ctx.tenantId, appointmentId: appointment.id, workflowId: appointment.workflowId };
    const signal = queueAppointmentSignal(tx, target, { type, at: now.toISOString(), data: { status: to, ...(options.reason ? { reason: options.reason } : {}) } });
    return { appointment, changed: true, signal };
  });

  const { appointment } = outcome;
  if (outcome.signal) {
    ctx.logger.info({ appointmentId: id, workflowId: appointment.workflowId, status: to }, `appointment ${to}`);
    await signalAppointmentWorkflow({ em: ctx.em, temporal: options.temporal, taskQueue: options.taskQueue, signal: outcome.signal, logger: ctx.logger });
  }
  return { appointment: presentAppointment(appointment), changed: outcome.changed };
}
