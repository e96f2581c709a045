import type { ExecutionDetail } from '../../api/automation-types';
import { edgesOnPath, type NodeOverlay } from '../../builder/graph/to-flow';

/**
 * A run drawn on its version's graph: every step it took (through branches and loops), the
 * edges between them, where it waits and until when, and the step that failed.
 */
export function runOverlay(run: ExecutionDetail, formatWake: (iso: string) => string): { overlays: Record<string, NodeOverlay>; takenEdgeIds: string[]; focusNodeId?: string } {
  const overlays: Record<string, NodeOverlay> = {};
  const steps = [...run.steps].sort((a, b) => a.sequence - b.sequence);
  const path = steps.length > 0 ? steps.map((s) => s.nodeId) : run.path;
  for (const step of steps) {
    const prev = overlays[step.nodeId]?.state;
    const state = step.status === 'failed' ? 'failed' : step.status === 'skipped' ? 'skipped' : step.status === 'succeeded' ? 'visited' : 'current';
    // A node visited several times keeps its most telling mark.
    if (prev !== 'failed' && !(prev === 'visited' && state === 'skipped')) overlays[step.nodeId] = { ...overlays[step.nodeId], state };
  }
  for (const nodeId of run.path) overlays[nodeId] ??= { state: 'visited' };
  let focusNodeId: string | undefined;
  const live = run.status === 'running' || run.status === 'waiting';
  if (live && run.currentNodeId) {
    overlays[run.currentNodeId] = {
      ...overlays[run.currentNodeId],
      state: 'current',
      note: run.nextWakeAt ? `Waiting · wakes ${formatWake(run.nextWakeAt)}` : run.status === 'waiting' ? 'Waiting for an event' : 'Running',
    };
    focusNodeId = run.currentNodeId;
  }
  const failed = [...steps].reverse().find((s) => s.status === 'failed');
  if (run.status === 'failed') {
    const nodeId = failed?.nodeId ?? run.currentNodeId ?? undefined;
    if (nodeId) {
      overlays[nodeId] = { ...overlays[nodeId], state: 'failed', note: failed?.error ?? run.error ?? 'Failed' };
      focusNodeId = nodeId;
    }
  }
  const takenEdgeIds = run.definition ? edgesOnPath(run.definition, path, steps.map((s) => s.exit)) : [];
  return { overlays, takenEdgeIds, focusNodeId };
}

/** Where a run opens in the Temporal Web UI (same host, its default port). */
export function temporalUiUrl(workflowId: string, namespace = 'default'): string {
  const base = (import.meta.env.VITE_TEMPORAL_UI_URL as string | undefined) ?? `${window.location.protocol}//${window.location.hostname}:8233`;
  return `${base.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
