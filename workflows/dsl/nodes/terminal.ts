import { z } from 'zod';
import { jsonLogicSchema, labelFields } from '../primitives';
import { defineNode } from './spec';

/**
 * A goal stands apart from the flow (no edges): its rule is checked before every step and on every
 * event; once true, the run ends with reason `goal`.
 */
export const goalNode = defineNode({
  type: 'goal',
  title: 'Goal',
  category: 'terminal',
  isAction: false,
  data: z.strictObject({ ...labelFields, rule: jsonLogicSchema }),
  exits: () => [],
});

export const endNode = defineNode({
  type: 'end',
  title: 'End',
  category: 'terminal',
  isAction: false,
  data: z.strictObject({ ...labelFields }),
  exits: () => [],
});
