import type { AutomationDefinition, ValidationProblem } from '../automation/dsl';

/** Shapes of /api/automations, /api/executions and /api/templates (see the API contract). */

export type AutomationStatus = 'draft' | 'active' | 'paused' | 'archived';

export interface AutomationStats {
  runsInFlight: number;
  lastRunAt: string | null;
  failures7d: number;
}

export interface AutomationSummary {
  id: string;
  name: string;
  description?: string | null;
  triggerEvent: string;
  status: AutomationStatus;
  publishedVersion: number | null;
  templateKey: string | null;
  updatedAt: string;
  createdAt: string;
  stats?: AutomationStats;
}

export interface Automation extends AutomationSummary {
  publishedVersionId: string | null;
  /** The draft as saved; it may not be a valid definition yet. */
  draft: AutomationDefinition;
}

export interface AutomationTemplate {
  key: string;
  name: string;
  description?: string | null;
  triggerEvent: string;
  definition: AutomationDefinition;
}

export interface AutomationVersion {
  id: string;
  version: number;
  publishedAt: string;
  publishedByUserId?: string | null;
  definition: AutomationDefinition;
}

export interface ValidateResponse {
  ok: boolean;
  problems: ValidationProblem[];
}

export interface PublishResponse {
  version: number;
  automationVersionId: string;
  publishedAt: string;
}

export type WhatIfType = 'rescheduled' | 'cancelled' | 'reply' | 'checked_in' | 'completed' | 'no_show';

export interface WhatIfEvent {
  at: string;
  type: WhatIfType;
  startsAt?: string;
  body?: string;
}

export interface SimulateRequest {
  definition?: AutomationDefinition;
  appointmentId?: string;
  context?: Record<string, unknown>;
  startAt?: string;
  events?: WhatIfEvent[];
}

export interface RenderedMessage {
  channel: string;
  subject?: string;
  body: string;
}

export interface TimelineEntry {
  at: string;
  nodeId: string;
  type: string;
  handle?: string;
  skipped?: boolean;
  action?: { type: string; input?: Record<string, unknown>; status?: string };
  path?: string[];
  detail: string;
  rendered?: RenderedMessage;
}

export interface SimulateResponse {
  entries: TimelineEntry[];
  path: string[];
  endedBy: { reason: string; nodeId: string; at: string; detail: string };
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

export interface ExecutionSummary {
  id: string;
  workflowId: string;
  automationId: string;
  automationName: string | null;
  version: number;
  status: RunStatus;
  triggerEvent: string;
  currentNodeId: string | null;
  nextWakeAt: string | null;
  path: string[];
  startedAt: string;
  endedAt: string | null;
  appointmentId: string | null;
  customerId: string | null;
  endReason: string | null;
  error?: string | null;
}

export type StepStatus = 'started' | 'waiting' | 'succeeded' | 'skipped' | 'failed';

export interface ExecutionStep {
  sequence: number;
  nodeId: string;
  nodeType: string;
  status: StepStatus;
  exit: string | null;
  input: Record<string, unknown> | null;
  output: Record<string, unknown> | null;
  error: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface ExecutionMessage {
  id: string;
  channel: string;
  to: string;
  body: string;
  subject?: string | null;
  status: string;
  createdAt: string;
  sentAt: string | null;
  nodeId: string | null;
}

export interface ExecutionDetail extends ExecutionSummary {
  /** The pinned version's definition (null when the version is gone). */
  definition: AutomationDefinition | null;
  steps: ExecutionStep[];
  messages: ExecutionMessage[];
  live?: Record<string, unknown>;
  liveError?: string;
}

export interface MessageTemplate {
  id: string;
  key: string;
  name: string;
  channel: 'sms' | 'whatsapp' | 'email';
  subject?: string | null;
  body: string;
}

export interface TemplatePreview {
  subject?: string;
  body: string;
  sms?: { encoding: string; length: number; segments: number };
}

export interface AppointmentSummary {
  id: string;
  startsAt: string;
  endsAt?: string;
  status?: string;
  customerId?: string;
  serviceId?: string;
  customer?: { name?: string } | null;
  service?: { name?: string } | null;
}
