import {
  Background,
  BackgroundVariant,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type EdgeChange,
  type IsValidConnection,
  type NodeChange,
  type OnConnect,
} from '@xyflow/react';
import { useEffect, useRef, type DragEvent, type ReactNode } from 'react';
import type { FlowEdge, FlowNode } from '../graph/to-flow';
import { AutomationEdge } from './AutomationEdge';
import { NodeCard } from './NodeCard';

const nodeTypes = { automation: NodeCard };
const edgeTypes = { automation: AutomationEdge };
const defaultEdgeOptions = { markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 } };

const MINIMAP_COLORS: Record<string, string> = {
  trigger: '#4f46e5',
  timing: '#0891b2',
  logic: '#7c3aed',
  messaging: '#059669',
  appointment: '#d97706',
  integration: '#475569',
  data: '#db2777',
  terminal: '#6b7280',
};

function minimapColor(node: FlowNode): string {
  if (node.data.problems.length > 0) return '#dc2626';
  const category = (node.className ?? '').split(' ')[0];
  return MINIMAP_COLORS[category ?? ''] ?? '#94a3b8';
}

export interface FocusRequest {
  nodeId?: string;
  edgeId?: string;
  nonce: number;
}

/** Brings a node (or an edge's source) into view when `focus` changes. */
function FocusOnRequest({ focus, nodes, edges }: { focus: FocusRequest | null | undefined; nodes: FlowNode[]; edges: FlowEdge[] }) {
  const flow = useReactFlow();
  const last = useRef<number | null>(null);
  useEffect(() => {
    if (!focus || focus.nonce === last.current) return;
    last.current = focus.nonce;
    const edge = focus.edgeId ? edges.find((e) => e.id === focus.edgeId) : undefined;
    const ids = focus.nodeId ? [focus.nodeId] : edge ? [edge.source, edge.target] : [];
    if (ids.length === 0 || !ids.every((id) => nodes.some((n) => n.id === id))) return;
    void flow.fitView({ nodes: ids.map((id) => ({ id })), duration: 300, maxZoom: 1.1, padding: 0.4 });
  }, [focus, flow, nodes, edges]);
  return null;
}

export function FlowCanvas({
  nodes,
  edges,
  readOnly,
  onNodesChange,
  onEdgesChange,
  onConnect,
  isValidConnection,
  onDrop,
  onNodeClick,
  onPaneClick,
  focus,
  label,
  children,
}: {
  nodes: FlowNode[];
  edges: FlowEdge[];
  readOnly?: boolean;
  onNodesChange?(changes: NodeChange<FlowNode>[]): void;
  onEdgesChange?(changes: EdgeChange<FlowEdge>[]): void;
  onConnect?: OnConnect;
  isValidConnection?: IsValidConnection<FlowEdge>;
  onDrop?(event: DragEvent): void;
  onNodeClick?(nodeId: string): void;
  onPaneClick?(): void;
  focus?: FocusRequest | null;
  label: string;
  children?: ReactNode;
}) {
  return (
    <div
      className="flow-canvas"
      role="region"
      aria-label={label}
      onDragOver={(e) => {
        if (!onDrop) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
      }}
      onDrop={onDrop}
    >
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onNodeClick={onNodeClick ? (_e, node) => onNodeClick(node.id) : undefined}
        onPaneClick={onPaneClick}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        nodesFocusable
        edgesFocusable
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.15}
        maxZoom={1.75}
        onlyRenderVisibleElements={nodes.length > 60}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{ 'node.a11yDescription.default': 'Press Enter or Space to select this step. Arrow keys move it.' }}
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
        <MiniMap<FlowNode> style={{ width: 150, height: 100 }} pannable zoomable nodeColor={minimapColor} nodeStrokeWidth={0} ariaLabel="Minimap" />
        <Controls showInteractive={false} aria-label="Zoom controls" />
        <FocusOnRequest focus={focus} nodes={nodes} edges={edges} />
        {children}
      </ReactFlow>
    </div>
  );
}
