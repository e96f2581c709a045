import { z } from '../zod';
import { activeQuery, cents, listQueryShape, optionalText, recordShape } from './common.schema';

const color = () => z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #3366ff').nullish();

export const serviceCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    description: optionalText(5000),
    category: optionalText(80),
    durationMinutes: z.number().int().min(1).max(60 * 24 * 14),
    priceCents: cents(),
    bufferBeforeMinutes: z.number().int().min(0).max(24 * 60).optional(),
    bufferAfterMinutes: z.number().int().min(0).max(24 * 60).optional(),
    capacity: z.number().int().min(1).max(500).optional(),
    staffCount: z.number().int().min(1).max(20).optional(),
    days: z.number().int().min(1).max(60).optional(),
    depositCents: cents().nullish(),
    requiresVaccination: z.boolean().optional(),
    minNoticeMinutes: z.number().int().min(0).max(60 * 24 * 90).optional().openapi({ description: 'Online bookings start at least this long from now' }),
    maxAdvanceDays: z.number().int().min(0).max(730).nullish().openapi({ description: 'Online bookings reach at most this many days ahead (null: no limit)' }),
    slotIntervalMinutes: z.number().int().min(1).max(24 * 60).nullish().openapi({ description: 'Step of the slot grid (null: the duration)' }),
    groupPriceTiers: z
      .array(z.strictObject({ minSeats: z.number().int().min(2).max(500), perSeatCents: cents() }))
      .max(20)
      .optional()
      .openapi({ description: 'Per-seat price from a party size up, for group services' }),
    bookableOnline: z.boolean().optional().openapi({ description: 'Shown on the public booking page' }),
    locationId: z.uuid().nullish(),
    color: color(),
    active: z.boolean().optional(),
  })
  .openapi('ServiceInput');

export const serviceUpdateSchema = serviceCreateSchema.partial().openapi('ServiceUpdate');

export const serviceSchema = z
  .object({
    ...recordShape,
    ...serviceCreateSchema.shape,
    bufferBeforeMinutes: z.number().int(),
    bufferAfterMinutes: z.number().int(),
    capacity: z.number().int(),
    staffCount: z.number().int(),
    days: z.number().int(),
    requiresVaccination: z.boolean(),
    minNoticeMinutes: z.number().int(),
    groupPriceTiers: z.array(z.object({ minSeats: z.number().int(), perSeatCents: z.number().int() })),
    bookableOnline: z.boolean(),
    active: z.boolean(),
  })
  .openapi('Service');

export const serviceListQuery = z
  .strictObject({ ...listQueryShape, active: activeQuery, category: z.string().max(80).optional(), locationId: z.uuid().optional() })
  .openapi('ServiceListQuery');

export type ServiceInput = z.output<typeof serviceCreateSchema>;
export type ServiceListQuery = z.output<typeof serviceListQuery>;
