import { type Client, ScheduleNotFoundError } from '@temporalio/client';
import type { ReportSchedule } from '../../../../db/entities';
import type { Logger } from '../../../../runtime/logger';
import { reportScheduleId } from '../../../../workflows/report-schedule-contract';
import { reportScheduleOptions } from './report-schedule-options';

export interface ReportScheduleSyncDeps {
  temporal: Client;
  taskQueue: string;
  logger: Logger;
}

/**
 * Makes the Temporal Schedule match the setting: created or updated while it is enabled, deleted
 * when it is not. Idempotent.
 */
export async function syncReportSchedule(deps: ReportScheduleSyncDeps, schedule: ReportSchedule, timezone: string): Promise<'created' | 'updated' | 'deleted' | 'absent'> {
  const handle = deps.temporal.schedule.getHandle(reportScheduleId(schedule.tenantId, schedule.frequency));
  const log = deps.logger.child({ tenantId: schedule.tenantId, scheduleId: handle.scheduleId });
  if (!schedule.enabled) {
    try {
      await handle.delete();
      log.info('report schedule deleted');
      return 'deleted';
    } catch (error) {
      if (error instanceof ScheduleNotFoundError) return 'absent';
      throw error;
    }
  }
  const options = reportScheduleOptions(schedule, timezone, deps.taskQueue);
  try {
    await handle.update(() => ({ spec: options.spec, action: options.action, policies: options.policies, state: { paused: false, note: options.state?.note } }) as never);
    log.info('report schedule updated');
    return 'updated';
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  await deps.temporal.schedule.create(options);
  log.info('report schedule created');
  return 'created';
}
