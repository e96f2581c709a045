import type { TenantScoped } from '../../../db/entities/base';
import type { RequestContext } from '../../context';
import { assertReferencesExist } from '../references';
import { findRecordOrThrow } from './get-record';
import { presentRecord, type ResourceDefinition } from './resource';

/** Applies the given fields; `null` clears an optional one. */
export async function updateRecord<E extends TenantScoped, I extends object>(
  ctx: Pick<RequestContext, 'em' | 'logger'>,
  resource: ResourceDefinition<E, I, object>,
  id: string,
  input: Partial<I>,
): Promise<Record<string, unknown>> {
  const row = await findRecordOrThrow(ctx, resource, id);
  await assertReferencesExist(ctx, resource.references?.(input) ?? []);
  const data: Record<string, unknown> = resource.toEntityData ? resource.toEntityData(input) : ({ ...input } as Record<string, unknown>);
  ctx.em.assign(row, data as never);
  await ctx.em.flush();
  return presentRecord(resource, row);
}
