import { z } from 'zod';
import { jsonLogicSchema, labelFields } from '../primitives';
import { defineNode } from './spec';

export const conditionNode = defineNode({
  type: 'condition',
  title: 'Condition',
  category: 'logic',
  isAction: false,
  data: z.strictObject({ ...labelFields, rule: jsonLogicSchema }),
  exits: () => [
    { handle: 'true', label: 'Yes', optional: false },
    { handle: 'false', label: 'No', optional: false },
  ],
});
