import dagre from '@dagrejs/dagre';
import type { AutomationDefinition, Position } from '../../automation/dsl';
import { exitsOf, handleOf } from './exits';

export const DEFAULT_NODE_SIZE = { width: 224, height: 96 };

export type Sizes = Record<string, { width?: number; height?: number } | undefined>;

/**
 * Top-to-bottom layout with dagre: exits fan out left to right in the order the node lists them
 * (Yes before No), goals line up in a column to the right of the flow.
 */
export function autoLayout(def: AutomationDefinition, sizes: Sizes = {}): Record<string, Position> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'TB', nodesep: 48, ranksep: 64, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const size = (id: string) => ({
    width: sizes[id]?.width ?? DEFAULT_NODE_SIZE.width,
    height: sizes[id]?.height ?? DEFAULT_NODE_SIZE.height,
  });
  const flow = def.nodes.filter((n) => n.type !== 'goal');
  for (const node of flow) g.setNode(node.id, size(node.id));
  for (const node of flow) {
    const order = exitsOf(node).map((exit) => exit.handle);
    const out = def.edges
      .filter((e) => e.source === node.id && g.hasNode(e.target))
      .sort((a, b) => order.indexOf(handleOf(a)) - order.indexOf(handleOf(b)));
    for (const edge of out) g.setEdge(edge.source, edge.target);
  }
  dagre.layout(g);

  const positions: Record<string, Position> = {};
  let maxX = 0;
  let minY = Infinity;
  for (const node of flow) {
    const laid = g.node(node.id);
    const { width, height } = size(node.id);
    positions[node.id] = { x: Math.round(laid.x - width / 2), y: Math.round(laid.y - height / 2) };
    maxX = Math.max(maxX, laid.x + width / 2);
    minY = Math.min(minY, laid.y - height / 2);
  }
  let y = Number.isFinite(minY) ? minY : 0;
  for (const goal of def.nodes.filter((n) => n.type === 'goal')) {
    positions[goal.id] = { x: Math.round(maxX + 80), y: Math.round(y) };
    y += size(goal.id).height + 32;
  }
  return positions;
}
