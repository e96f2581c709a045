import { Automation, AutomationVersion } from '../../../db/entities';
import type { RequestContext } from '../../context';

export interface TemplateUse {
  automationId: string;
  automationName: string;
  /** draft, or the published version number. */
  where: string;
}

function referencesKey(definition: unknown, key: string): boolean {
  const nodes = (definition as { nodes?: unknown })?.nodes;
  return Array.isArray(nodes) && nodes.some((node) => (node as { data?: { templateId?: unknown } })?.data?.templateId === key);
}

/** Automations (not archived) whose draft or running version sends this template. */
export async function templateUses(ctx: Pick<RequestContext, 'em'>, key: string): Promise<TemplateUse[]> {
  const automations = await ctx.em.find(Automation, { status: { $ne: 'archived' } });
  const versionIds = automations.map((a) => a.publishedVersionId).filter((id): id is string => Boolean(id));
  const versions = versionIds.length > 0 ? await ctx.em.find(AutomationVersion, { id: { $in: versionIds } }) : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  const uses: TemplateUse[] = [];
  for (const automation of automations) {
    const published = automation.publishedVersionId ? byId.get(automation.publishedVersionId) : undefined;
    if (published && referencesKey(published.definition, key)) {
      uses.push({ automationId: automation.id, automationName: automation.name, where: `version ${published.version}` });
    } else if (referencesKey(automation.draft, key)) {
      uses.push({ automationId: automation.id, automationName: automation.name, where: 'draft' });
    }
  }
  return uses;
}
