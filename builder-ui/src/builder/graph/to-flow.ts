import type { Edge, Node } from '@xyflow/react';
import { NODE_SPECS, type AutomationDefinition, type AutomationNode, type ValidationProblem } from '../../automation/dsl';
import { nodeUi } from '../nodes/registry';
import type { NodeEnv } from '../nodes/types';
import { exitsOf, handleOf } from './exits';

/** How a run or a preview marks a node. */
export interface NodeOverlay {
  state?: 'visited' | 'current' | 'failed' | 'skipped';
  /** e.g. "Wakes Tue 09:00" or "Sent 10:02". */
  note?: string;
  /** Runs that reached the node (drop-off view). */
  count?: number;
}

export interface CardData extends Record<string, unknown> {
  node: AutomationNode;
  problems: ValidationProblem[];
  env: NodeEnv;
  overlay?: NodeOverlay;
  readOnly?: boolean;
  /** Exits that have an edge. */
  wired: string[];
}

export interface EdgeData extends Record<string, unknown> {
  label?: string;
  problems: ValidationProblem[];
  taken?: boolean;
  insertable: boolean;
}

export type FlowNode = Node<CardData, 'automation'>;
export type FlowEdge = Edge<EdgeData, 'automation'>;

const NONE: ValidationProblem[] = [];

export function groupProblems(problems: ValidationProblem[]) {
  const byNode = new Map<string, ValidationProblem[]>();
  const byEdge = new Map<string, ValidationProblem[]>();
  for (const problem of problems) {
    const nodeId = problem.nodeId ?? (problem.path?.startsWith('trigger') ? '__trigger__' : undefined);
    if (problem.edgeId) byEdge.set(problem.edgeId, [...(byEdge.get(problem.edgeId) ?? []), problem]);
    else if (nodeId) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), problem]);
  }
  return { byNode, byEdge };
}

export interface FlowInput {
  doc: AutomationDefinition;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  measured: Record<string, { width: number; height: number }>;
  problems: ValidationProblem[];
  env: NodeEnv;
  overlays?: Record<string, NodeOverlay>;
  takenEdgeIds?: string[];
  readOnly?: boolean;
}

/** What a screen reader announces for a focused card: its kind, label and sentence, and its problems. */
function ariaLabelOf(node: AutomationNode, env: NodeEnv, problems: ValidationProblem[]): string {
  const ui = nodeUi(node.type);
  const label = typeof node.data.label === 'string' && node.data.label ? `${node.data.label}: ` : '';
  const issue = problems.length ? ` (${problems.length} problem${problems.length === 1 ? '' : 's'})` : '';
  return `${ui.title} step. ${label}${ui.sentence(node.data as never, env)}${issue}`;
}

const same = (a: ValidationProblem[], b: ValidationProblem[]) =>
  a === b || (a.length === b.length && a.every((p, i) => p.code === b[i]!.code && p.message === b[i]!.message && p.path === b[i]!.path));

/**
 * Definition → React Flow nodes and edges. Unchanged nodes keep their object so React Flow
 * re-renders only what changed (150 nodes stay smooth while one is dragged).
 */
export function createFlowMapper() {
  let nodeCache = new Map<string, FlowNode>();
  let edgeCache = new Map<string, FlowEdge>();

  return function toFlow(input: FlowInput): { nodes: FlowNode[]; edges: FlowEdge[] } {
    const { byNode, byEdge } = groupProblems(input.problems);
    const selectedNodes = new Set(input.selectedNodeIds);
    const selectedEdges = new Set(input.selectedEdgeIds);
    const taken = new Set(input.takenEdgeIds ?? []);
    const wiredBy = new Map<string, string[]>();
    for (const e of input.doc.edges) wiredBy.set(e.source, [...(wiredBy.get(e.source) ?? []), handleOf(e)]);
    const nextNodes = new Map<string, FlowNode>();
    const nodes = input.doc.nodes.map((node) => {
      const problems = byNode.get(node.id) ?? (node.type === 'trigger' ? byNode.get('__trigger__') : undefined) ?? NONE;
      const overlay = input.overlays?.[node.id];
      const measured = input.measured[node.id];
      const selected = selectedNodes.has(node.id);
      const wired = wiredBy.get(node.id) ?? [];
      const prev = nodeCache.get(node.id);
      if (
        prev &&
        prev.data.node === node &&
        prev.selected === selected &&
        prev.measured === measured &&
        prev.data.env === input.env &&
        prev.data.overlay === overlay &&
        prev.data.readOnly === input.readOnly &&
        prev.data.wired.join() === wired.join() &&
        same(prev.data.problems, problems)
      ) {
        nextNodes.set(node.id, prev);
        return prev;
      }
      const flowNode: FlowNode = {
        id: node.id,
        type: 'automation',
        className: NODE_SPECS[node.type]?.category ?? 'other',
        position: node.position,
        ariaLabel: ariaLabelOf(node, input.env, problems),
        data: { node, problems, env: input.env, overlay, readOnly: input.readOnly, wired },
        selected,
        ...(measured ? { measured } : {}),
        draggable: !input.readOnly,
        connectable: !input.readOnly,
        deletable: !input.readOnly,
      };
      nextNodes.set(node.id, flowNode);
      return flowNode;
    });
    nodeCache = nextNodes;

    const nodeById = new Map(input.doc.nodes.map((n) => [n.id, n]));
    const nextEdges = new Map<string, FlowEdge>();
    const edges = input.doc.edges.map((e) => {
      const handle = handleOf(e);
      const source = nodeById.get(e.source);
      const exit = source ? exitsOf(source).find((x) => x.handle === handle) : undefined;
      const label = handle === 'next' ? undefined : exit?.label ?? handle;
      const problems = byEdge.get(e.id) ?? NONE;
      const selected = selectedEdges.has(e.id);
      const isTaken = taken.has(e.id);
      const prev = edgeCache.get(e.id);
      if (
        prev &&
        prev.source === e.source &&
        prev.target === e.target &&
        prev.sourceHandle === handle &&
        prev.selected === selected &&
        prev.data?.label === label &&
        prev.data?.taken === isTaken &&
        prev.data?.insertable === !input.readOnly &&
        same(prev.data?.problems ?? NONE, problems)
      ) {
        nextEdges.set(e.id, prev);
        return prev;
      }
      const flowEdge: FlowEdge = {
        id: e.id,
        type: 'automation',
        source: e.source,
        target: e.target,
        sourceHandle: handle,
        targetHandle: null,
        selected,
        data: { label, problems, taken: isTaken, insertable: !input.readOnly },
        ariaLabel: `${source ? source.data.label ?? source.id : e.source} ${label ? `(${label}) ` : ''}to ${nodeById.get(e.target)?.data.label ?? e.target}`,
        deletable: !input.readOnly,
      };
      nextEdges.set(e.id, flowEdge);
      return flowEdge;
    });
    edgeCache = nextEdges;
    return { nodes, edges };
  };
}

/** Edges a path walks through: consecutive node pairs, with the exit taken when known. */
export function edgesOnPath(def: AutomationDefinition, path: string[], exits: Array<string | null | undefined> = []): string[] {
  const ids: string[] = [];
  for (let i = 0; i + 1 < path.length; i += 1) {
    const from = path[i];
    const to = path[i + 1];
    const exit = exits[i];
    const match =
      def.edges.find((e) => e.source === from && e.target === to && (exit ? handleOf(e) === exit : true)) ??
      def.edges.find((e) => e.source === from && e.target === to);
    if (match) ids.push(match.id);
  }
  return ids;
}
