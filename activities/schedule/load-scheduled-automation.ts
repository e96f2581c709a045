import type { MikroORM } from '@mikro-orm/postgresql';
import { Automation, AutomationVersion } from '../../db/entities';
import type { AutomationDefinition } from '../../workflows/dsl';
import type { TriggeredAutomation } from '../automation';
import { tenantEm } from '../automation/scope';

/**
 * The published version of a schedule-triggered automation, or null when it should not run now:
 * paused, archived, deleted, or no longer a schedule trigger (its Temporal Schedule is being
 * removed; a fire that slipped through does nothing).
 */
export function createLoadScheduledAutomationActivity(deps: { orm: MikroORM }) {
  return async function loadScheduledAutomation(input: { tenantId: string; automationId: string }): Promise<TriggeredAutomation | null> {
    const em = tenantEm(deps.orm, input.tenantId);
    const automation = await em.findOne(Automation, { id: input.automationId });
    if (!automation || automation.status !== 'active' || !automation.publishedVersionId || automation.triggerEvent !== 'schedule') return null;
    const version = await em.findOne(AutomationVersion, { id: automation.publishedVersionId });
    if (!version) return null;
    return {
      automationId: automation.id,
      name: automation.name,
      version: version.version,
      automationVersionId: version.id,
      definition: version.definition as unknown as AutomationDefinition,
    };
  };
}
