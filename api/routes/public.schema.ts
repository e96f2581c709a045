import { funnelSteps } from '../../db/entities';
import { z } from '../zod';
import { email, isoDateTime, optionalText, phone } from './common.schema';
import { availabilityQuery } from './availability.schema';
import { participantSchema } from './appointments.schema';

export const slugParams = z.object({ slug: z.string().min(1).max(80).openapi({ param: { description: 'The business’s booking page slug' } }) });

export const publicAvailabilityQuery = availabilityQuery.openapi('PublicAvailabilityQuery');

export const publicBookingSchema = z
  .strictObject({
    serviceId: z.uuid(),
    staffId: z.uuid().nullish().openapi({ description: 'Omitted: round robin picks among the free staff' }),
    startsAt: isoDateTime(),
    seats: z.number().int().min(1).max(500).optional(),
    participants: z.array(participantSchema).max(500).optional(),
    customer: z.strictObject({
      name: z.string().trim().min(1).max(200),
      email: email().nullish(),
      phone: phone().nullish(),
      smsOptIn: z.boolean().optional(),
      emailOptIn: z.boolean().optional(),
      marketingOptIn: z.boolean().optional(),
    }),
    pet: z.strictObject({ name: z.string().trim().min(1).max(120), species: z.string().trim().min(1).max(40), breed: optionalText(120) }).optional(),
    notes: optionalText(2000),
    sessionId: z.string().min(8).max(64).optional().openapi({ description: 'The funnel session: the booking counts as its `booked` step' }),
  })
  .openapi('PublicBookingInput');

export const funnelEventSchema = z
  .strictObject({
    sessionId: z.string().min(8).max(64),
    step: z.enum(funnelSteps),
    serviceId: z.uuid().nullish(),
    staffId: z.uuid().nullish(),
    appointmentId: z.uuid().nullish(),
    source: z.string().max(200).nullish(),
  })
  .openapi('FunnelEventInput');

export const offerTokenParams = z.object({ token: z.string().min(20).max(100) });
export const acceptOfferSchema = z.strictObject({ petId: z.uuid().optional() }).openapi('AcceptOfferInput');

export type PublicBookingInput = z.output<typeof publicBookingSchema>;
