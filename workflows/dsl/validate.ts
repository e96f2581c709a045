import { type z } from 'zod';
import { hasContextPath } from './context';
import { cyclicComponents, reachableFrom, successors, type GraphEdge } from './graph';
import { extractVars, isLogic } from './logic';
import { NODE_SPECS, isNodeType, type NodeType } from './nodes/registry';
import { NEXT_HANDLE, type NodeExit } from './nodes/spec';
import { automationDefinitionSchema, type AutomationDefinition } from './schema';
import { collectStrings, extractTemplatePaths } from './template-refs';

export interface ValidationProblem {
  code: string;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** Dotted path into the definition, e.g. "nodes.3.data.duration". */
  path?: string;
}

export interface ValidationResult {
  ok: boolean;
  problems: ValidationProblem[];
  /** The parsed definition when the schema accepted it (even if graph problems remain). */
  definition?: AutomationDefinition;
}

export interface ValidateOptions {
  /** When given, every templateId must be one of these. */
  templateIds?: string[];
  maxNodes?: number;
  maxEdges?: number;
  maxBytes?: number;
  /** Handlebars helpers available to templates (added to the defaults). */
  templateHelpers?: string[];
}

export const DEFAULT_LIMITS = { maxNodes: 200, maxEdges: 400, maxBytes: 256 * 1024 } as const;

export const DEFAULT_TEMPLATE_HELPERS: readonly string[] = [
  'if', 'unless', 'each', 'with', 'lookup', 'log', 'eq', 'ne', 'gt', 'lt', 'and', 'or', 'not', 'default',
  'formatDate', 'formatTime', 'formatDateTime', 'date', 'time', 'dateTime', 'money', 'formatMoney',
  'portalLink', 'cancelLink', 'rescheduleLink', 'addToCalendarLink', 'calendarLink', 'reviewLink',
  'upper', 'lower', 'uppercase', 'lowercase', 'pluralize',
];

const WAIT_TYPES = new Set<string>(['wait', 'waitForEvent']);

interface RawNode {
  index: number;
  id: string;
  type?: NodeType;
  data: unknown;
  /** The node's data when its own schema accepts it. */
  parsedData?: Record<string, unknown>;
  exits?: NodeExit[];
}

interface RawEdge extends GraphEdge {
  index: number;
  handle: string;
}

