import type { RequiredEntityData } from '@mikro-orm/core';
import type { TenantScoped } from '../../../db/entities/base';
import type { RequestContext } from '../../context';
import { assertReferencesExist } from '../references';
import { createInTenant } from '../tenant-scope';
import { presentRecord, type ResourceDefinition } from './resource';

export async function createRecord<E extends TenantScoped, I extends object>(
  ctx: Pick<RequestContext, 'em' | 'tenantId' | 'logger'>,
  resource: ResourceDefinition<E, I, object>,
  input: I,
): Promise<Record<string, unknown>> {
  await assertReferencesExist(ctx, resource.references?.(input) ?? []);
  const data: Record<string, unknown> = resource.toEntityData ? resource.toEntityData(input) : ({ ...input } as Record<string, unknown>);
  const row = createInTenant(ctx, resource.entity, stripNulls(data) as Omit<RequiredEntityData<E>, 'tenantId'>);
  await ctx.em.flush();
  ctx.logger.info({ [`${resource.label.replace(/\s+/g, '')}Id`]: row.id }, `${resource.label} created`);
  return presentRecord(resource, row);
}

/** On create, `null` means "not given". */
function stripNulls(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null && value !== undefined));
}
