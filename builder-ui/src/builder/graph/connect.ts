import type { AutomationDefinition } from '../../automation/dsl';
import { acceptsIncoming, exitsOf, handleOf, WAIT_TYPES } from './exits';

export interface ConnectionAttempt {
  source: string;
  target: string;
  sourceHandle?: string | null;
}

/**
 * Why a connection may not be drawn, or null when it may: exits are named, each leads to one
 * node, nothing leads into the trigger or a goal, and a loop must pass through a wait. With
 * `rewire`, drawing from an exit that is already wired moves its edge instead of refusing.
 */
export function connectionProblem(def: AutomationDefinition, attempt: ConnectionAttempt, options: { rewire?: boolean } = {}): string | null {
  const source = def.nodes.find((n) => n.id === attempt.source);
  const target = def.nodes.find((n) => n.id === attempt.target);
  if (!source || !target) return 'Unknown node';
  if (source.id === target.id) return 'A node cannot lead to itself';
  if (!acceptsIncoming(target)) return target.type === 'trigger' ? 'Nothing may lead into the trigger' : 'A goal stands apart: it has no edges';
  const handle = handleOf({ sourceHandle: attempt.sourceHandle ?? null });
  if (!exitsOf(source).some((exit) => exit.handle === handle)) return `This node has no “${handle}” exit`;
  const fromExit = (e: AutomationDefinition['edges'][number]) => e.source === source.id && handleOf(e) === handle;
  if (!options.rewire && def.edges.some(fromExit)) return 'This exit is already wired';
  if (def.edges.some((e) => fromExit(e) && e.target === target.id)) return 'Already connected';
  const edges = options.rewire ? def.edges.filter((e) => !fromExit(e)) : def.edges;
  if (!WAIT_TYPES.has(source.type) && !WAIT_TYPES.has(target.type) && reachesWithoutWait(def, edges, target.id, source.id)) {
    return 'A loop must pass through a wait';
  }
  return null;
}

function reachesWithoutWait(def: AutomationDefinition, edges: AutomationDefinition['edges'], from: string, to: string): boolean {
  const types = new Map(def.nodes.map((n) => [n.id, n.type]));
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (id === to) return true;
    for (const edge of edges) {
      if (edge.source !== id || seen.has(edge.target)) continue;
      if (WAIT_TYPES.has(types.get(edge.target) ?? '')) continue;
      seen.add(edge.target);
      stack.push(edge.target);
    }
  }
  return false;
}
