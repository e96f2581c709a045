import type { MikroORM } from '@mikro-orm/postgresql';
import { Appointment, NoShowRecord, Payment, Tenant } from '../../db/entities';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';
import { tenantEm } from './scope';

export interface ChargeNoShowFeeInput {
  tenantId: string;
  appointmentId: string;
  /** fixed: always amountsCents[0]; escalating: the n-th offence pays amountsCents[n-1], the last amount repeating. */
  mode: 'fixed' | 'escalating';
  amountsCents: number[];
  idempotencyKey: string;
}

/** The fee for the customer's n-th no-show (n from 1). */
export function noShowFeeCents(mode: 'fixed' | 'escalating', amountsCents: readonly number[], offenceNumber: number): number {
  if (amountsCents.length === 0) return 0;
  if (mode === 'fixed') return amountsCents[0] as number;
  const index = Math.min(Math.max(offenceNumber, 1), amountsCents.length) - 1;
  return amountsCents[index] as number;
}

/**
 * Records a no-show and the fee it costs: a NoShowRecord (one per appointment) and a pending
 * no_show_fee Payment. Earlier offences of the customer (waived ones excluded) set the amount.
 * A second call for the same appointment answers with what the first recorded.
 */
export function createChargeNoShowFeeActivity(deps: { orm: MikroORM }) {
  return async function chargeNoShowFee(input: ChargeNoShowFeeInput): Promise<ActionOutcome> {
    return tenantEm(deps.orm, input.tenantId).transactional(async (em) => {
      const appointment = await em.findOne(Appointment, { id: input.appointmentId });
      if (!appointment) throw actionFailure('AppointmentNotFound', `appointment ${input.appointmentId} not found`);
      // Serialises fees of one customer, so two no-shows at once still count 1 and 2.
      await em.execute('select pg_advisory_xact_lock(hashtext(?))', [`no-show:${appointment.customerId}`]);
      const existing = await em.findOne(NoShowRecord, { appointmentId: appointment.id });
      if (existing) return outcome(existing, true);
      const previous = await em.count(NoShowRecord, { customerId: appointment.customerId, waived: false });
      const offenceNumber = previous + 1;
      const feeCents = noShowFeeCents(input.mode, input.amountsCents, offenceNumber);
      const tenant = await em.findOneOrFail(Tenant, { id: input.tenantId });
      const record = em.create(NoShowRecord, {
        tenantId: input.tenantId,
        appointmentId: appointment.id,
        customerId: appointment.customerId,
        offenceNumber,
        feeCents,
      });
      if (feeCents > 0) {
        const payment = em.create(Payment, {
          tenantId: input.tenantId,
          customerId: appointment.customerId,
          appointmentId: appointment.id,
          kind: 'no_show_fee',
          status: 'pending',
          amountCents: feeCents,
          currency: tenant.currency,
          idempotencyKey: input.idempotencyKey,
        });
        record.paymentId = payment.id;
      }
      await em.flush();
      return outcome(record, false, tenant.currency);
    });
  };
}

function outcome(record: NoShowRecord, replayed: boolean, currency = ''): ActionOutcome {
  const amount = record.feeCents ?? 0;
  return {
    status: 'ok',
    detail: `offence ${record.offenceNumber}: ${amount > 0 ? `fee ${amount}${currency ? ` ${currency}` : ''} (minor units)` : 'no fee'}${replayed ? ' (already recorded)' : ''}`,
    output: { noShowRecordId: record.id, paymentId: record.paymentId ?? null, offenceNumber: record.offenceNumber, feeCents: amount },
  };
}
