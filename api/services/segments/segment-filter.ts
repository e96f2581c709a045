import { z } from '../../zod';

const count = () => z.number().int().min(0).max(1_000_000);
const days = () => z.number().int().min(1).max(3650);
const range = (value: () => z.ZodNumber) =>
  z
    .strictObject({ min: value().optional(), max: value().optional() })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { message: 'min must not be above max', path: ['max'] });
const tag = z.string().trim().min(1).max(60);

/**
 * A saved segment: every condition present must hold (AND); inside a condition, lists mean "any of"
 * unless named otherwise. Dates are worked out in the database against now().
 */
export const segmentFilterSchema = z
  .strictObject({
    lastVisit: z
      .strictObject({
        withinDays: days().optional().openapi({ description: 'Visited in the last N days' }),
        notWithinDays: days().optional().openapi({ description: 'No visit in the last N days (or never)' }),
        never: z.boolean().optional().openapi({ description: 'true: never visited; false: visited at least once' }),
      })
      .optional(),
    visitCount: range(count).optional(),
    spendCents: range(() => z.number().int().min(0).max(1_000_000_000))
      .optional()
      .openapi({ description: 'Sum of the prices of completed appointments' }),
    servicesUsed: z
      .strictObject({ serviceIds: z.array(z.uuid()).min(1).max(50), match: z.enum(['any', 'all']).default('any') })
      .optional()
      .openapi({ description: 'Completed an appointment for any/all of these services' }),
    tags: z
      .strictObject({ any: z.array(tag).max(50).optional(), all: z.array(tag).max(50).optional(), none: z.array(tag).max(50).optional() })
      .optional(),
    reputation: range(() => z.number().int().min(0).max(100)).optional(),
    pets: z
      .strictObject({
        species: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
        vaccination: z
          .enum(['valid', 'expired', 'expiring', 'missing'])
          .optional()
          .openapi({ description: 'Some active pet (of the species) has: every record valid, one expired, one expiring within expiringWithinDays, none at all' }),
        expiringWithinDays: days().optional(),
      })
      .optional(),
    channels: z
      .strictObject({
        sms: z.boolean().optional(),
        whatsapp: z.boolean().optional(),
        email: z.boolean().optional(),
        marketing: z.boolean().optional(),
      })
      .optional()
      .openapi({ description: 'true: opted in (SMS/WhatsApp also: not opted out by STOP); false: not' }),
    birthdayMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional(),
  })
  .openapi('SegmentFilter');

export type SegmentFilter = z.output<typeof segmentFilterSchema>;
