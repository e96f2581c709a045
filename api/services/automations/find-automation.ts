import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Automation, AutomationVersion } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import { automationStats } from './automation-stats';
import { noStats, presentAutomation } from './present-automation';
import type { AutomationBody } from '../../routes/automations.schema';

export async function findAutomationOrThrow(em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Automation> {
  const automation = await em.findOne(Automation, { id }, options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  if (!automation) throw notFound('Automation', id);
  return automation;
}

/** The automation as GET /api/automations/:id answers it. */
export async function automationBody(ctx: Pick<RequestContext, 'em' | 'tenantId'>, automation: Automation): Promise<AutomationBody> {
  const [stats, version] = await Promise.all([
    automationStats(ctx, [automation.id]),
    automation.publishedVersionId ? ctx.em.findOne(AutomationVersion, { id: automation.publishedVersionId }) : Promise.resolve(null),
  ]);
  return presentAutomation(automation, { stats: stats.get(automation.id) ?? noStats(), publishedDefinition: version?.definition ?? null });
}
