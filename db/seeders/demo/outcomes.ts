import { NoShowRecord } from '../../entities/no-show-record';
import { Payment } from '../../entities/payment';
import { ReputationEvent } from '../../entities/reputation-event';
import type { TenantPolicies } from '../../entities/tenant';
import type { DemoAppointment } from './appointments';
import type { DemoContext } from './context';

/** Reputation lost per no-show and per cancellation inside the cancel window. */
export const NO_SHOW_PENALTY = -20;
export const LATE_CANCEL_PENALTY = -5;

export interface DemoOutcomes {
  payments: Payment[];
  noShowRecords: NoShowRecord[];
  reputationEvents: ReputationEvent[];
}

/**
 * What the past bookings left behind, replayed in time order: service payments for completed
 * visits, escalating no-show fees (first offences sometimes waived), the reputation ledger,
 * and each customer's counters.
 */
export function buildOutcomes(ctx: DemoContext, past: DemoAppointment[], policies: TenantPolicies): DemoOutcomes {
  const { em, rng, tenantId } = ctx;
  const payments: Payment[] = [];
  const noShowRecords: NoShowRecord[] = [];
  const reputationEvents: ReputationEvent[] = [];
  const scores = new Map<string, number>();
  const ordered = [...past].sort((a, b) => a.entity.startsAt.getTime() - b.entity.startsAt.getTime());

  const adjustReputation = (booking: DemoAppointment, delta: number, reason: string, at: Date) => {
    const customer = booking.customer.entity;
    const scoreAfter = Math.max(0, Math.min(100, (scores.get(customer.id) ?? 100) + delta));
    scores.set(customer.id, scoreAfter);
    customer.reputationScore = scoreAfter;
    reputationEvents.push(
      em.create(
        ReputationEvent,
        {
          tenantId,
          customerId: customer.id,
          appointmentId: booking.entity.id,
          delta,
          scoreAfter,
          reason,
          idempotencyKey: `demo:${reason}:${booking.entity.id}`,
          createdAt: at,
          updatedAt: at,
        },
        { persist: false },
      ),
    );
  };

  for (const booking of ordered) {
    const appointment = booking.entity;
    const customer = booking.customer.entity;
    if (appointment.status === 'completed') {
      const paidAt = appointment.completedAt ?? appointment.endsAt;
      const method = rng.chance(0.78) ? 'card' : 'cash';
      payments.push(
        em.create(
          Payment,
          {
            tenantId,
            customerId: customer.id,
            appointmentId: appointment.id,
            kind: 'service',
            method,
            status: 'paid',
            amountCents: appointment.priceCents,
            currency: 'USD',
            providerRef: method === 'card' ? `demo_card_${appointment.id.slice(0, 8)}` : undefined,
            paidAt,
            createdAt: paidAt,
            updatedAt: paidAt,
          },
          { persist: false },
        ),
      );
      customer.visitCount += 1;
      customer.lastVisitAt = paidAt;
    } else if (appointment.status === 'no_show') {
      customer.noShowCount += 1;
      const offenceNumber = customer.noShowCount;
      const recordedAt = new Date(appointment.startsAt.getTime() + policies.noShowGraceMinutes * 60_000);
      const waived = offenceNumber === 1 && rng.chance(0.5);
      const fees = policies.noShowFeesCents;
      const feeCents = fees.length > 0 ? fees[Math.min(offenceNumber, fees.length) - 1] : undefined;
      let paymentId: string | undefined;
      if (!waived && feeCents !== undefined) {
        const paid = rng.chance(0.8);
        const payment = em.create(
          Payment,
          {
            tenantId,
            customerId: customer.id,
            appointmentId: appointment.id,
            kind: 'no_show_fee',
            method: 'card',
            status: paid ? 'paid' : 'failed',
            amountCents: feeCents,
            currency: 'USD',
            paidAt: paid ? recordedAt : undefined,
            idempotencyKey: `no-show-fee:${appointment.id}`,
            createdAt: recordedAt,
            updatedAt: recordedAt,
          },
          { persist: false },
        );
        payments.push(payment);
        paymentId = payment.id;
      }
      noShowRecords.push(
        em.create(
          NoShowRecord,
          {
            tenantId,
            appointmentId: appointment.id,
            customerId: customer.id,
            offenceNumber,
            feeCents: waived ? undefined : feeCents,
            paymentId,
            waived,
            createdAt: recordedAt,
            updatedAt: recordedAt,
          },
          { persist: false },
        ),
      );
      adjustReputation(booking, NO_SHOW_PENALTY, 'no_show', recordedAt);
    } else if (appointment.status === 'cancelled' && appointment.cancelledAt) {
      const noticeHours = (appointment.startsAt.getTime() - appointment.cancelledAt.getTime()) / 3_600_000;
      if (noticeHours < policies.cancelWindowHours) {
        customer.lateCancelCount += 1;
        adjustReputation(booking, LATE_CANCEL_PENALTY, 'late_cancel', appointment.cancelledAt);
      }
    }
  }
  return { payments, noShowRecords, reputationEvents };
}
