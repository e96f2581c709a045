import type { MikroORM } from '@mikro-orm/postgresql';
import { Automation, AutomationVersion } from '../../db/entities';
import type { AutomationDefinition } from '../../workflows/dsl';
import { tenantEm } from './scope';

export interface TriggeredAutomation {
  automationId: string;
  name: string;
  version: number;
  automationVersionId: string;
  /** The published, immutable definition; the workflow pins it on the run it starts. */
  definition: AutomationDefinition;
}

/**
 * The active automations of a tenant whose trigger is `event`, each with the version published
 * right now. The trigger filter is evaluated by the caller (it needs the run context).
 */
export function createFindTriggeredAutomationsActivity(deps: { orm: MikroORM }) {
  return async function findTriggeredAutomations(input: { tenantId: string; event: string }): Promise<TriggeredAutomation[]> {
    const em = tenantEm(deps.orm, input.tenantId);
    const automations = await em.find(
      Automation,
      { triggerEvent: input.event, status: 'active', publishedVersionId: { $ne: null } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    if (automations.length === 0) return [];
    const versions = await em.find(AutomationVersion, { id: { $in: automations.map((a) => a.publishedVersionId as string) } });
    const byId = new Map(versions.map((v) => [v.id, v]));
    return automations.flatMap((automation) => {
      const version = byId.get(automation.publishedVersionId as string);
      if (!version) return [];
      return [
        {
          automationId: automation.id,
          name: automation.name,
          version: version.version,
          automationVersionId: version.id,
          definition: version.definition as unknown as AutomationDefinition,
        },
      ];
    });
  };
}
