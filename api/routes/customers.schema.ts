import { z } from '../zod';
import { email, isoDate, listQueryShape, optionalText, phone, recordShape } from './common.schema';
import { ianaTimezone } from './timezone.schema';

const channel = z.enum(['sms', 'whatsapp', 'email']);

export const customerCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: email().nullish(),
    phone: phone().nullish(),
    smsOptIn: z.boolean().optional(),
    emailOptIn: z.boolean().optional(),
    whatsappOptIn: z.boolean().optional(),
    marketingOptIn: z.boolean().optional(),
    notificationsEnabled: z.boolean().optional(),
    channelPreferences: z.array(channel).max(3).optional(),
    preferredStaffId: z.uuid().nullish(),
    birthday: isoDate().nullish(),
    timezone: ianaTimezone().nullish(),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).optional(),
    notes: optionalText(5000),
  })
  .openapi('CustomerInput');

export const customerUpdateSchema = customerCreateSchema.partial().openapi('CustomerUpdate');

export const customerSchema = z
  .object({
    ...recordShape,
    ...customerCreateSchema.shape,
    smsOptIn: z.boolean(),
    emailOptIn: z.boolean(),
    whatsappOptIn: z.boolean(),
    marketingOptIn: z.boolean(),
    notificationsEnabled: z.boolean(),
    deletionRequestedAt: z.string().nullable().optional(),
    channelPreferences: z.array(channel),
    tags: z.array(z.string()),
    reputationScore: z.number().int(),
    visitCount: z.number().int(),
    noShowCount: z.number().int(),
    lateCancelCount: z.number().int(),
    lastVisitAt: z.string().nullable().optional(),
    smsOptedOutAt: z.string().nullable().optional(),
  })
  .openapi('Customer');

export const customerListQuery = z
  .strictObject({ ...listQueryShape, email: z.string().max(320).optional(), phone: z.string().max(20).optional(), tag: z.string().max(50).optional() })
  .openapi('CustomerListQuery');

export type CustomerInput = z.output<typeof customerCreateSchema>;
export type CustomerListQuery = z.output<typeof customerListQuery>;