/** UTF-8 length without TextEncoder (not available in every sandbox). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function readRawNodes(def: Record<string, unknown>): RawNode[] {
  const nodes = Array.isArray(def.nodes) ? def.nodes : [];
  return nodes.flatMap((value, index): RawNode[] => {
    const node = record(value);
    if (!node || typeof node.id !== 'string') return [];
    const type = isNodeType(node.type) ? node.type : undefined;
    let exits: NodeExit[] | undefined;
    let parsedData: Record<string, unknown> | undefined;
    if (type) {
      const parsed = NODE_SPECS[type].data.safeParse(node.data);
      if (parsed.success) {
        exits = NODE_SPECS[type].exits(parsed.data as never);
        parsedData = parsed.data as Record<string, unknown>;
      }
    }
    return [{ index, id: node.id, type, data: node.data, parsedData, exits }];
  });
}

function readRawEdges(def: Record<string, unknown>): RawEdge[] {
  const edges = Array.isArray(def.edges) ? def.edges : [];
  return edges.flatMap((value, index): RawEdge[] => {
    const edge = record(value);
    if (!edge || typeof edge.id !== 'string' || typeof edge.source !== 'string' || typeof edge.target !== 'string') return [];
    const handle = typeof edge.sourceHandle === 'string' ? edge.sourceHandle : NEXT_HANDLE;
    return [{ index, id: edge.id, source: edge.source, target: edge.target, handle }];
  });
}

function schemaProblems(error: z.ZodError, def: Record<string, unknown>): ValidationProblem[] {
  const nodes = Array.isArray(def.nodes) ? def.nodes : [];
  const edges = Array.isArray(def.edges) ? def.edges : [];
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    const problem: ValidationProblem = { code: 'SCHEMA', message: issue.message, path: path.join('.') };
    const params = (issue as { params?: { code?: unknown } }).params;
    if (typeof params?.code === 'string') problem.code = params.code;
    if (issue.code === 'invalid_union' && path[path.length - 1] === 'type') problem.code = 'UNKNOWN_NODE_TYPE';
    const owner = path[0] === 'nodes' ? record(nodes[Number(path[1])]) : path[0] === 'edges' ? record(edges[Number(path[1])]) : undefined;
    if (owner && typeof owner.id === 'string') {
      if (path[0] === 'nodes') problem.nodeId = owner.id;
      else problem.edgeId = owner.id;
    }
    if (path[0] === 'trigger') {
      const trigger = nodes.map(record).find((node) => node?.type === 'trigger');
      if (trigger && typeof trigger.id === 'string') problem.nodeId = trigger.id;
    }
    return problem;
  });
}

function structureProblems(nodes: RawNode[], edges: RawEdge[]): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const byId = new Map<string, RawNode>();
  for (const node of nodes) {
    if (byId.has(node.id)) {
      problems.push({ code: 'DUPLICATE_NODE_ID', message: `Node id "${node.id}" is used by more than one node`, nodeId: node.id, path: `nodes.${node.index}.id` });
    } else byId.set(node.id, node);
  }
  const edgeIds = new Set<string>();
  for (const edge of edges) {
    if (edgeIds.has(edge.id)) {
      problems.push({ code: 'DUPLICATE_EDGE_ID', message: `Edge id "${edge.id}" is used by more than one edge`, edgeId: edge.id, path: `edges.${edge.index}.id` });
    }
    edgeIds.add(edge.id);
  }

  const triggers = nodes.filter((node) => node.type === 'trigger');
  if (triggers.length === 0) problems.push({ code: 'NO_TRIGGER', message: 'The automation needs a trigger node', path: 'nodes' });
  triggers.slice(1).forEach((node) =>
    problems.push({ code: 'MULTIPLE_TRIGGERS', message: 'An automation has exactly one trigger node', nodeId: node.id, path: `nodes.${node.index}` }),
  );

  const wired = new Map<string, RawEdge[]>();
  const validEdges: RawEdge[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) {
      const missing = [!source ? `source "${edge.source}"` : null, !target ? `target "${edge.target}"` : null].filter(Boolean).join(' and ');
      problems.push({ code: 'DANGLING_EDGE', message: `Edge points to a missing ${missing}`, edgeId: edge.id, path: `edges.${edge.index}` });
      continue;
    }
    if (target.type === 'trigger') {
      problems.push({ code: 'EDGE_INTO_TRIGGER', message: 'Nothing may lead back into the trigger', edgeId: edge.id, nodeId: target.id, path: `edges.${edge.index}.target` });
      continue;
    }
    if (source.type === 'goal' || target.type === 'goal') {
      const goal = source.type === 'goal' ? source : target;
      problems.push({ code: 'GOAL_WIRED', message: 'A goal stands apart from the flow: it is checked at every step, so it takes no edges', edgeId: edge.id, nodeId: goal.id, path: `edges.${edge.index}` });
      continue;
    }
    if (source.exits && !source.exits.some((exit) => exit.handle === edge.handle)) {
      const names = source.exits.map((exit) => exit.handle).join(', ') || 'none';
      problems.push({ code: 'UNKNOWN_EXIT', message: `A ${source.type} node has no exit "${edge.handle}" (exits: ${names})`, edgeId: edge.id, nodeId: source.id, path: `edges.${edge.index}.sourceHandle` });
      continue;
    }
    const key = `${edge.source}\u0000${edge.handle}`;
    const list = wired.get(key) ?? [];
    list.push(edge);
    wired.set(key, list);
    validEdges.push(edge);
  }

  for (const node of byId.values()) {
    for (const exit of node.exits ?? []) {
      const list = wired.get(`${node.id}\u0000${exit.handle}`) ?? [];
      if (list.length === 0 && !exit.optional) {
        problems.push({ code: 'EXIT_UNWIRED', message: `Exit "${exit.label}" (${exit.handle}) leads nowhere: connect it, or to an End node`, nodeId: node.id, path: `nodes.${node.index}` });
      }
      list.slice(1).forEach((edge) =>
        problems.push({ code: 'EXIT_WIRED_TWICE', message: `Exit "${exit.handle}" already has an edge; an exit leads to one node`, edgeId: edge.id, nodeId: node.id, path: `edges.${edge.index}` }),
      );
    }
  }

  const ids = new Set(byId.keys());
  const next = successors(validEdges, ids);
  const firstTrigger = triggers[0];
  if (firstTrigger) {
    const reachable = reachableFrom(firstTrigger.id, next);
    for (const node of byId.values()) {
      if (!reachable.has(node.id) && node.type !== 'goal' && node.type !== 'trigger') {
        problems.push({ code: 'UNREACHABLE', message: 'No path from the trigger reaches this node', nodeId: node.id, path: `nodes.${node.index}` });
      }
    }
  }

  const withoutWaits = new Set([...ids].filter((id) => !WAIT_TYPES.has(byId.get(id)?.type ?? '')));
  for (const component of cyclicComponents(successors(validEdges, withoutWaits))) {
    const message = `These nodes loop without a wait: ${component.join(' → ')}. Put a wait or waitForEvent in the loop`;
    component.forEach((id) => problems.push({ code: 'CYCLE_WITHOUT_WAIT', message, nodeId: id, path: `nodes.${byId.get(id)?.index}` }));
  }
  return problems;
}

/** Rules and Handlebars text of a node's data, with where they sit. */
function referencesOf(type: NodeType, data: Record<string, unknown>): { rules: Array<[string, unknown]>; texts: Array<[string, string]> } {
  const rules: Array<[string, unknown]> = [];
  const texts: Array<[string, string]> = [];
  const addValue = (where: string, value: unknown): void => {
    if (isLogic(value) || (Array.isArray(value) && value.some(isLogic))) rules.push([where, value]);
    else collectStrings(value).forEach((text) => texts.push([where, text]));
  };
  if (type === 'condition' || type === 'goal') rules.push(['rule', data.rule]);
  if (type === 'waitForEvent' && data.filter !== undefined) rules.push(['filter', data.filter]);
  if (type === 'setVariable') addValue('value', data.value);
  const variables = record(data.variables);
  if (variables) Object.entries(variables).forEach(([name, value]) => addValue(`variables.${name}`, value));
  if (type === 'notifyStaff' && typeof data.message === 'string') texts.push(['message', data.message]);
  if (type === 'webhook') {
    if (typeof data.url === 'string') texts.push(['url', data.url]);
    if (data.body !== undefined) addValue('body', data.body);
    const headers = record(data.headers);
    if (headers) Object.entries(headers).forEach(([name, value]) => typeof value === 'string' && texts.push([`headers.${name}`, value]));
  }
  const until = record(data.until);
  if (until && typeof until.anchor === 'string') texts.push(['until.anchor', `{{${until.anchor}}}`]);
  const local = record(data.untilLocalTime);
  if (local && typeof local.anchor === 'string') texts.push(['untilLocalTime.anchor', `{{${local.anchor}}}`]);
  return { rules, texts };
}

