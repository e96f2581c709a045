import type { AutomationStatus } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import type { AutomationBody } from '../../routes/automations.schema';
import { syncScheduleAfterChange } from '../automation-schedules/after-automation-change';
import type { ScheduleSyncDeps } from '../automation-schedules/sync-automation-schedule';
import { automationBody, findAutomationOrThrow } from './find-automation';

export type AutomationStatusChange = 'pause' | 'resume' | 'archive';

/**
 * Pause stops new runs (runs in flight go on: they were started on a version and finish on it);
 * resume starts them again, from archive too; archive hides the automation and stops new runs.
 * Repeating a change is harmless.
 */
export async function changeAutomationStatus(
  ctx: RequestContext,
  id: string,
  change: AutomationStatusChange,
  schedules?: Omit<ScheduleSyncDeps, 'logger'>,
): Promise<AutomationBody> {
  const automation = await findAutomationOrThrow(ctx.em, id);
  const from = automation.status;
  let to: AutomationStatus;
  switch (change) {
    case 'pause':
      if (from === 'archived') throw new AppError('INVALID_STATE', `"${automation.name}" is archived; resume it instead`);
      if (from === 'draft') throw new AppError('INVALID_STATE', `"${automation.name}" has never been published, so nothing runs to pause`);
      to = 'paused';
      break;
    case 'resume':
      to = automation.publishedVersionId ? 'active' : 'draft';
      break;
    case 'archive':
      to = 'archived';
      break;
  }
  if (to !== from) {
    automation.status = to;
    await ctx.em.flush();
    ctx.logger.info({ automationId: id, from, to }, 'automation status changed');
  }
  // Paused with the automation, resumed with it, deleted when it is archived.
  await syncScheduleAfterChange(ctx, schedules, id);
  return automationBody(ctx, automation);
}
