import { z } from '../zod';
import { activeQuery, isoDate, listQueryShape, optionalText, recordShape } from './common.schema';

export const petCreateSchema = z
  .strictObject({
    customerId: z.uuid(),
    name: z.string().trim().min(1).max(120),
    species: z.string().trim().min(1).max(40),
    breed: optionalText(120),
    birthDate: isoDate().nullish(),
    weightKg: z.number().positive().max(9999).nullish(),
    notes: optionalText(5000),
    active: z.boolean().optional(),
  })
  .openapi('PetInput');

export const petUpdateSchema = petCreateSchema.partial().openapi('PetUpdate');

export const petSchema = z.object({ ...recordShape, ...petCreateSchema.shape, active: z.boolean() }).openapi('Pet');

export const petListQuery = z
  .strictObject({ ...listQueryShape, active: activeQuery, customerId: z.uuid().optional(), species: z.string().max(40).optional() })
  .openapi('PetListQuery');

export type PetInput = z.output<typeof petCreateSchema>;
export type PetListQuery = z.output<typeof petListQuery>;
