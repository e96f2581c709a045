import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { AutomationDefinition, EndReason, RunContext, RunEvent, RunState } from './dsl';

/** Names and payloads shared by the appointment workflow, the API (executions) and the interpreter. */
export const automationRunWorkflowType = 'automationRun';

export interface AutomationRunInput {
  tenantId: string;
  automationId: string;
  version: number;
  automationVersionId: string;
  /** The definition published when the run started: a run never changes version. */
  definition: AutomationDefinition;
  context: RunContext;
  triggerEvent: string;
  /** Tells apart several runs of one automation inside the same parent (e.g. `appointment.rescheduled:2`). */
  triggerKey?: string;
  /** The entity workflow that started the run (`appointment:<tenant>:<id>`); part of every idempotency key. */
  parentWorkflowId?: string;
  /** Continue as new once the history holds this many events (default HISTORY_LIMIT). */
  historyLimit?: number;
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

/** One thing the run did, as the query and the RunStep rows show it. */
export interface StepRecord {
  /** Position of the node visit in the run (RunState.steps when the run was at the node). */
  sequence: number;
  nodeId: string;
  nodeType: string;
  status: 'waiting' | 'succeeded' | 'skipped' | 'failed';
  /** The exit taken. */
  exit?: string;
  detail: string;
  input?: Record<string, unknown>;
  output?: Record<string, unknown>;
  error?: string;
  /** ISO-8601. */
  startedAt: string;
  endedAt?: string;
}

export interface AutomationRunView {
  automationId: string;
  version: number;
  status: RunStatus;
  currentNodeId: string;
  path: string[];
  /** The most recent steps (up to STEPS_KEPT), oldest first. */
  steps: StepRecord[];
  /** ISO-8601 of the next timer, or null when not waiting on one. */
  nextWakeAt: string | null;
  waitingFor: string[];
  endReason?: EndReason;
  context: RunContext;
}

export interface AutomationRunResult {
  status: Extract<RunStatus, 'completed' | 'failed'>;
  endReason: EndReason;
  endNodeId: string;
  detail: string;
  path: string[];
  context: RunContext;
}

/** What a run carries into its next execution on continue-as-new. */
export interface AutomationRunCarry {
  state: RunState;
  context: RunContext;
  runRowId: string;
  steps: StepRecord[];
  /** Events received but not yet delivered. */
  inbox: RunEvent[];
}

/**
 * Failures of action activities that no retry can fix, named in the workflow's retry policies.
 * The activities throw them as non-retryable ApplicationFailures of these types.
 */
export const NON_RETRYABLE_ACTION_ERRORS = [
  'AppointmentNotFound',
  'CustomerNotFound',
  'AppointmentTransitionRefused',
  'WebhookRejected',
  'NoRecipient',
  'TemplateNotFound',
  // Raised by the messaging activities (activities/messaging/send-message.ts) for sends a retry cannot fix.
  'TenantNotFound',
  'TemplateChannelMismatch',
  'TemplateError',
  'RecipientUnreachable',
  'InvalidInput',
] as const;
export type ActionErrorType = (typeof NON_RETRYABLE_ACTION_ERRORS)[number];

export const STEPS_KEPT = 100;
export const HISTORY_LIMIT = 2000;

export const runEventSignal = defineSignal<[RunEvent]>('runEvent');
export const automationRunQuery = defineQuery<AutomationRunView>('automationRun');

/** `run:<tenant>:<appointment>:<automation>:<event>:<n>`: the n-th time that event started this automation. */
export function automationRunWorkflowId(parts: {
  tenantId: string;
  subjectId: string;
  automationId: string;
  event: string;
  occurrence: number;
}): string {
  return `run:${parts.tenantId}:${parts.subjectId}:${parts.automationId}:${parts.event}:${parts.occurrence}`;
}
