import { z } from '../zod';
import { activeQuery, email, listQueryShape, optionalText, phone, recordShape } from './common.schema';
import { ianaTimezone } from './timezone.schema';

export const staffCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: email(),
    phone: phone().nullish(),
    title: optionalText(80),
    serviceIds: z.array(z.uuid()).max(500).optional(),
    locationId: z.uuid().nullish(),
    weight: z.number().int().min(1).max(100).optional(),
    timezone: ianaTimezone().nullish(),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #3366ff').nullish(),
    active: z.boolean().optional(),
  })
  .openapi('StaffInput');

export const staffUpdateSchema = staffCreateSchema.partial().openapi('StaffUpdate');

export const staffSchema = z
  .object({
    ...recordShape,
    ...staffCreateSchema.shape,
    serviceIds: z.array(z.uuid()),
    weight: z.number().int(),
    active: z.boolean(),
  })
  .openapi('Staff');

export const staffListQuery = z
  .strictObject({ ...listQueryShape, active: activeQuery, locationId: z.uuid().optional(), serviceId: z.uuid().optional() })
  .openapi('StaffListQuery');

export type StaffInput = z.output<typeof staffCreateSchema>;
export type StaffListQuery = z.output<typeof staffListQuery>;
