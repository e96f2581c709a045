import type { Client } from '@temporalio/client';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { Appointment, AuditLog, AutomationRun, RunStep } from '../../../db/entities';
import {
  type AutomationRunCarry,
  type AutomationRunInput,
  type AutomationRunResult,
  automationRunWorkflowType,
  STEPS_KEPT,
  type StepRecord,
} from '../../../workflows/automation-run-contract';
import { isActionType, type RunState } from '../../../workflows/dsl';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';
import type { ExecutionCommandResult } from './cancel-execution';
import { adoptRetriedRun, releaseRetriedRun, withCurrentAppointment } from './adopt-retried-run';
import { findRunOrThrow } from './execution-detail';

const notRetryable = (message: string) => new AppError('RETRY_NOT_POSSIBLE', message);

/** The input the closed execution started with and the result it ended with, read from its history. */
async function closedExecution(temporal: Client, workflowId: string): Promise<{ input: AutomationRunInput; result: AutomationRunResult }> {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  const events = history.events ?? [];
  const started = events[0]?.workflowExecutionStartedEventAttributes;
  const completed = events[events.length - 1]?.workflowExecutionCompletedEventAttributes;
  if (!started || !completed) throw notRetryable('The run did not end with a result (its workflow failed or was terminated); start a new one instead');
  const converter = temporal.options.loadedDataConverter;
  const [input] = (await decodeArrayFromPayloads(converter, started.input?.payloads)) as [AutomationRunInput];
  const [result] = (await decodeArrayFromPayloads(converter, completed.result?.payloads)) as [AutomationRunResult];
  return { input, result };
}

function toStepRecord(step: RunStep): StepRecord {
  const { detail, ...output } = (step.output ?? {}) as { detail?: unknown };
  return {
    sequence: step.sequence,
    nodeId: step.nodeId,
    nodeType: step.nodeType,
    status: step.status === 'started' ? 'waiting' : step.status,
    ...(step.exit ? { exit: step.exit } : {}),
    detail: typeof detail === 'string' ? detail : '',
    ...(step.input ? { input: step.input } : {}),
    ...(Object.keys(output).length > 0 ? { output } : {}),
    ...(step.error ? { error: step.error } : {}),
    startedAt: step.startedAt.toISOString(),
    ...(step.endedAt ? { endedAt: step.endedAt.toISOString() } : {}),
  };
}

/**
 * The state the run resumes from: back at the failed action, entered once more. The occurrence
 * count of that node goes up by one, so the retried send gets a new idempotency key (the failed
 * one is settled as failed in the outbox and would be answered "failed" again) while every earlier
 * send keeps its key. Step numbers continue after the last recorded step.
 */
export function resumeState(result: AutomationRunResult, nextSequence: number, now: number): RunState {
  const path = [...result.path, result.endNodeId];
  const occurrences: Record<string, number> = {};
  for (const nodeId of path) occurrences[nodeId] = (occurrences[nodeId] ?? 0) + 1;
  return { nodeId: result.endNodeId, enteredAt: now, path, occurrences, stepsSinceBlock: 0, steps: nextSequence };
}

/**
 * Retries a run that ended on a failed action, from that action: the interpreter is started again
 * under the same workflow id with its continue-as-new carry (workflows/automation-run-contract.ts)
 * pointing at the failed node, the same pinned version, the context it had and the same ids, so
 * every idempotency key except the retried node's is unchanged. Its appointment workflow adopts it
 * first, so later events of the appointment still reach it.
 */
export async function retryExecution(ctx: RequestContext, temporal: Client, taskQueue: string, id: string): Promise<ExecutionCommandResult> {
  const run = await findRunOrThrow(ctx, id);
  if (run.status !== 'failed') throw notRetryable(`Only a failed run can be retried; this one is ${run.status}`);
  if (run.endReason !== 'actionFailed') {
    throw notRetryable(`The run ended with "${run.endReason ?? 'an error'}", not on a failed action; there is no step to retry`);
  }
  const { input, result } = await closedExecution(temporal, run.workflowId);
  const failedNode = input.definition.nodes.find((node) => node.id === result.endNodeId);
  if (!failedNode || !isActionType(failedNode.type)) throw notRetryable(`The run did not stop on an action (it stopped at "${result.endNodeId}")`);

  const steps = await ctx.em.find(RunStep, { runId: run.id }, { orderBy: { sequence: 'desc' }, limit: STEPS_KEPT });
  const nextSequence = (steps[0]?.sequence ?? result.path.length) + 1;
  const appointmentId = result.context.appointment?.id;
  const appointment = typeof appointmentId === 'string' ? await ctx.em.findOne(Appointment, { id: appointmentId }) : null;
  const carry: AutomationRunCarry = {
    state: resumeState(result, nextSequence, Date.now()),
    context: withCurrentAppointment(result.context, appointment),
    runRowId: run.id,
    steps: steps.reverse().map(toStepRecord),
    inbox: [],
  };
  // The row shows the run going again before the workflow can write to it (it would win a race).
  const previous = { status: run.status, currentNodeId: run.currentNodeId, endReason: run.endReason, endedAt: run.endedAt, error: run.error };
  const reopened = await ctx.em.nativeUpdate(
    AutomationRun,
    { id: run.id, status: 'failed' },
    { status: 'running', currentNodeId: result.endNodeId, endReason: null, endedAt: null, error: null },
  );
  if (reopened !== 1) throw notRetryable('The run changed while the retry was being prepared; reload it and try again');
  const restore = () =>
    ctx.em.nativeUpdate(AutomationRun, { id: run.id }, { ...previous, endReason: previous.endReason ?? null, endedAt: previous.endedAt ?? null, error: previous.error ?? null });
  try {
    await adoptRetriedRun(temporal, taskQueue, run.workflowId, input);
  } catch (err) {
    await restore();
    throw err;
  }
  try {
    await temporal.workflow.start(automationRunWorkflowType, { workflowId: run.workflowId, taskQueue, args: [input, carry] });
  } catch (err) {
    await restore();
    await releaseRetriedRun(temporal, run.workflowId, input).catch((releaseErr: unknown) =>
      ctx.logger.warn({ err: releaseErr, workflowId: run.workflowId }, 'could not tell the appointment workflow that the retry did not start'),
    );
    throw err;
  }
  createInTenant(ctx, AuditLog, {
    userId: ctx.user.id,
    action: 'execution.retry',
    entityType: 'automation_run',
    entityId: run.id,
    changes: { workflowId: run.workflowId, fromNodeId: result.endNodeId, error: run.error ?? null },
    requestId: ctx.requestId,
  });
  await ctx.em.flush();
  ctx.logger.info({ runId: run.id, workflowId: run.workflowId, nodeId: result.endNodeId }, 'automation run retried from its failed step');
  return { id: run.id, workflowId: run.workflowId, requested: 'retry' };
}
