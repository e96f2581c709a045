import { z } from 'zod';
import { labelFields } from '../primitives';
import { actionNode } from './spec';

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Sets vars.<name> to a literal or a JSON Logic expression over the context. Pure: no activity. */
export const setVariableNode = actionNode(
  'setVariable',
  'Set variable',
  'data',
  z.strictObject({
    ...labelFields,
    name: z.string().regex(VARIABLE_NAME, { message: 'A variable name is letters, digits and _' }),
    value: z.unknown().refine((value) => value !== undefined, { message: 'Give a value' }),
  }),
);

const tagSchema = z.string().trim().min(1, { message: 'Give a tag' }).max(50);

export const addTagNode = actionNode('addTag', 'Add tag', 'data', z.strictObject({ ...labelFields, tag: tagSchema }));

export const removeTagNode = actionNode('removeTag', 'Remove tag', 'data', z.strictObject({ ...labelFields, tag: tagSchema }));
