import type { AutomationRun, Message, RunStep } from '../../../db/entities';

export interface ExecutionSummary {
  id: string;
  workflowId: string;
  automationId: string;
  automationName: string | null;
  version: number;
  automationVersionId: string;
  status: AutomationRun['status'];
  triggerEvent: string;
  currentNodeId: string | null;
  nextWakeAt: string | null;
  path: string[];
  startedAt: string;
  endedAt: string | null;
  appointmentId: string | null;
  customerId: string | null;
  endReason: string | null;
  error: string | null;
}

const iso = (date: Date | undefined | null): string | null => (date ? date.toISOString() : null);

export function presentExecution(run: AutomationRun, automationName: string | null): ExecutionSummary {
  return {
    id: run.id,
    workflowId: run.workflowId,
    automationId: run.automationId,
    automationName,
    version: run.version,
    automationVersionId: run.automationVersionId,
    status: run.status,
    triggerEvent: run.triggerEvent,
    currentNodeId: run.currentNodeId ?? null,
    nextWakeAt: iso(run.nextWakeAt),
    path: run.path,
    startedAt: run.startedAt.toISOString(),
    endedAt: iso(run.endedAt),
    appointmentId: run.appointmentId ?? null,
    customerId: run.customerId ?? null,
    endReason: run.endReason ?? null,
    error: run.error ?? null,
  };
}

export function presentStep(step: RunStep) {
  return {
    sequence: step.sequence,
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    status: step.status,
    exit: step.exit ?? null,
    input: step.input ?? null,
    output: step.output ?? null,
    error: step.error ?? null,
    startedAt: step.startedAt.toISOString(),
    endedAt: iso(step.endedAt),
  };
}

export function presentRunMessage(message: Message) {
  return {
    id: message.id,
    channel: message.channel,
    to: message.to,
    subject: message.subject ?? null,
    body: message.body,
    status: message.status,
    errorCode: message.errorCode ?? null,
    createdAt: message.createdAt.toISOString(),
    sentAt: iso(message.sentAt),
    nodeId: message.nodeId ?? null,
  };
}
