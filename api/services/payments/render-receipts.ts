import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, Customer, Location, Payment, Service, Tenant } from '../../../db/entities';
import { formatMoney } from '../../../activities/messaging/render';
import { AppError, notFound } from '../../errors';
import { renderPdf } from './pdf-document';
import { refundedCents } from './present-payment';

const day = (d: Date, zone: string) => d.toLocaleDateString('en-US', { timeZone: zone, year: 'numeric', month: 'long', day: 'numeric' });

async function header(em: EntityManager, tenantId: string, customerId: string) {
  const [tenant, customer, location] = await Promise.all([
    em.findOneOrFail(Tenant, { id: tenantId }),
    em.findOneOrFail(Customer, { id: customerId }),
    em.findOne(Location, { active: true }, { orderBy: { createdAt: 'asc' } }),
  ]);
  const money = (cents: number) => formatMoney(cents, tenant.currency, 'en-US');
  const billTo = [customer.name, customer.email, customer.phone].filter((v): v is string => Boolean(v));
  return { tenant, customer, money, billTo, business: { name: tenant.name, ...(location?.address ? { address: location.address } : {}) } };
}

/** The receipt of one paid payment (refunds listed); `customerId` limits it to that customer's own. */
export async function renderReceipt(em: EntityManager, paymentId: string, customerId?: string): Promise<{ filename: string; pdf: Buffer }> {
  const payment = await em.findOne(Payment, { id: paymentId, ...(customerId ? { customerId } : {}) });
  if (!payment) throw notFound('Payment', paymentId);
  if (!payment.paidAt || !payment.receiptNumber) throw new AppError('INVALID_STATE', 'This payment has not been paid, so it has no receipt yet');
  const { tenant, money, billTo, business } = await header(em, payment.tenantId, payment.customerId);
  const appointment = payment.appointmentId ? await em.findOne(Appointment, { id: payment.appointmentId }) : null;
  const service = appointment ? await em.findOne(Service, { id: appointment.serviceId }) : null;
  const what = service && appointment ? `${service.name}, ${day(appointment.startsAt, tenant.timezone)}` : (payment.note ?? payment.kind.replace('_', ' '));
  const refunded = refundedCents(payment);
  const pdf = await renderPdf({
    title: 'Receipt',
    number: payment.receiptNumber,
    business,
    meta: [['Paid', day(payment.paidAt, tenant.timezone)], ['Method', payment.method.replace('_', ' ')], ['Kind', payment.kind.replace('_', ' ')]],
    billTo,
    lines: [{ label: what, amount: money(payment.amountCents) }, ...payment.refunds.map((r) => ({ label: `Refund ${r.at.slice(0, 10)}${r.reason ? ` (${r.reason})` : ''}`, amount: `-${money(r.amountCents)}` }))],
    totals: [{ label: 'Total paid', amount: money(payment.amountCents - refunded) }],
    footer: `Thank you for visiting ${tenant.name}.`,
  });
  return { filename: `receipt-${payment.receiptNumber}.pdf`, pdf };
}

/** The invoice of one appointment: its price, what was paid against it, and what is still due. */
export async function renderInvoice(em: EntityManager, appointmentId: string, customerId?: string): Promise<{ filename: string; pdf: Buffer }> {
  const appointment = await em.findOne(Appointment, { id: appointmentId, ...(customerId ? { customerId } : {}) });
  if (!appointment) throw notFound('Appointment', appointmentId);
  const { tenant, money, billTo, business } = await header(em, appointment.tenantId, appointment.customerId);
  const [service, payments] = await Promise.all([
    em.findOneOrFail(Service, { id: appointment.serviceId }),
    em.find(Payment, { appointmentId, status: { $in: ['paid', 'partially_refunded', 'refunded'] } }, { orderBy: { paidAt: 'asc' } }),
  ]);
  const paid = payments.reduce((s, p) => s + p.amountCents - refundedCents(p), 0);
  const lines = [
    { label: `${service.name}${appointment.seats > 1 ? ` × ${appointment.seats} seats` : ''}, ${day(appointment.startsAt, tenant.timezone)}`, amount: money(appointment.listPriceCents ?? appointment.priceCents) },
    ...(appointment.listPriceCents !== undefined && appointment.listPriceCents !== null && appointment.listPriceCents !== appointment.priceCents
      ? [{ label: appointment.creditsUsed > 0 ? `Paid with ${appointment.creditsUsed} package credit${appointment.creditsUsed === 1 ? '' : 's'}` : 'Member price', amount: `-${money(appointment.listPriceCents - appointment.priceCents)}` }]
      : []),
    ...payments.map((p) => ({ label: `Payment ${p.receiptNumber ?? ''} (${p.method})`.replace('  ', ' '), amount: `-${money(p.amountCents - refundedCents(p))}` })),
  ];
  const number = `INV-${appointment.id.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
  const pdf = await renderPdf({
    title: 'Invoice',
    number,
    business,
    meta: [['Issued', day(new Date(), tenant.timezone)], ['Visit', day(appointment.startsAt, tenant.timezone)], ['Status', appointment.status.replace('_', ' ')]],
    billTo,
    lines,
    totals: [{ label: 'Amount due', amount: money(Math.max(0, appointment.priceCents - paid)) }],
  });
  return { filename: `invoice-${number}.pdf`, pdf };
}
