import { Automation } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { scheduledAutomationOf } from './scheduled-automation';
import { type ScheduleSyncDeps, syncAutomationSchedule } from './sync-automation-schedule';

/**
 * Called by the automation services after a publish, pause, resume, archive or delete has
 * committed. The row is the source of truth: a Temporal failure is logged and returned as a
 * warning (start-up reconciliation and the next change repair it), never a failed request.
 */
export async function syncScheduleAfterChange(
  ctx: Pick<RequestContext, 'em' | 'tenantId' | 'logger'>,
  deps: Omit<ScheduleSyncDeps, 'logger'> | undefined,
  automationId: string,
): Promise<string | undefined> {
  if (!deps) return undefined;
  try {
    const automation = await ctx.em.fork().findOne(Automation, { id: automationId }, { filters: false });
    const wanted = automation && automation.tenantId === ctx.tenantId ? await scheduledAutomationOf(ctx.em.fork(), automation) : null;
    await syncAutomationSchedule({ ...deps, logger: ctx.logger }, { tenantId: ctx.tenantId, automationId, wanted });
    return undefined;
  } catch (error) {
    ctx.logger.error({ err: error, automationId }, 'could not sync the automation schedule; start-up reconciliation will retry');
    return 'The time-based schedule could not be updated in Temporal right now; it will be retried when the server restarts.';
  }
}
