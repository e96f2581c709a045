import { createContext, useContext } from 'react';
import type { NodeType } from '../../automation/dsl';

/** What edges and cards may ask the editor to do; absent on a read-only canvas. */
export interface CanvasActions {
  insertOnEdge(edgeId: string, type: NodeType): void;
  deleteEdge(edgeId: string): void;
}

export const CanvasActionsContext = createContext<CanvasActions | null>(null);

export function useCanvasActions(): CanvasActions | null {
  return useContext(CanvasActionsContext);
}