function referenceProblems(root: Record<string, unknown>, nodes: RawNode[], opts: ValidateOptions): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const declaredVars = new Set(
    nodes.flatMap((node) => (node.type === 'setVariable' && typeof node.parsedData?.name === 'string' ? [node.parsedData.name] : [])),
  );
  const helpers = new Set([...DEFAULT_TEMPLATE_HELPERS, ...(opts.templateHelpers ?? [])]);
  const templates = opts.templateIds ? new Set(opts.templateIds) : undefined;
  const unknownVar = (path: string, where: string, nodeId?: string): ValidationProblem => ({
    code: 'UNKNOWN_VARIABLE',
    message: path.startsWith('vars.')
      ? `"${path}" is never set: add a setVariable node named "${path.slice(5).split('.')[0]}"`
      : `"${path}" is not in the run context`,
    ...(nodeId ? { nodeId } : {}),
    path: where,
  });

  const filter = record(root.trigger)?.filter;
  if (filter !== undefined) {
    const trigger = nodes.find((node) => node.type === 'trigger');
    for (const path of extractVars(filter)) {
      // Variables do not exist yet when the trigger decides whether a run starts.
      if (!hasContextPath(path, { vars: [] })) problems.push(unknownVar(path, 'trigger.filter', trigger?.id));
    }
  }

  for (const node of nodes) {
    if (!node.type || !node.parsedData) continue;
    const data = node.parsedData;
    const { rules, texts } = referencesOf(node.type, data);
    for (const [where, rule] of rules) {
      for (const path of extractVars(rule)) {
        if (!hasContextPath(path, { vars: declaredVars })) problems.push(unknownVar(path, `nodes.${node.index}.data.${where}`, node.id));
      }
    }
    for (const [where, text] of texts) {
      for (const path of extractTemplatePaths(text, helpers)) {
        if (!hasContextPath(path, { vars: declaredVars })) problems.push(unknownVar(path, `nodes.${node.index}.data.${where}`, node.id));
      }
    }
    const templateId = typeof data.templateId === 'string' ? data.templateId : undefined;
    if (templates && templateId !== undefined && !templates.has(templateId)) {
      problems.push({ code: 'UNKNOWN_TEMPLATE', message: `Template "${templateId}" does not exist`, nodeId: node.id, path: `nodes.${node.index}.data.templateId` });
    }
  }
  return problems;
}

