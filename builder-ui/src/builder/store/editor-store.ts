import type { EdgeChange, NodeChange } from '@xyflow/react';
import { createStore } from 'zustand/vanilla';
import type { AutomationDefinition, AutomationEdge, AutomationNode, AutomationTrigger, NodeType, Position } from '../../automation/dsl';
import { connectionProblem, type ConnectionAttempt } from '../graph/connect';
import { exitsOf, handleOf, storedHandle } from '../graph/exits';
import { edgeIdFor, freshId } from '../graph/ids';
import { autoLayout, DEFAULT_NODE_SIZE } from '../graph/layout';
import { nodeUi } from '../nodes/registry';
import type { FlowNode } from '../graph/to-flow';
import type { Clip } from './clipboard';
import { undoable, type HistoryControl, type HistorySlice } from './history';

/** What the canvas highlights: a simulated path, or a run's path with where it stands. */
export interface Highlight {
  source: 'preview' | 'run';
  nodeIds: string[];
  edgeIds: string[];
}

export interface EditorState extends HistorySlice<AutomationDefinition> {
  /** The definition being edited: the only part undo/redo tracks. */
  doc: AutomationDefinition;
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  measured: Record<string, { width: number; height: number }>;
  highlight: Highlight | null;
  /** A request to bring a node or edge into view (problem list, timeline). */
  focus: { nodeId?: string; edgeId?: string; nonce: number } | null;

  load(doc: AutomationDefinition): void;
  /** Replaces the whole definition as one undoable step (import, restore a version). */
  replaceDoc(doc: AutomationDefinition): void;
  setName(name: string): void;
  setDescription(description: string): void;
  setTrigger(trigger: AutomationTrigger, field: string): void;
  addNode(type: NodeType, position: Position, from?: { source: string; handle: string }): string | null;
  insertOnEdge(edgeId: string, type: NodeType): string | null;
  updateNodeData(id: string, patch: Record<string, unknown>, field: string): void;
  /** Draws an edge (moving the exit's old edge, if any); answers why not when it may not be drawn. */
  connect(attempt: ConnectionAttempt): string | null;
  removeElements(nodeIds: string[], edgeIds: string[]): void;
  deleteSelection(): void;
  applyNodeChanges(changes: NodeChange<FlowNode>[]): void;
  applyEdgeChanges(changes: EdgeChange[]): void;
  select(nodeIds: string[], edgeIds?: string[]): void;
  selectAll(): void;
  copySelection(): Clip | null;
  paste(clip: Clip, offset?: Position): void;
  layout(): void;
  setHighlight(highlight: Highlight | null): void;
  requestFocus(target: { nodeId?: string; edgeId?: string }): void;
}

export const EMPTY_DEFINITION: AutomationDefinition = {
  schemaVersion: 1,
  name: 'Untitled automation',
  trigger: { event: 'appointment.booked' },
  nodes: [],
  edges: [],
};

/** Undefined keys are dropped so the saved JSON has no `"x": undefined` holes. */
function clean(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
}

function newNode(type: NodeType, id: string, position: Position): AutomationNode {
  return { id, type, position: { x: Math.round(position.x), y: Math.round(position.y) }, data: clean(nodeUi(type).defaults()) } as AutomationNode;
}

/** The nearest place at or below `at` where a new card does not cover another one. */
function freeSpot(at: Position, nodes: AutomationNode[], measured: EditorState['measured']): Position {
  const w = DEFAULT_NODE_SIZE.width;
  const h = DEFAULT_NODE_SIZE.height;
  const spot = { x: Math.round(at.x), y: Math.round(at.y) };
  for (let tries = 0; tries < 200; tries += 1) {
    const hit = nodes.find((n) => {
      const nw = measured[n.id]?.width ?? w;
      const nh = measured[n.id]?.height ?? h;
      return spot.x < n.position.x + nw + 16 && spot.x + w + 16 > n.position.x && spot.y < n.position.y + nh + 16 && spot.y + h + 16 > n.position.y;
    });
    if (!hit) return spot;
    spot.y = hit.position.y + (measured[hit.id]?.height ?? h) + 24;
  }
  return spot;
}

function firstExit(node: AutomationNode): string | null {
  return exitsOf(node)[0]?.handle ?? null;
}

function edge(source: string, handle: string, target: string, taken: Set<string>): AutomationEdge {
  const sourceHandle = storedHandle(handle);
  const id = edgeIdFor({ source, target, sourceHandle: sourceHandle ?? null }, taken);
  taken.add(id);
  return sourceHandle ? { id, source, target, sourceHandle } : { id, source, target };
}

