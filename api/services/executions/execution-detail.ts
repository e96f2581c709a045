import type { Client } from '@temporalio/client';
import { AutomationRun, AutomationVersion, Message, RunStep } from '../../../db/entities';
import { automationRunQuery, type AutomationRunView } from '../../../workflows/automation-run-contract';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import { automationNames } from './list-executions';
import { type ExecutionSummary, presentExecution, presentRunMessage, presentStep } from './present-execution';

/** How long the detail view waits for the running workflow to answer its query. */
const LIVE_QUERY_MS = 3_000;

export async function findRunOrThrow(ctx: Pick<RequestContext, 'em'>, id: string): Promise<AutomationRun> {
  const run = await ctx.em.findOne(AutomationRun, { id });
  if (!run) throw notFound('Execution', id);
  return run;
}

export interface ExecutionDetail extends ExecutionSummary {
  definition: Record<string, unknown> | null;
  steps: Array<ReturnType<typeof presentStep>>;
  messages: Array<ReturnType<typeof presentRunMessage>>;
  /** The workflow's own view while it runs (automationRun query); absent once it has ended or when it does not answer. */
  live?: AutomationRunView;
  liveError?: string;
}

/** Asks the running workflow where it is; a worker that does not answer in time is reported, not waited for. */
export async function queryLive(temporal: Client, workflowId: string): Promise<{ live?: AutomationRunView; liveError?: string }> {
  try {
    const live = await temporal.withDeadline(Date.now() + LIVE_QUERY_MS, () => temporal.workflow.getHandle(workflowId).query(automationRunQuery));
    return { live };
  } catch (err) {
    return { liveError: `the workflow did not answer its query: ${(err as Error).message}` };
  }
}

/** One run: the pinned version's definition, every step with its input and output, the messages it sent, and the live view. */
export async function executionDetail(ctx: RequestContext, temporal: Client, id: string): Promise<ExecutionDetail> {
  const run = await findRunOrThrow(ctx, id);
  const [version, steps, messages, names] = await Promise.all([
    ctx.em.findOne(AutomationVersion, { id: run.automationVersionId }),
    ctx.em.find(RunStep, { runId: run.id }, { orderBy: { sequence: 'asc' } }),
    ctx.em.find(Message, { automationRunId: run.id }, { orderBy: { createdAt: 'asc' } }),
    automationNames(ctx, [run.automationId]),
  ]);
  const detail: ExecutionDetail = {
    ...presentExecution(run, names.get(run.automationId) ?? null),
    definition: version?.definition ?? null,
    steps: steps.map(presentStep),
    messages: messages.map(presentRunMessage),
  };
  if (run.status === 'running' || run.status === 'waiting') Object.assign(detail, await queryLive(temporal, run.workflowId));
  return detail;
}
