import { useReactFlow, type Connection, type Edge } from '@xyflow/react';
import { useCallback, useMemo, useRef, type DragEvent } from 'react';
import { isNodeType, type ValidationProblem } from '../../automation/dsl';
import { connectionProblem } from '../graph/connect';
import { DEFAULT_NODE_SIZE } from '../graph/layout';
import { createFlowMapper, type FlowEdge, type NodeOverlay } from '../graph/to-flow';
import type { NodeEnv } from '../nodes/types';
import { DRAG_MIME } from '../palette/NodeTypeList';
import { useEditor, useEditorStore } from '../store/context';
import { CanvasActionsContext, type CanvasActions } from './actions';
import { FlowCanvas } from './FlowCanvas';

/** The editable canvas bound to the editor store. */
export function EditorCanvas({
  env,
  problems,
  overlays,
  onRefused,
  onNodeClick,
}: {
  env: NodeEnv;
  problems: ValidationProblem[];
  overlays?: Record<string, NodeOverlay>;
  /** Tells the user why a connection or a drop was refused. */
  onRefused(message: string): void;
  /** A click on a step (even one already selected) shows its form. */
  onNodeClick?(nodeId: string): void;
}) {
  const store = useEditorStore();
  const doc = useEditor((s) => s.doc);
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const measured = useEditor((s) => s.measured);
  const highlight = useEditor((s) => s.highlight);
  const focus = useEditor((s) => s.focus);
  const flow = useReactFlow();
  const mapper = useRef(createFlowMapper()).current;

  const pathOverlays = useMemo(() => {
    if (!highlight) return overlays;
    const out: Record<string, NodeOverlay> = { ...overlays };
    for (const id of highlight.nodeIds) out[id] = { ...out[id], state: out[id]?.state ?? 'visited' };
    return out;
  }, [highlight, overlays]);

  const { nodes, edges } = useMemo(
    () =>
      mapper({
        doc,
        selectedNodeIds,
        selectedEdgeIds,
        measured,
        problems,
        env,
        overlays: pathOverlays,
        takenEdgeIds: highlight?.edgeIds,
      }),
    [mapper, doc, selectedNodeIds, selectedEdgeIds, measured, problems, env, pathOverlays, highlight],
  );

  const actions = useMemo<CanvasActions>(
    () => ({
      insertOnEdge: (edgeId, type) => {
        store.getState().insertOnEdge(edgeId, type);
      },
      deleteEdge: (edgeId) => store.getState().removeElements([], [edgeId]),
    }),
    [store],
  );

  const isValidConnection = useCallback(
    (c: Connection | Edge) => connectionProblem(store.getState().doc, { source: c.source, target: c.target, sourceHandle: c.sourceHandle }, { rewire: true }) === null,
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const problem = store.getState().connect({ source: c.source, target: c.target, sourceHandle: c.sourceHandle });
      if (problem) onRefused(problem);
    },
    [store, onRefused],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME) || e.dataTransfer.getData('text/plain');
      if (!isNodeType(type)) return;
      e.preventDefault();
      const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const id = store.getState().addNode(type, { x: at.x - DEFAULT_NODE_SIZE.width / 2, y: at.y - 24 });
      if (id === null) onRefused('An automation has exactly one trigger.');
    },
    [flow, store, onRefused],
  );

  return (
    <CanvasActionsContext.Provider value={actions}>
      <FlowCanvas
        label="Automation canvas"
        nodes={nodes}
        edges={edges as FlowEdge[]}
        onNodesChange={(changes) => store.getState().applyNodeChanges(changes)}
        onEdgesChange={(changes) => store.getState().applyEdgeChanges(changes)}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onDrop={onDrop}
        onNodeClick={onNodeClick}
        focus={focus}
      />
    </CanvasActionsContext.Provider>
  );
}
