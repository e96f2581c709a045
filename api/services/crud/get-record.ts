import type { FilterQuery } from '@mikro-orm/core';
import type { TenantScoped } from '../../../db/entities/base';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import type { ResourceDefinition } from './resource';

/** The caller's row with this id; another business's id is as unknown as a made-up one. */
export async function findRecordOrThrow<E extends TenantScoped>(
  ctx: Pick<RequestContext, 'em'>,
  resource: Pick<ResourceDefinition<E, object, object>, 'entity' | 'label'>,
  id: string,
): Promise<E> {
  const row = await ctx.em.findOne(resource.entity, { id } as FilterQuery<E>);
  if (!row) throw notFound(capitalise(resource.label), id);
  return row;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
