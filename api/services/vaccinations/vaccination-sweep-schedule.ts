import { type Client, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Logger } from '../../../runtime/logger';
import { vaccinationSweepScheduleId, vaccinationSweepWorkflowType } from '../../../workflows/vaccination-watch-contract';

export interface SweepScheduleDeps {
  temporal: Client;
  taskQueue: string;
  logger: Logger;
}

/** The daily sweep at 03:00 UTC, before any business's morning alerts; created once, kept as is. */
export async function ensureVaccinationSweepSchedule(deps: SweepScheduleDeps): Promise<void> {
  const scheduleId = vaccinationSweepScheduleId(deps.taskQueue);
  try {
    await deps.temporal.schedule.getHandle(scheduleId).describe();
    return;
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
  try {
    await deps.temporal.schedule.create({
      scheduleId,
      spec: { cronExpressions: ['0 3 * * *'], timezone: 'UTC' },
      action: { type: 'startWorkflow', workflowType: vaccinationSweepWorkflowType, workflowId: `${scheduleId}:run`, taskQueue: deps.taskQueue, args: [{}] },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      state: { note: 'Starts the watches of vaccination records nothing watches yet (imports)' },
    });
    deps.logger.info({ scheduleId }, 'vaccination sweep schedule created');
  } catch (error) {
    // Another replica created it at the same moment.
    if ((error as Error).name !== 'ScheduleAlreadyRunning') throw error;
  }
}

/** Runs the sweep now (after an import brought vaccination records), creating its Schedule if needed. */
export async function triggerVaccinationSweep(deps: SweepScheduleDeps): Promise<void> {
  await ensureVaccinationSweepSchedule(deps);
  await deps.temporal.schedule.getHandle(vaccinationSweepScheduleId(deps.taskQueue)).trigger(ScheduleOverlapPolicy.BUFFER_ONE);
}
