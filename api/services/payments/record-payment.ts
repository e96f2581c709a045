import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, AuditLog, Customer, Payment, type PaymentKind, type PaymentMethod, Tenant } from '../../../db/entities';
import { AppError, notFound } from '../../errors';
import { createInTenant } from '../tenant-scope';
import type { PaymentProviders } from './payment-provider';
import { presentPayment, receiptNumberFor, refundedCents } from './present-payment';

export interface PaymentScope {
  em: EntityManager;
  tenantId: string;
  userId?: string;
  requestId?: string;
}

/**
 * Takes a payment through a provider (manual/cash built in) and records it: a service payment, a
 * deposit, a fee, a package or a membership. Paid payments get a receipt number.
 */
export async function recordPayment(
  scope: PaymentScope,
  providers: PaymentProviders,
  input: { customerId: string; appointmentId?: string | null; kind: PaymentKind; amountCents: number; method: PaymentMethod; provider?: string; note?: string | null; idempotencyKey?: string },
) {
  const { em } = scope;
  const [tenant, customer, appointment] = await Promise.all([
    em.findOneOrFail(Tenant, { id: scope.tenantId }),
    em.findOne(Customer, { id: input.customerId }),
    input.appointmentId ? em.findOne(Appointment, { id: input.appointmentId }) : Promise.resolve(null),
  ]);
  if (!customer) throw new AppError('INVALID_REFERENCE', `customerId: No customer with id ${input.customerId}`, [{ path: 'customerId', message: 'not found' }]);
  if (input.appointmentId && (!appointment || appointment.customerId !== customer.id)) {
    throw new AppError('INVALID_REFERENCE', 'appointmentId: not an appointment of this customer', [{ path: 'appointmentId', message: 'not an appointment of this customer' }]);
  }
  const provider = providers.get(input.provider);
  if (!provider.methods.includes(input.method)) throw new AppError('VALIDATION_FAILED', `${provider.name} does not take ${input.method}`, [{ path: 'method', message: `not supported by ${provider.name}` }]);
  if (input.idempotencyKey) {
    const existing = await em.findOne(Payment, { idempotencyKey: input.idempotencyKey });
    if (existing) return presentPayment(existing);
  }
  const payment = createInTenant(scope, Payment, {
    customerId: customer.id,
    appointmentId: appointment?.id,
    kind: input.kind,
    method: input.method,
    provider: provider.name,
    amountCents: input.amountCents,
    currency: tenant.currency,
    note: input.note ?? undefined,
    recordedByUserId: scope.userId,
    idempotencyKey: input.idempotencyKey,
  });
  const result = await provider.charge({ amountCents: input.amountCents, currency: tenant.currency, method: input.method, description: input.note ?? input.kind, idempotencyKey: input.idempotencyKey ?? payment.id, mode: 'collect' });
  payment.status = result.status;
  payment.providerRef = result.providerRef;
  if (result.status === 'paid') {
    payment.paidAt = new Date();
    payment.receiptNumber = receiptNumberFor(payment.id, payment.paidAt);
  }
  await em.flush();
  return presentPayment(payment);
}

/** Settles an outstanding charge (a deposit, an invoice, a membership period): it becomes paid. */
export async function settlePayment(scope: PaymentScope, providers: PaymentProviders, id: string, input: { method: PaymentMethod; provider?: string }) {
  return scope.em.transactional(async (tx) => {
    const payment = await tx.findOne(Payment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!payment) throw notFound('Payment', id);
    if (payment.status !== 'pending' && payment.status !== 'failed') throw new AppError('INVALID_STATE', `This payment is ${payment.status}; only an outstanding one can be settled`);
    const provider = providers.get(input.provider);
    const result = await provider.charge({ amountCents: payment.amountCents, currency: payment.currency, method: input.method, description: payment.note ?? payment.kind, idempotencyKey: `settle:${payment.id}`, mode: 'collect' });
    payment.status = result.status;
    payment.method = input.method;
    payment.provider = provider.name;
    payment.providerRef = result.providerRef;
    if (result.status === 'paid') {
      payment.paidAt = new Date();
      payment.receiptNumber = receiptNumberFor(payment.id, payment.paidAt);
      payment.recordedByUserId = scope.userId;
    }
    return presentPayment(payment);
  });
}

/** Gives money back, in full or in part (never more than was paid and not yet refunded); audit-logged. */
export async function refundPayment(scope: PaymentScope, providers: PaymentProviders, id: string, input: { amountCents?: number; reason?: string }) {
  return scope.em.transactional(async (tx) => {
    const payment = await tx.findOne(Payment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!payment) throw notFound('Payment', id);
    if (payment.status !== 'paid' && payment.status !== 'partially_refunded') throw new AppError('INVALID_STATE', `This payment is ${payment.status}; only a paid one can be refunded`);
    const left = payment.amountCents - refundedCents(payment);
    const amount = input.amountCents ?? left;
    if (amount <= 0 || amount > left) throw new AppError('VALIDATION_FAILED', `At most ${left} can be refunded`, [{ path: 'amountCents', message: `must be between 1 and ${left}` }]);
    const provider = providers.get(payment.provider);
    const result = await provider.refund({ providerRef: payment.providerRef, amountCents: amount, currency: payment.currency, reason: input.reason, idempotencyKey: `refund:${payment.id}:${payment.refunds.length + 1}` });
    payment.refunds = [...payment.refunds, { amountCents: amount, at: new Date().toISOString(), ...(input.reason ? { reason: input.reason } : {}), ...(result.providerRef ? { providerRef: result.providerRef } : {}) }];
    payment.status = amount === left ? 'refunded' : 'partially_refunded';
    createInTenant({ em: tx, tenantId: scope.tenantId }, AuditLog, { userId: scope.userId, action: 'payment.refunded', entityType: 'payment', entityId: payment.id, reason: input.reason, changes: { amountCents: amount, status: payment.status }, requestId: scope.requestId });
    return presentPayment(payment);
  });
}