export function createEditorStore(initial: AutomationDefinition = EMPTY_DEFINITION) {
  return createStore<EditorState>()(
    undoable<EditorState, AutomationDefinition>(
      (s) => s.doc,
      (doc) => ({ doc }),
      (set, get, history: HistoryControl) => {
        let dragging = false;
        const setDoc = (doc: AutomationDefinition, field: string | null = null) => {
          history.group(field);
          set({ doc });
        };
        const nodeIds = () => new Set(get().doc.nodes.map((n) => n.id));
        const edgeIds = () => new Set(get().doc.edges.map((e) => e.id));

        return {
          doc: initial,
          selectedNodeIds: [],
          selectedEdgeIds: [],
          measured: {},
          highlight: null,
          focus: null,

          load(doc) {
            set({ doc, selectedNodeIds: [], selectedEdgeIds: [], highlight: null });
            history.clear();
          },
          replaceDoc(doc) {
            const ids = new Set(doc.nodes.map((n) => n.id));
            setDoc(doc);
            set({ selectedNodeIds: get().selectedNodeIds.filter((id) => ids.has(id)), selectedEdgeIds: [] });
          },
          setName(name) {
            setDoc({ ...get().doc, name }, 'doc.name');
          },
          setDescription(description) {
            const { description: _old, ...rest } = get().doc;
            setDoc(description ? { ...rest, description } : rest, 'doc.description');
          },
          setTrigger(trigger, field) {
            setDoc({ ...get().doc, trigger }, field);
          },
          addNode(type, position, from) {
            const { doc } = get();
            if (type === 'trigger' && doc.nodes.some((n) => n.type === 'trigger')) return null;
            const id = freshId(type, nodeIds());
            const node = newNode(type, id, freeSpot(position, doc.nodes, get().measured));
            let edges = doc.edges;
            if (from && connectionProblem({ ...doc, nodes: [...doc.nodes, node] }, { source: from.source, target: id, sourceHandle: from.handle }) === null) {
              edges = [...edges, edge(from.source, from.handle, id, edgeIds())];
            }
            setDoc({ ...doc, nodes: [...doc.nodes, node], edges });
            set({ selectedNodeIds: [id], selectedEdgeIds: [] });
            return id;
          },
          insertOnEdge(edgeId, type) {
            const { doc, measured } = get();
            const old = doc.edges.find((e) => e.id === edgeId);
            if (!old || type === 'trigger' || type === 'goal') return null;
            const source = doc.nodes.find((n) => n.id === old.source);
            const target = doc.nodes.find((n) => n.id === old.target);
            if (!source || !target) return null;
            const id = freshId(type, nodeIds());
            const height = measured[source.id]?.height ?? DEFAULT_NODE_SIZE.height;
            const node = newNode(type, id, { x: source.position.x, y: source.position.y + height + 40 });
            const taken = new Set(doc.edges.filter((e) => e.id !== edgeId).map((e) => e.id));
            const edges = doc.edges.filter((e) => e.id !== edgeId);
            edges.push(edge(source.id, handleOf(old), id, taken));
            const out = type === 'end' ? null : firstExit(node);
            if (out) edges.push(edge(id, out, target.id, taken));
            // Make room: everything at or below the new node moves down by one row.
            const shift = height + 40;
            const nodes = doc.nodes.map((n) => (n.position.y >= node.position.y - 1 && n.type !== 'goal' ? { ...n, position: { ...n.position, y: n.position.y + shift } } : n));
            setDoc({ ...doc, nodes: [...nodes, node], edges });
            set({ selectedNodeIds: [id], selectedEdgeIds: [] });
            return id;
          },
          updateNodeData(id, patch, field) {
            const { doc } = get();
            const nodes = doc.nodes.map((n) => (n.id === id ? ({ ...n, data: clean({ ...n.data, ...patch }) } as AutomationNode) : n));
            // An exit that disappeared (a split variant removed) takes its edge with it.
            const node = nodes.find((n) => n.id === id);
            const handles = node ? new Set(exitsOf(node).map((e) => e.handle)) : new Set<string>();
            const edges = doc.edges.filter((e) => e.source !== id || handles.has(handleOf(e)) || handles.size === 0);
            setDoc({ ...doc, nodes, edges }, `${id}:${field}`);
          },
          connect(attempt) {
            const { doc } = get();
            const problem = connectionProblem(doc, attempt, { rewire: true });
            if (problem) return problem;
            const handle = handleOf({ sourceHandle: attempt.sourceHandle ?? null });
            const kept = doc.edges.filter((e) => !(e.source === attempt.source && handleOf(e) === handle));
            setDoc({ ...doc, edges: [...kept, edge(attempt.source, handle, attempt.target, new Set(kept.map((e) => e.id)))] });
            return null;
          },
          removeElements(removeNodes, removeEdges) {
            const { doc } = get();
            const nodes = new Set(removeNodes);
            const edges = new Set(removeEdges);
            if (nodes.size === 0 && edges.size === 0) return;
            setDoc({
              ...doc,
              nodes: doc.nodes.filter((n) => !nodes.has(n.id)),
              edges: doc.edges.filter((e) => !edges.has(e.id) && !nodes.has(e.source) && !nodes.has(e.target)),
            });
            set({ selectedNodeIds: get().selectedNodeIds.filter((id) => !nodes.has(id)), selectedEdgeIds: [] });
          },
          deleteSelection() {
            const { selectedNodeIds, selectedEdgeIds } = get();
            get().removeElements(selectedNodeIds, selectedEdgeIds);
          },
          applyNodeChanges(changes) {
            let { selectedNodeIds, measured } = get();
            const moves = new Map<string, Position>();
            let selectionChanged = false;
            let sizeChanged = false;
            let dragEnded = false;
            for (const change of changes) {
              if (change.type === 'select') {
                selectionChanged = true;
                selectedNodeIds = change.selected
                  ? selectedNodeIds.includes(change.id) ? selectedNodeIds : [...selectedNodeIds, change.id]
                  : selectedNodeIds.filter((id) => id !== change.id);
              } else if (change.type === 'dimensions' && change.dimensions) {
                const prev = measured[change.id];
                const { width, height } = change.dimensions;
                if (!prev || prev.width !== width || prev.height !== height) {
                  if (!sizeChanged) measured = { ...measured };
                  sizeChanged = true;
                  measured[change.id] = { width, height };
                }
              } else if (change.type === 'position') {
                if (change.position) moves.set(change.id, change.position);
                if (change.dragging && !dragging) {
                  dragging = true;
                  history.begin();
                } else if (!change.dragging && dragging) {
                  dragEnded = true;
                }
              }
            }
            if (selectionChanged || sizeChanged) set({ selectedNodeIds, measured });
            if (moves.size > 0) {
              const { doc } = get();
              setDoc({ ...doc, nodes: doc.nodes.map((n) => (moves.has(n.id) ? { ...n, position: { x: Math.round(moves.get(n.id)!.x), y: Math.round(moves.get(n.id)!.y) } } : n)) });
            }
            if (dragEnded) {
              dragging = false;
              history.end();
            }
          },
          applyEdgeChanges(changes) {
            let { selectedEdgeIds } = get();
            let changed = false;
            for (const change of changes) {
              if (change.type !== 'select') continue;
              changed = true;
              selectedEdgeIds = change.selected
                ? selectedEdgeIds.includes(change.id) ? selectedEdgeIds : [...selectedEdgeIds, change.id]
                : selectedEdgeIds.filter((id) => id !== change.id);
            }
            if (changed) set({ selectedEdgeIds });
          },
          select(nodeIdsToSelect, edgeIdsToSelect = []) {
            set({ selectedNodeIds: nodeIdsToSelect, selectedEdgeIds: edgeIdsToSelect });
          },
          selectAll() {
            const { doc } = get();
            set({ selectedNodeIds: doc.nodes.map((n) => n.id), selectedEdgeIds: doc.edges.map((e) => e.id) });
          },
          copySelection() {
            const { doc, selectedNodeIds } = get();
            const ids = new Set(selectedNodeIds);
            if (ids.size === 0) return null;
            return {
              nodes: doc.nodes.filter((n) => ids.has(n.id)),
              edges: doc.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
            };
          },
          paste(clip, offset = { x: 40, y: 40 }) {
            const { doc } = get();
            const hasTrigger = doc.nodes.some((n) => n.type === 'trigger');
            const taken = nodeIds();
            const rename = new Map<string, string>();
            const nodes: AutomationNode[] = [];
            for (const node of clip.nodes) {
              if (node.type === 'trigger' && (hasTrigger || nodes.some((n) => n.type === 'trigger'))) continue;
              const id = freshId(node.id, taken);
              taken.add(id);
              rename.set(node.id, id);
              nodes.push({ ...node, id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } } as AutomationNode);
            }
            if (nodes.length === 0) return;
            const takenEdges = edgeIds();
            const edges = clip.edges
              .filter((e) => rename.has(e.source) && rename.has(e.target))
              .map((e) => edge(rename.get(e.source)!, handleOf(e), rename.get(e.target)!, takenEdges));
            setDoc({ ...doc, nodes: [...doc.nodes, ...nodes], edges: [...doc.edges, ...edges] });
            set({ selectedNodeIds: nodes.map((n) => n.id), selectedEdgeIds: [] });
          },
          layout() {
            const { doc, measured } = get();
            const positions = autoLayout(doc, measured);
            setDoc({ ...doc, nodes: doc.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)) });
          },
          setHighlight(highlight) {
            set({ highlight });
          },
          requestFocus(target) {
            set({ focus: { ...target, nonce: (get().focus?.nonce ?? 0) + 1 } });
          },
        };
      },
    ),
  );
}

export type EditorStore = ReturnType<typeof createEditorStore>;
