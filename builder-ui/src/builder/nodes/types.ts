import type { ComponentType } from 'react';
import type { MessageTemplate } from '../../api/automation-types';
import type { AutomationTrigger, NodeDataOf, NodeType } from '../../automation/dsl';

export type PaletteGroup = 'Triggers' | 'Timing' | 'Logic' | 'Messages' | 'Appointment' | 'Customer' | 'Integrations';

export const PALETTE_GROUPS: PaletteGroup[] = ['Triggers', 'Timing', 'Logic', 'Messages', 'Appointment', 'Customer', 'Integrations'];

/** Node data as it may be while being edited: any field can be missing or wrong. */
export type DraftData<K extends NodeType> = Partial<NodeDataOf<K>> & Record<string, unknown>;

/** Field path ("duration", "variants.1.id", "" for the node as a whole) → message. */
export type FieldErrors = Record<string, string>;

/** What a card sentence or a form may look up beyond the node itself. */
export interface NodeEnv {
  templates: MessageTemplate[];
  /** Names set by setVariable nodes, offered as vars.<name>. */
  varNames: string[];
  trigger: AutomationTrigger;
}

export interface NodeFormProps<K extends NodeType> {
  nodeId: string;
  data: DraftData<K>;
  errors: FieldErrors;
  env: NodeEnv;
  /**
   * Merges fields into the node's data (`undefined` removes a key). `field` groups consecutive
   * edits of one field into one canvas undo step.
   */
  onChange(patch: Record<string, unknown>, field: string): void;
  /** The trigger node edits the automation's trigger. */
  onTriggerChange?(trigger: AutomationTrigger, field: string): void;
}

export interface NodeUi<K extends NodeType = NodeType> {
  type: K;
  group: PaletteGroup;
  /** Palette name, e.g. "Send SMS". */
  title: string;
  /** One line under the name in the palette. */
  hint: string;
  icon: ComponentType<{ width?: number; height?: number }>;
  /** Data a new node starts with (it may still need filling in: the form shows what). */
  defaults(): DraftData<K>;
  /** The card's sentence: "Wait until 24 h before the appointment". */
  sentence(data: DraftData<K>, env: NodeEnv): string;
  Form: ComponentType<NodeFormProps<K>>;
}

export function defineNodeUi<K extends NodeType>(ui: NodeUi<K>): NodeUi<K> {
  return ui;
}
