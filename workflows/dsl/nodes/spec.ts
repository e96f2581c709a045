import type { z } from 'zod';

export type NodeCategory = 'trigger' | 'timing' | 'logic' | 'messaging' | 'appointment' | 'integration' | 'data' | 'terminal';

export interface NodeExit {
  /** The edge's sourceHandle; `next` is also what an edge without a handle leaves through. */
  handle: string;
  label: string;
  /** An optional exit may stay unwired (an action's `failed` exit: unwired, a failure ends the run). */
  optional: boolean;
}

export interface NodeSpec<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  title: string;
  category: NodeCategory;
  /** An action runs through an activity (a side effect) and is skipped while `ifPast: skip` skips a slot. */
  isAction: boolean;
  data: S;
  exits(data: z.output<S>): NodeExit[];
}

export const NEXT_HANDLE = 'next';
export const FAILED_HANDLE = 'failed';

export const NEXT_EXIT: NodeExit = { handle: NEXT_HANDLE, label: 'Next', optional: false };
export const ACTION_EXITS: NodeExit[] = [NEXT_EXIT, { handle: FAILED_HANDLE, label: 'Failed', optional: true }];

export function defineNode<T extends string, S extends z.ZodType>(spec: NodeSpec<T, S>): NodeSpec<T, S> {
  return spec;
}

export function actionNode<T extends string, S extends z.ZodType>(
  type: T,
  title: string,
  category: NodeCategory,
  data: S,
): NodeSpec<T, S> {
  return { type, title, category, isAction: true, data, exits: () => ACTION_EXITS };
}
