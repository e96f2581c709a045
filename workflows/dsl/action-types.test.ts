import { ACTION_TYPES } from './action-types';
import { ACTION_NODE_TYPES } from './nodes/registry';

test('the zod-free list of action types is the registry’s', () => {
  expect([...ACTION_TYPES].sort()).toEqual([...ACTION_NODE_TYPES].sort());
});
