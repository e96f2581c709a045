import { z } from 'zod';
import { RUN_EVENTS } from '../events';
import { anchorSchema, ifPastSchema, jsonLogicSchema, labelFields, positiveDurationSchema } from '../primitives';
import { defineNode } from './spec';

const waitForEventData = z
  .strictObject({
    ...labelFields,
    events: z.array(z.enum(RUN_EVENTS)).min(1, { message: 'Choose at least one event' }),
    /** Only events for which this rule (over the context, with `lastEvent` = the candidate) is true count. */
    filter: jsonLogicSchema.optional(),
    /** How long to wait from entering the node. */
    timeout: positiveDurationSchema.optional(),
    /** Or a deadline relative to a time in the context; it moves with a reschedule. */
    until: anchorSchema.optional(),
    /** Deadline already past on entry: `continue` takes the timeout exit, `skip` takes it with the actions up to the next wait skipped. */
    ifPast: ifPastSchema.optional(),
  })
  .superRefine((data, ctx) => {
    if ((data.timeout === undefined) === (data.until === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'waitForEvent needs exactly one of timeout or until',
        params: { code: 'BAD_WAIT' },
      });
    }
  });

export type WaitForEventData = z.output<typeof waitForEventData>;

export const waitForEventNode = defineNode({
  type: 'waitForEvent',
  title: 'Wait for event',
  category: 'timing',
  isAction: false,
  data: waitForEventData,
  exits: () => [
    { handle: 'event', label: 'Event received', optional: false },
    { handle: 'timeout', label: 'Timed out', optional: false },
  ],
});
