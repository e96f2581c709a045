import { z } from '../zod';
import { errorCodes } from '../errors';
import { maxPageSize } from '../services/pagination';

export const uuid = () => z.uuid();

/** A row id in a path. */
export const idParams = z.object({ id: z.uuid().openapi({ param: { description: 'Row id' } }) });

export const isoDateTime = () =>
  z.iso.datetime({ offset: true }).openapi({ example: '2026-03-14T15:30:00-04:00' });
export const isoDate = () => z.iso.date().openapi({ example: '2026-03-14' });
export const timestamp = () => z.iso.datetime({ offset: true });
export const cents = () => z.number().int().min(0).max(100_000_000);
/** E.164, e.g. +14155550123. */
export const phone = () =>
  z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number like +14155550123');
export const email = () => z.email().max(320);
export const optionalText = (max: number) => z.string().trim().max(max).nullish();

export const listQueryShape = {
  q: z.string().trim().min(1).max(200).optional().openapi({ description: 'Case-insensitive search' }),
  limit: z.coerce.number().int().min(1).max(maxPageSize).optional().openapi({ description: `1–${maxPageSize}, default 25` }),
  cursor: z.string().max(800).optional().openapi({ description: 'nextCursor of the previous page' }),
};

export const activeQuery = z
  .enum(['true', 'false', 'all'])
  .optional()
  .openapi({ description: 'Active rows (default), inactive ones, or all' });

export const recordShape = {
  id: z.uuid(),
  tenantId: z.uuid(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
};

export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().optional() })
    .openapi(name);
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(errorCodes as [string, ...string[]]),
      message: z.string(),
      details: z
        .array(
          z.object({
            path: z.string(),
            message: z.string(),
            code: z.string().optional(),
            nodeId: z.string().optional(),
            edgeId: z.string().optional(),
            slot: z
              .object({ startsAt: z.string(), endsAt: z.string(), staffIds: z.array(z.string()), seatsLeft: z.number().int().optional() })
              .optional()
              .openapi({ description: 'A free slot to offer instead (SLOT_TAKEN, SLOT_UNAVAILABLE)' }),
          }),
        )
        .optional(),
    }),
  })
  .openapi('Error');
