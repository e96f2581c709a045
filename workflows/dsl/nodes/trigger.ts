import { z } from 'zod';
import { labelFields } from '../primitives';
import { NEXT_EXIT, defineNode } from './spec';

/** The start of the graph; what starts a run is `definition.trigger` (event, filter, schedule). */
export const triggerNode = defineNode({
  type: 'trigger',
  title: 'Trigger',
  category: 'trigger',
  isAction: false,
  data: z.strictObject({ ...labelFields }),
  exits: () => [NEXT_EXIT],
});
