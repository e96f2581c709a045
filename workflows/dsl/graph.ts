/** Graph helpers over node ids and edges, tolerant of partially invalid definitions. */
import { NEXT_HANDLE } from './nodes/spec';

/** The exit an edge leaves through: its sourceHandle, or `next` when it has none. */
export function edgeHandle(edge: { sourceHandle?: string | null }): string {
  return edge.sourceHandle ?? NEXT_HANDLE;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
}

export function successors(edges: readonly GraphEdge[], nodeIds: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const id of nodeIds) out.set(id, []);
  for (const edge of edges) {
    if (nodeIds.has(edge.source) && nodeIds.has(edge.target)) out.get(edge.source)?.push(edge.target);
  }
  return out;
}

/** Node ids reachable from `start` (inclusive). */
export function reachableFrom(start: string, next: ReadonlyMap<string, string[]>): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const target of next.get(id) ?? []) {
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return seen;
}

/**
 * Strongly connected components that contain a cycle (more than one node, or a self-loop),
 * each in discovery order. Iterative Tarjan, so large graphs do not overflow the stack.
 */
export function cyclicComponents(next: ReadonlyMap<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];

  const visit = (id: string): number => {
    index.set(id, counter);
    low.set(id, counter);
    counter += 1;
    stack.push(id);
    onStack.add(id);
    return counter - 1;
  };

  for (const root of next.keys()) {
    if (index.has(root)) continue;
    visit(root);
    const work: Array<{ id: string; child: number }> = [{ id: root, child: 0 }];
    for (let frame = work[work.length - 1]; frame !== undefined; frame = work[work.length - 1]) {
      const children = next.get(frame.id) ?? [];
      const child = children[frame.child];
      if (child !== undefined) {
        frame.child += 1;
        if (!index.has(child)) {
          visit(child);
          work.push({ id: child, child: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id) ?? 0, index.get(child) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) ?? 0, low.get(frame.id) ?? 0));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
          onStack.delete(member);
          component.push(member);
          if (member === frame.id) break;
        }
        const selfLoop = component.length === 1 && children.includes(frame.id);
        if (component.length > 1 || selfLoop) result.push(component.reverse());
      }
    }
  }
  return result;
}
