import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, Customer, Payment } from '../../../db/entities';
import { notFound } from '../../errors';
import { refundedCents } from './present-payment';

export interface BalanceLine {
  kind: 'visit' | 'charge';
  appointmentId?: string;
  paymentId?: string;
  description: string;
  dueCents: number;
  paidCents: number;
  outstandingCents: number;
}

/**
 * What a customer owes: completed (or checked-in) visits not yet paid in full, net of service
 * payments and deposits on them, plus every outstanding charge (unpaid deposits on upcoming
 * visits, fees, package and membership invoices). Visits paid with package credits owe nothing.
 */
export async function customerBalance(em: EntityManager, customerId: string) {
  const customer = await em.findOne(Customer, { id: customerId });
  if (!customer) throw notFound('Customer', customerId);
  const [visits, payments] = await Promise.all([
    em.find(Appointment, { customerId, status: { $in: ['completed', 'checked_in'] }, priceCents: { $gt: 0 } }, { orderBy: { startsAt: 'asc' } }),
    em.find(Payment, { customerId }),
  ]);
  const net = (p: Payment) => (p.status === 'paid' || p.status === 'partially_refunded' ? p.amountCents - refundedCents(p) : 0);
  const lines: BalanceLine[] = [];
  for (const visit of visits) {
    const paid = payments.filter((p) => p.appointmentId === visit.id && (p.kind === 'service' || p.kind === 'deposit')).reduce((s, p) => s + net(p), 0);
    const outstanding = Math.max(0, visit.priceCents - paid);
    if (outstanding > 0) lines.push({ kind: 'visit', appointmentId: visit.id, description: `Visit on ${visit.startsAt.toISOString().slice(0, 10)}`, dueCents: visit.priceCents, paidCents: paid, outstandingCents: outstanding });
  }
  const settledVisits = new Set(visits.map((v) => v.id));
  for (const charge of payments.filter((p) => p.status === 'pending' || p.status === 'failed')) {
    // A visit line above already counts what its unpaid deposit covers.
    if (charge.kind === 'deposit' && charge.appointmentId && settledVisits.has(charge.appointmentId)) continue;
    lines.push({ kind: 'charge', paymentId: charge.id, ...(charge.appointmentId ? { appointmentId: charge.appointmentId } : {}), description: charge.note ?? charge.kind.replace('_', ' '), dueCents: charge.amountCents, paidCents: 0, outstandingCents: charge.amountCents });
  }
  const credit = payments.filter((p) => p.kind === 'deposit' && !settledVisits.has(p.appointmentId ?? '')).reduce((s, p) => s + net(p), 0);
  return {
    customerId,
    outstandingCents: lines.reduce((s, l) => s + l.outstandingCents, 0),
    depositsHeldCents: credit,
    lines,
  };
}
