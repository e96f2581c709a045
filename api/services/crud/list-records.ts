import type { FilterQuery, QueryOrder } from '@mikro-orm/core';
import type { TenantScoped } from '../../../db/entities/base';
import type { RequestContext } from '../../context';
import {
  afterPosition,
  decodeCursor,
  defaultPageSize,
  likePattern,
  nextCursorFor,
  type Page,
} from '../pagination';
import { presentRecord, type ResourceDefinition } from './resource';

export interface ListQuery {
  q?: string;
  limit?: number;
  cursor?: string;
  active?: 'true' | 'false' | 'all';
}

/** One page of a resource, newest or alphabetical per its sort, with the total matching rows. */
export async function listRecords<E extends TenantScoped, Q extends ListQuery>(
  ctx: Pick<RequestContext, 'em'>,
  resource: ResourceDefinition<E, object, Q>,
  query: Q,
): Promise<Page<Record<string, unknown>>> {
  const conditions: Record<string, unknown>[] = [];
  if (query.q && resource.searchFields.length > 0) {
    const pattern = likePattern(query.q);
    conditions.push({ $or: resource.searchFields.map((field) => ({ [field]: { $ilike: pattern } })) });
  }
  if (resource.softDelete && query.active !== 'all') {
    conditions.push({ active: query.active !== 'false' });
  }
  for (const filter of resource.filters?.(query) ?? []) conditions.push(filter as Record<string, unknown>);

  const where = (conditions.length > 0 ? { $and: conditions } : {}) as FilterQuery<E>;
  const limit = query.limit ?? defaultPageSize;
  const pageWhere = query.cursor
    ? ({ $and: [...conditions, afterPosition(resource.sort, decodeCursor(query.cursor))] } as FilterQuery<E>)
    : where;
  const direction = (resource.sort.direction === 'asc' ? 'asc' : 'desc') as `${QueryOrder.ASC}` | `${QueryOrder.DESC}`;

  const [rows, total] = await Promise.all([
    ctx.em.find(resource.entity, pageWhere, {
      orderBy: { [resource.sort.field]: direction, id: direction } as never,
      limit: limit + 1,
    }),
    ctx.em.count(resource.entity, where),
  ]);
  const items = rows.slice(0, limit);
  const page: Page<Record<string, unknown>> = { items: items.map((row) => presentRecord(resource, row)), total };
  if (rows.length > limit) {
    page.nextCursor = nextCursorFor(resource.sort, items[items.length - 1] as unknown as Record<string, unknown> & { id: string });
  }
  return page;
}
