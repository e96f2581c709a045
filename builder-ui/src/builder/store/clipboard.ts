import type { AutomationEdge, AutomationNode } from '../../automation/dsl';

/** What copy puts aside: nodes and the edges between them. */
export interface Clip {
  nodes: AutomationNode[];
  edges: AutomationEdge[];
}

let clip: Clip | null = null;

export function writeClip(next: Clip): void {
  clip = structuredClone(next);
  // Also on the system clipboard as JSON, so a selection can be pasted into another automation or a file.
  void navigator.clipboard?.writeText(JSON.stringify({ appointflowClip: next }, null, 2)).catch(() => undefined);
}

export function readClip(): Clip | null {
  return clip ? structuredClone(clip) : null;
}

/** A clip from pasted text (copied in another tab), when it is one. */
export function clipFromText(text: string): Clip | null {
  try {
    const parsed = JSON.parse(text) as { appointflowClip?: Clip };
    const c = parsed.appointflowClip;
    return c && Array.isArray(c.nodes) && Array.isArray(c.edges) ? c : null;
  } catch {
    return null;
  }
}
