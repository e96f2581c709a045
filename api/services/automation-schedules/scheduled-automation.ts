import type { EntityManager } from '@mikro-orm/postgresql';
import { type Automation, AutomationVersion } from '../../../db/entities';
import type { AutomationDefinition } from '../../../workflows/dsl';
import type { ScheduledAutomation } from './schedule-options';

/** What the automation's Schedule should be, from its row: null when it should have none. */
export async function scheduledAutomationOf(em: EntityManager, automation: Automation): Promise<ScheduledAutomation | null> {
  if (!automation.publishedVersionId || automation.triggerEvent !== 'schedule') return null;
  if (automation.status !== 'active' && automation.status !== 'paused') return null;
  const version = await em.findOne(AutomationVersion, { id: automation.publishedVersionId }, { filters: false });
  const definition = version?.definition as unknown as AutomationDefinition | undefined;
  if (!version || definition?.trigger.event !== 'schedule' || !definition.trigger.schedule) return null;
  return { tenantId: automation.tenantId, id: automation.id, name: automation.name, active: automation.status === 'active', version: version.version, definition };
}