/**
 * Every problem of a definition, each tied to the node or edge it belongs to so the builder can
 * mark it. Rules: see docs/automation-dsl.md.
 */
export function validateDefinition(def: unknown, opts: ValidateOptions = {}): ValidationResult {
  const limits = {
    maxNodes: opts.maxNodes ?? DEFAULT_LIMITS.maxNodes,
    maxEdges: opts.maxEdges ?? DEFAULT_LIMITS.maxEdges,
    maxBytes: opts.maxBytes ?? DEFAULT_LIMITS.maxBytes,
  };
  const root = record(def);
  if (!root) {
    return { ok: false, problems: [{ code: 'SCHEMA', message: 'A definition is a JSON object', path: '' }] };
  }
  const problems: ValidationProblem[] = [];
  let bytes = 0;
  try {
    bytes = utf8Length(JSON.stringify(def));
  } catch {
    return { ok: false, problems: [{ code: 'SCHEMA', message: 'The definition is not plain JSON', path: '' }] };
  }
  if (bytes > limits.maxBytes) {
    problems.push({ code: 'TOO_LARGE', message: `The definition is ${Math.ceil(bytes / 1024)} KB; the limit is ${Math.floor(limits.maxBytes / 1024)} KB`, path: '' });
    if (bytes > limits.maxBytes * 4) return { ok: false, problems };
  }
  const nodeCount = Array.isArray(root.nodes) ? root.nodes.length : 0;
  const edgeCount = Array.isArray(root.edges) ? root.edges.length : 0;
  if (nodeCount > limits.maxNodes) {
    problems.push({ code: 'TOO_MANY_NODES', message: `${nodeCount} nodes; the limit is ${limits.maxNodes}`, path: 'nodes' });
  }
  if (edgeCount > limits.maxEdges) {
    problems.push({ code: 'TOO_MANY_EDGES', message: `${edgeCount} edges; the limit is ${limits.maxEdges}`, path: 'edges' });
  }

  const parsed = automationDefinitionSchema.safeParse(def);
  if (!parsed.success) problems.push(...schemaProblems(parsed.error, root));
  const rawNodes = readRawNodes(root);
  problems.push(...structureProblems(rawNodes, readRawEdges(root)));
  problems.push(...referenceProblems(root, rawNodes, opts));

  return parsed.success ? { ok: problems.length === 0, problems, definition: parsed.data } : { ok: false, problems };
}
