import { z } from 'zod';
import { IANAZone } from 'luxon';
import { TRIGGER_EVENTS } from './events';
import { jsonLogicSchema } from './primitives';
import { NODE_SPECS, NODE_TYPES, type NodeDataOf, type NodeType, nodeSpec } from './nodes/registry';
import type { NodeExit } from './nodes/spec';

export const SCHEMA_VERSION = 1 as const;

export const idSchema = z
  .string()
  .min(1, { message: 'An id is required' })
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/, { message: 'Ids are letters, digits, _ . : -' });

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

const CRON_RANGES: Array<[number, number]> = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

function isCronPart(part: string, [min, max]: [number, number]): boolean {
  const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
  if (!m) return false;
  const inRange = (n: string | undefined): boolean => n === undefined || (Number(n) >= min && Number(n) <= max);
  if (!inRange(m[2]) || !inRange(m[3])) return false;
  if (m[3] !== undefined && Number(m[3]) < Number(m[2])) return false;
  return m[4] === undefined || Number(m[4]) > 0;
}

/** Five-field cron ("0 9 * * *"), numbers only, as Temporal Schedules accept. */
export function isCronExpression(text: string): boolean {
  const fields = String(text).trim().split(/\s+/);
  if (fields.length !== 5) return false;
  return fields.every((field, i) => field.split(',').every((part) => isCronPart(part, CRON_RANGES[i] as [number, number])));
}

export const timezoneSchema = z
  .string()
  .refine((zone) => IANAZone.isValidZone(zone), { message: 'Must be an IANA time zone such as Europe/Paris' });

export const scheduleSchema = z.strictObject({
  cron: z.string().refine(isCronExpression, { message: 'Must be a five-field cron expression such as "0 9 * * *"' }),
  timezone: timezoneSchema,
});

export const triggerSchema = z
  .strictObject({
    event: z.enum(TRIGGER_EVENTS),
    /** JSON Logic over the context; a run starts only when it is true. */
    filter: jsonLogicSchema.optional(),
    schedule: scheduleSchema.optional(),
  })
  .superRefine((trigger, ctx) => {
    if (trigger.event === 'schedule' && trigger.schedule === undefined) {
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'A schedule trigger needs a cron and a timezone' });
    }
    if (trigger.event !== 'schedule' && trigger.schedule !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['schedule'], message: 'Only a schedule trigger has a schedule' });
    }
  });

export type AutomationTrigger = z.output<typeof triggerSchema>;
export type Position = z.output<typeof positionSchema>;

export type AutomationNode = {
  [K in NodeType]: { id: string; type: K; position: Position; data: NodeDataOf<K> };
}[NodeType];

export type NodeOfType<K extends NodeType> = Extract<AutomationNode, { type: K }>;

function nodeSchemaFor(type: NodeType) {
  // Node-level keys the canvas adds (selected, measured…) are dropped; `data` is strict per type.
  return z.object({ id: idSchema, type: z.literal(type), position: positionSchema, data: NODE_SPECS[type].data });
}

const nodeSchemas = NODE_TYPES.map(nodeSchemaFor);

export const nodeSchema = z.discriminatedUnion(
  'type',
  nodeSchemas as unknown as [ReturnType<typeof nodeSchemaFor>, ...Array<ReturnType<typeof nodeSchemaFor>>],
) as unknown as z.ZodType<AutomationNode>;

export const edgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  target: idSchema,
  /** The named exit; absent/null means `next`. */
  sourceHandle: z.string().max(64).nullish(),
  targetHandle: z.string().max(64).nullish(),
});

export type AutomationEdge = z.output<typeof edgeSchema>;

export interface AutomationDefinition {
  schemaVersion: typeof SCHEMA_VERSION;
  name: string;
  description?: string;
  trigger: AutomationTrigger;
  nodes: AutomationNode[];
  edges: AutomationEdge[];
}

/** Hard ceilings that keep parsing cheap; the validator's configurable limits are lower. */
const HARD_MAX_NODES = 5000;
const HARD_MAX_EDGES = 10000;

export const automationDefinitionSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  name: z.string().trim().min(1, { message: 'Give the automation a name' }).max(120),
  description: z.string().max(2000).optional(),
  trigger: triggerSchema,
  nodes: z.array(nodeSchema).max(HARD_MAX_NODES),
  edges: z.array(edgeSchema).max(HARD_MAX_EDGES),
}) as unknown as z.ZodType<AutomationDefinition>;

/** Parses and throws a ZodError on bad input; use validateDefinition for a problem list. */
export function parseDefinition(input: unknown): AutomationDefinition {
  return automationDefinitionSchema.parse(input);
}

/** The exits of a node, with labels and whether they must be wired. */
export function describeExits(node: AutomationNode): NodeExit[] {
  return nodeSpec(node.type).exits(node.data as never);
}

/** The named exits (sourceHandles) of a node: `next`, `true`/`false`, `event`/`timeout`, variant ids… */
export function nodeExits(node: AutomationNode): string[] {
  return describeExits(node).map((exit) => exit.handle);
}

/** The exit an edge leaves through (`next` when it has no handle). */
export { edgeHandle } from './graph';

export function isAutomationNodeOfType<K extends NodeType>(node: AutomationNode, type: K): node is NodeOfType<K> {
  return node.type === type;
}
