import { AutomationVersion } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import type { AutomationBody } from '../../routes/automations.schema';
import { automationBody, findAutomationOrThrow } from './find-automation';

export interface VersionBody {
  id: string;
  version: number;
  publishedAt: string;
  publishedByUserId: string | null;
  definition: Record<string, unknown>;
}

const present = (v: AutomationVersion): VersionBody => ({
  id: v.id,
  version: v.version,
  publishedAt: v.publishedAt.toISOString(),
  publishedByUserId: v.publishedByUserId ?? null,
  definition: v.definition,
});

/** Every published version, newest first. */
export async function listVersions(ctx: RequestContext, automationId: string): Promise<{ items: VersionBody[]; total: number }> {
  await findAutomationOrThrow(ctx.em, automationId);
  const versions = await ctx.em.find(AutomationVersion, { automationId }, { orderBy: { version: 'desc' } });
  return { items: versions.map(present), total: versions.length };
}

/** Puts an old version's definition back in the draft; publish it to make it run again. */
export async function restoreVersion(ctx: RequestContext, automationId: string, version: number): Promise<AutomationBody> {
  const automation = await findAutomationOrThrow(ctx.em, automationId);
  const found = await ctx.em.findOne(AutomationVersion, { automationId, version });
  if (!found) throw notFound(`Version ${version} of automation`, automationId);
  automation.draft = structuredClone(found.definition);
  await ctx.em.flush();
  ctx.logger.info({ automationId, version }, 'automation version restored into the draft');
  return automationBody(ctx, automation);
}
