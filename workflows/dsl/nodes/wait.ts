import { z } from 'zod';
import { anchorSchema, ifPastSchema, labelFields, localTimeSchema, positiveDurationSchema } from '../primitives';
import { NEXT_EXIT, defineNode } from './spec';

export const untilLocalTimeSchema = z.strictObject({
  /** Local wall-clock time, HH:mm. */
  time: localTimeSchema,
  /** Days after the base date (negative: before). Base: the anchor's local date, else the day the wait starts. */
  daysOffset: z.number().int().min(-366).max(366).optional(),
  zone: z.enum(['tenant', 'recipient']),
  /** When set, the base date is this time's local date (e.g. 18:00 the day before appointment.startsAt). */
  anchor: anchorSchema.shape.anchor.optional(),
});

const waitData = z
  .strictObject({
    ...labelFields,
    duration: positiveDurationSchema.optional(),
    until: anchorSchema.optional(),
    untilLocalTime: untilLocalTimeSchema.optional(),
    ifPast: ifPastSchema.optional(),
  })
  .superRefine((data, ctx) => {
    const set = [data.duration, data.until, data.untilLocalTime].filter((v) => v !== undefined).length;
    if (set !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: 'A wait needs exactly one of duration, until or untilLocalTime',
        params: { code: 'BAD_WAIT' },
      });
    }
  });

export type WaitData = z.output<typeof waitData>;

export const waitNode = defineNode({
  type: 'wait',
  title: 'Wait',
  category: 'timing',
  isAction: false,
  data: waitData,
  exits: () => [NEXT_EXIT],
});
