/** The automation DSL: pure code shared by the api, the worker (inside workflows) and the builder-ui. */
export * from './schema';
export * from './validate';
export * from './logic';
export * from './context';
export * from './events';
export * from './duration';
export * from './hash';
export * from './wait-time';
export * from './semantics';
export * from './simulate';
export { extractTemplatePaths } from './template-refs';
export {
  NODE_SPECS,
  NODE_TYPES,
  ACTION_NODE_TYPES,
  isNodeType,
  isActionType,
  nodeSpec,
  type NodeType,
  type NodeDataOf,
  type ActionNodeType,
} from './nodes/registry';
export { NEXT_HANDLE, FAILED_HANDLE, type NodeExit, type NodeSpec, type NodeCategory } from './nodes/spec';
export { APPOINTMENT_STATUSES } from './nodes/appointment';
export { type SplitVariant } from './nodes/split';
export { type WaitData } from './nodes/wait';
export { type WaitForEventData } from './nodes/wait-for-event';
