import { seededAutomations } from '../../../db/seeders/automations/definitions';
import { Tenant } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';

/** What a new automation starts as: a trigger wired to an end, ready to be drawn on. */
export function blankDefinition(name: string, description?: string | null): Record<string, unknown> {
  return {
    schemaVersion: 1,
    name,
    ...(description ? { description } : {}),
    trigger: { event: 'appointment.booked' },
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
      { id: 'end', type: 'end', position: { x: 0, y: 140 }, data: {} },
    ],
    edges: [{ id: 'trigger-end', source: 'trigger', target: 'end' }],
  };
}

/** The seeded automations offered as starting points, in the tenant's zone (schedules use it). */
export async function automationCatalog(ctx: Pick<RequestContext, 'em' | 'tenantId'>) {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  return seededAutomations(tenant.timezone).map((seed) => ({
    key: seed.key,
    name: seed.definition.name,
    description: seed.definition.description ?? '',
    triggerEvent: seed.definition.trigger.event,
    essential: seed.essential,
    definition: seed.definition as unknown as Record<string, unknown>,
  }));
}

export async function catalogDefinition(ctx: Pick<RequestContext, 'em' | 'tenantId'>, key: string): Promise<Record<string, unknown>> {
  const catalog = await automationCatalog(ctx);
  const found = catalog.find((entry) => entry.key === key);
  if (!found) {
    throw new AppError('VALIDATION_FAILED', `No automation template "${key}"; pick one of ${catalog.map((e) => e.key).join(', ')}`, [
      { path: 'fromTemplate', message: `unknown template "${key}"` },
    ]);
  }
  return structuredClone(found.definition);
}
