import { ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo, useRef, useState } from 'react';
import type { AutomationDefinition } from '../../automation/dsl';
import { FlowCanvas, type FocusRequest } from '../../builder/canvas/FlowCanvas';
import { createFlowMapper, type NodeOverlay } from '../../builder/graph/to-flow';
import type { NodeEnv } from '../../builder/nodes/types';

/** A read-only graph with a run (or a count per step) drawn on it. */
export function RunCanvas({
  definition,
  overlays,
  takenEdgeIds,
  selectedNodeId,
  onSelect,
  focus,
  env,
  label,
}: {
  definition: AutomationDefinition;
  overlays: Record<string, NodeOverlay>;
  takenEdgeIds: string[];
  selectedNodeId: string | null;
  onSelect(nodeId: string | null): void;
  focus: FocusRequest | null;
  env: NodeEnv;
  label: string;
}) {
  const mapper = useRef(createFlowMapper()).current;
  // Sizes measured by React Flow (the minimap and fit view need them on a read-only canvas too).
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const { nodes, edges } = useMemo(
    () =>
      mapper({
        doc: definition,
        selectedNodeIds: selectedNodeId ? [selectedNodeId] : [],
        selectedEdgeIds: [],
        measured,
        problems: [],
        env,
        overlays,
        takenEdgeIds,
        readOnly: true,
      }),
    [mapper, definition, selectedNodeId, env, overlays, takenEdgeIds, measured],
  );
  return (
    <ReactFlowProvider>
      <FlowCanvas
        label={label}
        nodes={nodes}
        edges={edges}
        readOnly
        onNodesChange={(changes) => {
          const sizes = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [[c.id, c.dimensions] as const] : []));
          if (sizes.length > 0) setMeasured((m) => ({ ...m, ...Object.fromEntries(sizes) }));
        }}
        onNodeClick={onSelect}
        onPaneClick={() => onSelect(null)}
        focus={focus}
      />
    </ReactFlowProvider>
  );
}
