import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import type { Logger } from '../../../runtime/logger';
import { automationScheduleId } from '../../../workflows/automation-schedule-contract';
import { type ScheduledAutomation, scheduleOptions } from './schedule-options';

export interface ScheduleSyncDeps {
  temporal: Client;
  taskQueue: string;
  logger: Logger;
}

export type ScheduleSyncOutcome = 'created' | 'updated' | 'deleted' | 'absent';

/**
 * Makes the Temporal Schedule of one automation match it: created or updated (cron, zone,
 * version note, paused with the automation) while its published version has a schedule trigger
 * and it is active or paused; deleted once it is archived, deleted, or no longer on a schedule.
 * Idempotent, so the publish/status services and start-up reconciliation all call it.
 */
export async function syncAutomationSchedule(
  deps: ScheduleSyncDeps,
  target: { tenantId: string; automationId: string; wanted: ScheduledAutomation | null },
): Promise<ScheduleSyncOutcome> {
  const handle = deps.temporal.schedule.getHandle(automationScheduleId(target.tenantId, target.automationId));
  const log = deps.logger.child({ tenantId: target.tenantId, automationId: target.automationId, scheduleId: handle.scheduleId });
  if (!target.wanted) {
    try {
      await handle.delete();
      log.info('automation schedule deleted');
      return 'deleted';
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return 'absent';
      throw error;
    }
  }
  const options = scheduleOptions(target.wanted, deps.taskQueue);
  try {
    await handle.update(() => ({ spec: options.spec, action: options.action, policies: options.policies, state: { paused: options.state?.paused ?? false, note: options.state?.note } }) as never);
    log.info({ paused: options.state?.paused }, 'automation schedule updated');
    return 'updated';
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  await deps.temporal.schedule.create(options);
  log.info({ paused: options.state?.paused }, 'automation schedule created');
  return 'created';
}
