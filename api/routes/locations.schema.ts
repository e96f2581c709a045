import { z } from '../zod';
import { activeQuery, listQueryShape, optionalText, phone, recordShape } from './common.schema';
import { ianaTimezone } from './timezone.schema';

export const locationCreateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    address: optionalText(1000),
    phone: phone().nullish(),
    timezone: ianaTimezone().nullish(),
    active: z.boolean().optional(),
  })
  .openapi('LocationInput');

export const locationUpdateSchema = locationCreateSchema.partial().openapi('LocationUpdate');

export const locationSchema = z
  .object({ ...recordShape, ...locationCreateSchema.shape, active: z.boolean() })
  .openapi('Location');

export const locationListQuery = z.strictObject({ ...listQueryShape, active: activeQuery }).openapi('LocationListQuery');

export type LocationInput = z.output<typeof locationCreateSchema>;
export type LocationListQuery = z.output<typeof locationListQuery>;
