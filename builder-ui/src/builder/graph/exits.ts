import { NEXT_HANDLE, NODE_SPECS, type AutomationEdge, type AutomationNode, type NodeExit } from '../../automation/dsl';

/**
 * The exits a node offers on the canvas. The DSL computes them from valid data; while a split's
 * variants are being edited we still show one handle per variant id typed so far.
 */
export function exitsOf(node: AutomationNode): NodeExit[] {
  const spec = NODE_SPECS[node.type];
  if (!spec) return [];
  if (node.type === 'split') {
    const variants = Array.isArray(node.data.variants) ? node.data.variants : [];
    return variants
      .filter((variant) => typeof variant?.id === 'string' && variant.id !== '')
      .map((variant) => ({ handle: variant.id, label: variant.label || variant.id, optional: false }));
  }
  try {
    return spec.exits(node.data as never);
  } catch {
    return [];
  }
}

export function handleOf(edge: Pick<AutomationEdge, 'sourceHandle'>): string {
  return edge.sourceHandle ?? NEXT_HANDLE;
}

/** Edges store `next` as no handle, the way the seeded definitions and the fixtures write it. */
export function storedHandle(handle: string | null | undefined): string | undefined {
  return handle && handle !== NEXT_HANDLE ? handle : undefined;
}

export const WAIT_TYPES: ReadonlySet<string> = new Set(['wait', 'waitForEvent']);

/** Nodes with no way in: the trigger starts the graph, a goal stands apart. */
export function acceptsIncoming(node: AutomationNode): boolean {
  return node.type !== 'trigger' && node.type !== 'goal';
}
