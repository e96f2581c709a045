import { z } from '../zod';
import { email, isoDate, isoDateTime, optionalText } from './common.schema';
import { participantSchema } from './appointments.schema';
import { vaccinationClaimSchema } from './commerce.schema';

export const loginLinkSchema = z
  .strictObject({
    slug: z.string().min(1).max(80).openapi({ description: 'The business (its booking page slug)' }),
    email: email(),
    next: z.string().max(300).optional().openapi({ description: 'A /portal path to land on after signing in' }),
  })
  .openapi('PortalLoginLinkInput');

export const redeemLinkSchema = z.strictObject({ token: z.string().min(20).max(100) }).openapi('PortalRedeemInput');

export const portalListQuery = z
  .strictObject({ scope: z.enum(['upcoming', 'past']).optional(), limit: z.coerce.number().int().min(1).max(200).optional() })
  .openapi('PortalAppointmentsQuery');

export const portalBookingSchema = z
  .strictObject({
    serviceId: z.uuid(),
    staffId: z.uuid().nullish(),
    startsAt: isoDateTime(),
    petId: z.uuid().nullish(),
    seats: z.number().int().min(1).max(500).optional(),
    participants: z.array(participantSchema).max(500).optional(),
    notes: optionalText(2000),
    usePackage: z.boolean().optional(),
  })
  .openapi('PortalBookingInput');

export const portalRescheduleSchema = z.strictObject({ startsAt: isoDateTime(), staffId: z.uuid().nullish() }).openapi('PortalRescheduleInput');
export const portalCancelSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }).openapi('PortalCancelInput');
export const rebookSchema = z.strictObject({ startsAt: isoDateTime() }).openapi('PortalRebookInput');

export const preferencesSchema = z
  .strictObject({
    channelPreferences: z.array(z.enum(['sms', 'whatsapp', 'email'])).max(3).optional(),
    preferredStaffId: z.uuid().nullish(),
    notificationsEnabled: z.boolean().optional(),
    marketingOptIn: z.boolean().optional(),
    smsOptIn: z.boolean().optional(),
    emailOptIn: z.boolean().optional(),
    whatsappOptIn: z.boolean().optional(),
  })
  .openapi('PortalPreferences');

export const reviewSchema = z.strictObject({ rating: z.number().int().min(1).max(5), comment: optionalText(2000) }).openapi('PortalReviewInput');

export const portalPetSchema = z
  .strictObject({ name: z.string().trim().min(1).max(120), species: z.string().trim().min(1).max(40), breed: optionalText(120), birthDate: isoDate().nullish(), notes: optionalText(2000) })
  .openapi('PortalPetInput');

export const portalWaitlistSchema = z
  .strictObject({ serviceId: z.uuid(), staffId: z.uuid().nullish(), fromDate: isoDate(), toDate: isoDate(), seats: z.number().int().min(1).max(500).optional(), notes: optionalText(1000) })
  .openapi('PortalWaitlistInput');

export const deletionRequestSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).openapi('PortalDeletionRequest');
export { vaccinationClaimSchema };
