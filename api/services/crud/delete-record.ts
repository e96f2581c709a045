import { ForeignKeyConstraintViolationException } from '@mikro-orm/core';
import type { TenantScoped } from '../../../db/entities/base';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { findRecordOrThrow } from './get-record';
import type { ResourceDefinition } from './resource';

/** Deactivates resources that have an `active` flag (history keeps pointing at them); deletes the rest. */
export async function deleteRecord<E extends TenantScoped>(
  ctx: Pick<RequestContext, 'em' | 'logger'>,
  resource: ResourceDefinition<E, object, object>,
  id: string,
): Promise<void> {
  const row = await findRecordOrThrow(ctx, resource, id);
  if (resource.softDelete) {
    ctx.em.assign(row, { active: false } as never);
  } else {
    ctx.em.remove(row);
  }
  try {
    await ctx.em.flush();
  } catch (error) {
    if (error instanceof ForeignKeyConstraintViolationException) {
      throw new AppError('CONFLICT', resource.inUseMessage ?? `This ${resource.label} is still referenced by other records`);
    }
    throw error;
  }
  ctx.logger.info({ id, soft: resource.softDelete }, `${resource.label} deleted`);
}
