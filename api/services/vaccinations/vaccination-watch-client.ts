import type { Client } from '@temporalio/client';
import type { Logger } from '../../../runtime/logger';
import {
  type VaccinationChange,
  vaccinationChangedSignal,
  type VaccinationWatchInput,
  vaccinationWatchWorkflowId,
  vaccinationWatchWorkflowType,
} from '../../../workflows/vaccination-watch-contract';

export interface WatchDeps {
  temporal: Client;
  taskQueue: string;
}

/**
 * Starts a record's watch, or tells the one running about a change (`edited` starts it when it
 * is not running). Called after the commit: the row is the source of truth, and a failure is
 * logged, never a failed request — the daily sweep starts watches that are missing.
 */
export async function notifyVaccinationWatch(
  deps: WatchDeps & { logger: Logger },
  target: { tenantId: string; vaccinationId: string },
  change: VaccinationChange | 'start',
): Promise<void> {
  const workflowId = vaccinationWatchWorkflowId(target.tenantId, target.vaccinationId);
  const args: [VaccinationWatchInput] = [{ tenantId: target.tenantId, vaccinationId: target.vaccinationId }];
  const log = deps.logger.child({ vaccinationId: target.vaccinationId, workflowId, change: change === 'start' ? 'start' : change.type });
  try {
    if (change === 'start') {
      await deps.temporal.workflow.start(vaccinationWatchWorkflowType, { workflowId, taskQueue: deps.taskQueue, args, workflowIdConflictPolicy: 'USE_EXISTING' });
    } else if (change.type === 'edited') {
      await deps.temporal.workflow.signalWithStart(vaccinationWatchWorkflowType, { workflowId, taskQueue: deps.taskQueue, args, signal: vaccinationChangedSignal, signalArgs: [change] });
    } else {
      await deps.temporal.workflow.getHandle(workflowId).signal(vaccinationChangedSignal, change);
    }
    log.info('vaccination watch notified');
  } catch (error) {
    if ((error as Error).name === 'WorkflowNotFoundError') return;
    log.error({ err: error }, 'could not notify the vaccination watch; the daily sweep will catch up');
  }
}
