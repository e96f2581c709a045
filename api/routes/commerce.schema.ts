import { billingIntervals, paymentKinds, paymentMethods, paymentStatuses } from '../../db/entities';
import { z } from '../zod';
import { activeQuery, cents, isoDate, listQueryShape, optionalText, recordShape } from './common.schema';

const collect = z
  .strictObject({ method: z.enum(paymentMethods), provider: z.string().max(40).optional() })
  .openapi({ description: 'Take the money now (cash, the card terminal); omitted: the charge stays outstanding' });

const packageFields = {
  name: z.string().trim().min(1).max(200),
  description: optionalText(5000),
  priceCents: cents(),
  credits: z.number().int().min(1).max(1000),
  serviceIds: z.array(z.uuid()).max(500).optional().openapi({ description: 'Services the credits pay for; empty: all' }),
  validityDays: z.number().int().min(1).max(3650).nullish(),
  active: z.boolean().optional(),
};
export const packageCreateSchema = z.strictObject(packageFields).openapi('PackageInput');
export const packageUpdateSchema = packageCreateSchema.partial().openapi('PackageUpdate');
export const packageSchema = z.object({ ...recordShape, ...packageFields, serviceIds: z.array(z.uuid()), active: z.boolean() }).openapi('Package');
export const packageListQuery = z.strictObject({ ...listQueryShape, active: activeQuery }).openapi('PackageListQuery');
export const sellPackageSchema = z.strictObject({ customerId: z.uuid(), collect: collect.optional() }).openapi('SellPackageInput');

const planFields = {
  name: z.string().trim().min(1).max(200),
  description: optionalText(5000),
  priceCents: cents(),
  interval: z.enum(billingIntervals).optional(),
  intervalCount: z.number().int().min(1).max(24).optional(),
  discountPercent: z.number().int().min(0).max(100).optional(),
  memberPrices: z.record(z.uuid(), cents()).optional().openapi({ description: 'Fixed member price per service id' }),
  serviceIds: z.array(z.uuid()).max(500).optional(),
  active: z.boolean().optional(),
};
export const planCreateSchema = z.strictObject(planFields).openapi('MembershipPlanInput');
export const planUpdateSchema = planCreateSchema.partial().openapi('MembershipPlanUpdate');
export const planSchema = z
  .object({ ...recordShape, ...planFields, interval: z.enum(billingIntervals), intervalCount: z.number().int(), discountPercent: z.number().int(), memberPrices: z.record(z.string(), z.number().int()), serviceIds: z.array(z.uuid()), active: z.boolean() })
  .openapi('MembershipPlan');
export const planListQuery = z.strictObject({ ...listQueryShape, active: activeQuery }).openapi('MembershipPlanListQuery');
export const startMembershipSchema = z.strictObject({ planId: z.uuid(), customerId: z.uuid(), collect: collect.optional() }).openapi('StartMembershipInput');
export const customerFilterQuery = z.strictObject({ customerId: z.uuid().optional() }).openapi('CustomerFilterQuery');

export const recordPaymentSchema = z
  .strictObject({
    customerId: z.uuid(),
    appointmentId: z.uuid().nullish(),
    kind: z.enum(paymentKinds),
    amountCents: cents().refine((v) => v > 0, 'must be more than 0'),
    method: z.enum(paymentMethods.filter((m) => m !== 'package_credit') as ['cash', 'card', 'manual', 'other']),
    provider: z.string().max(40).optional(),
    note: optionalText(1000),
  })
  .openapi('RecordPaymentInput');
export const settlePaymentSchema = z.strictObject({ method: z.enum(['cash', 'card', 'manual', 'other']), provider: z.string().max(40).optional() }).openapi('SettlePaymentInput');
export const refundPaymentSchema = z.strictObject({ amountCents: cents().optional(), reason: optionalText(1000).transform((v) => v ?? undefined) }).openapi('RefundPaymentInput');
export const paymentListQuery = z
  .strictObject({ customerId: z.uuid().optional(), appointmentId: z.uuid().optional(), status: z.enum(paymentStatuses).optional(), limit: z.coerce.number().int().min(1).max(500).optional() })
  .openapi('PaymentListQuery');

export const waitlistJoinSchema = z
  .strictObject({
    customerId: z.uuid(),
    serviceId: z.uuid(),
    staffId: z.uuid().nullish(),
    fromDate: isoDate(),
    toDate: isoDate(),
    seats: z.number().int().min(1).max(500).optional(),
    notes: optionalText(1000),
  })
  .openapi('WaitlistJoinInput');
export const waitlistListQuery = z
  .strictObject({ customerId: z.uuid().optional(), serviceId: z.uuid().optional(), status: z.enum(['waiting', 'offered', 'booked', 'cancelled']).optional() })
  .openapi('WaitlistListQuery');

export const reviewUpdateSchema = z.strictObject({ published: z.boolean() }).openapi('ReviewUpdate');
export const funnelQuery = z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }).openapi('FunnelQuery');
export const documentReviewSchema = z.strictObject({ status: z.enum(['accepted', 'rejected']) }).openapi('PetDocumentReview');
export const vaccinationClaimSchema = z
  .strictObject({ name: z.string().trim().min(1).max(120).optional(), administeredOn: isoDate().optional(), expiresOn: isoDate().optional() })
  .openapi('VaccinationClaim');
