import type { Payment } from '../../../db/entities';

export const refundedCents = (p: Pick<Payment, 'refunds'>) => p.refunds.reduce((sum, r) => sum + r.amountCents, 0);

export function presentPayment(p: Payment) {
  return {
    id: p.id,
    customerId: p.customerId,
    appointmentId: p.appointmentId ?? null,
    packagePurchaseId: p.packagePurchaseId ?? null,
    membershipId: p.membershipId ?? null,
    kind: p.kind,
    method: p.method,
    provider: p.provider,
    status: p.status,
    amountCents: p.amountCents,
    refundedCents: refundedCents(p),
    currency: p.currency,
    refunds: p.refunds,
    receiptNumber: p.receiptNumber ?? null,
    note: p.note ?? null,
    dueAt: p.dueAt?.toISOString() ?? null,
    paidAt: p.paidAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

export type PaymentBody = ReturnType<typeof presentPayment>;

/** R-20260314-4F7K2A: the date it was paid and a piece of its id, unique and readable over the phone. */
export function receiptNumberFor(id: string, paidAt: Date): string {
  return `R-${paidAt.toISOString().slice(0, 10).replace(/-/g, '')}-${id.replace(/-/g, '').slice(0, 6).toUpperCase()}`;
}
