import type { EntityManager } from '@mikro-orm/postgresql';
import { Automation, AutomationVersion, Tenant } from '../../entities';
import { seededAutomations } from './definitions';

export interface SeedAutomationsOptions {
  /** Every seeded automation (the demo tenant); default only the essential ones every new tenant gets. */
  all?: boolean;
}

export interface SeededAutomationRow {
  key: string;
  automationId: string;
  versionId: string;
}

/**
 * Creates the seeded automations of a tenant, each published as version 1 and active, so the
 * owner starts with working confirmations, reminders and no-show defense and can pause or edit
 * them. Ones the tenant already has (by template key) are left alone: safe to call twice.
 * Call it inside the transaction that creates the tenant; it flushes.
 */
export async function seedDefaultAutomations(em: EntityManager, tenantId: string, options: SeedAutomationsOptions = {}): Promise<SeededAutomationRow[]> {
  const scope = { filters: { tenant: { tenantId } } };
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const wanted = seededAutomations(tenant.timezone).filter((seed) => options.all || seed.essential);
  const existing = await em.find(Automation, { tenantId, templateKey: { $in: wanted.map((seed) => seed.key) } }, scope);
  const have = new Set(existing.map((automation) => automation.templateKey));
  const created: SeededAutomationRow[] = [];
  for (const seed of wanted) {
    if (have.has(seed.key)) continue;
    const definition = seed.definition as unknown as Record<string, unknown>;
    const automation = em.create(Automation, {
      tenantId,
      name: seed.definition.name,
      description: seed.definition.description,
      triggerEvent: seed.definition.trigger.event,
      status: 'active',
      draft: definition,
      publishedVersion: 1,
      templateKey: seed.key,
    });
    const version = em.create(AutomationVersion, { tenantId, automationId: automation.id, version: 1, definition });
    automation.publishedVersionId = version.id;
    created.push({ key: seed.key, automationId: automation.id, versionId: version.id });
  }
  await em.flush();
  return created;
}
