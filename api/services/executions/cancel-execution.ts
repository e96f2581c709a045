import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import { AuditLog } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';
import { findRunOrThrow } from './execution-detail';

export interface ExecutionCommandResult {
  id: string;
  workflowId: string;
  /** What was asked of the workflow; its own steps record the outcome. */
  requested: 'cancel' | 'retry';
}

/**
 * Asks the run's workflow to cancel. The interpreter stops where it is (a pending send never goes
 * out), records the run as cancelled and tells its appointment workflow; this answers 202 at once.
 */
export async function cancelExecution(ctx: RequestContext, temporal: Client, id: string): Promise<ExecutionCommandResult> {
  const run = await findRunOrThrow(ctx, id);
  if (run.status !== 'running' && run.status !== 'waiting') {
    throw new AppError('INVALID_STATE', `The run has already ended (${run.status}); only a running or waiting run can be cancelled`);
  }
  try {
    await temporal.workflow.getHandle(run.workflowId).cancel();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new AppError('INVALID_STATE', `The workflow ${run.workflowId} is no longer running; it ended before the cancel arrived`);
    }
    throw err;
  }
  createInTenant(ctx, AuditLog, {
    userId: ctx.user.id,
    action: 'execution.cancel',
    entityType: 'automation_run',
    entityId: run.id,
    changes: { workflowId: run.workflowId, status: run.status },
    requestId: ctx.requestId,
  });
  await ctx.em.flush();
  ctx.logger.info({ runId: run.id, workflowId: run.workflowId }, 'automation run cancel requested');
  return { id: run.id, workflowId: run.workflowId, requested: 'cancel' };
}
