import { AutomationVersion } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { syncScheduleAfterChange } from '../automation-schedules/after-automation-change';
import type { ScheduleSyncDeps } from '../automation-schedules/sync-automation-schedule';
import { findAutomationOrThrow } from './find-automation';
import { invalidAutomation, validateForTenant } from './validate-for-tenant';

export interface PublishResult {
  version: number;
  automationVersionId: string;
  publishedAt: string;
  warnings: string[];
}

/**
 * Publishes the draft as the next immutable AutomationVersion, after full validation against the
 * business's templates. New runs start on it at once; runs in flight keep the version they started
 * on. A paused automation stays paused (resume makes it run); a draft becomes active.
 */
export async function publishAutomation(ctx: RequestContext, id: string, schedules?: Omit<ScheduleSyncDeps, 'logger'>): Promise<PublishResult> {
  const result = await ctx.em.transactional(async (tx) => {
    // The row lock serialises two publishes of the same automation: each gets its own number.
    const automation = await findAutomationOrThrow(tx, id, { lock: true });
    if (automation.status === 'archived') {
      throw new AppError('INVALID_STATE', `"${automation.name}" is archived; resume it before publishing`);
    }
    const validation = await validateForTenant({ em: tx }, automation.draft);
    if (!validation.ok || !validation.definition) throw invalidAutomation(validation.problems, `"${automation.name}"`);
    const definition = validation.definition;

    const [latest] = await tx.find(AutomationVersion, { automationId: automation.id }, { orderBy: { version: 'desc' }, limit: 1, fields: ['version'] });
    const version = tx.create(AutomationVersion, {
      tenantId: ctx.tenantId,
      automationId: automation.id,
      version: (latest?.version ?? 0) + 1,
      definition: definition as unknown as Record<string, unknown>,
      publishedByUserId: ctx.user.id,
    });
    automation.publishedVersion = version.version;
    automation.publishedVersionId = version.id;
    automation.triggerEvent = definition.trigger.event;
    if (automation.status === 'draft') automation.status = 'active';
    await tx.flush();

    const warnings: string[] = [];
    if (automation.status === 'paused') warnings.push('The automation is paused: resume it to start new runs on this version.');
    return { version: version.version, automationVersionId: version.id, publishedAt: version.publishedAt.toISOString(), warnings };
  });
  ctx.logger.info({ automationId: id, version: result.version }, 'automation published');
  // A schedule trigger's Temporal Schedule follows the published version (or goes when it no longer has one).
  const scheduleWarning = await syncScheduleAfterChange(ctx, schedules, id);
  if (scheduleWarning) result.warnings.push(scheduleWarning);
  return result;
}
