import type { AutomationDefinition, AutomationNode } from '../../automation/dsl';

export interface DefinitionDiff {
  added: AutomationNode[];
  removed: AutomationNode[];
  /** Same id, different type or settings. */
  changed: Array<{ before: AutomationNode; after: AutomationNode; fields: string[] }>;
  /** Same settings, new place on the canvas. */
  moved: number;
  edgesAdded: number;
  edgesRemoved: number;
  triggerChanged: boolean;
  renamed: boolean;
}

const stable = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

function changedFields(a: AutomationNode, b: AutomationNode): string[] {
  if (a.type !== b.type) return ['type'];
  const before = a.data as Record<string, unknown>;
  const after = b.data as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => stable(before[k]) !== stable(after[k])).sort();
}

const edgeKey = (e: AutomationDefinition['edges'][number]) => `${e.source}|${e.sourceHandle ?? 'next'}|${e.target}`;

/** What changed from `before` to `after`, by node id (labels may change without breaking anything). */
export function diffDefinitions(before: AutomationDefinition, after: AutomationDefinition): DefinitionDiff {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const diff: DefinitionDiff = {
    added: after.nodes.filter((n) => !old.has(n.id)),
    removed: before.nodes.filter((n) => !now.has(n.id)),
    changed: [],
    moved: 0,
    edgesAdded: 0,
    edgesRemoved: 0,
    triggerChanged: stable(before.trigger) !== stable(after.trigger),
    renamed: before.name !== after.name,
  };
  for (const node of after.nodes) {
    const prev = old.get(node.id);
    if (!prev) continue;
    const fields = changedFields(prev, node);
    if (fields.length > 0) diff.changed.push({ before: prev, after: node, fields });
    else if (prev.position.x !== node.position.x || prev.position.y !== node.position.y) diff.moved += 1;
  }
  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  diff.edgesAdded = [...newEdges].filter((k) => !oldEdges.has(k)).length;
  diff.edgesRemoved = [...oldEdges].filter((k) => !newEdges.has(k)).length;
  return diff;
}

export function isEmptyDiff(diff: DefinitionDiff): boolean {
  return (
    diff.added.length + diff.removed.length + diff.changed.length + diff.moved + diff.edgesAdded + diff.edgesRemoved === 0 &&
    !diff.triggerChanged &&
    !diff.renamed
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "1 step added, 2 changed, 1 connection removed". */
export function summarizeDiff(diff: DefinitionDiff): string {
  const parts: string[] = [];
  if (diff.added.length) parts.push(`${plural(diff.added.length, 'step')} added`);
  if (diff.removed.length) parts.push(`${plural(diff.removed.length, 'step')} removed`);
  if (diff.changed.length) parts.push(`${plural(diff.changed.length, 'step')} changed`);
  if (diff.edgesAdded) parts.push(`${plural(diff.edgesAdded, 'connection')} added`);
  if (diff.edgesRemoved) parts.push(`${plural(diff.edgesRemoved, 'connection')} removed`);
  if (diff.triggerChanged) parts.push('trigger changed');
  if (diff.renamed) parts.push('renamed');
  if (diff.moved) parts.push(`${plural(diff.moved, 'step')} moved`);
  return parts.length ? parts.join(', ') : 'no changes';
}
