import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { TenantScoped } from '../../db/entities/base';
import type { RequestContext } from '../context';
import { AppError, type ErrorDetail } from '../errors';

export interface ReferenceCheck {
  /** The input field holding the id(s), named in the error. */
  path: string;
  entity: EntityClass<TenantScoped>;
  ids: string | readonly string[] | null | undefined;
  label: string;
}

/**
 * Every referenced id must name a row of the caller's own business. The tenant filter on
 * `ctx.em` makes another tenant's row count as missing.
 */
export async function assertReferencesExist(
  ctx: Pick<RequestContext, 'em'>,
  checks: readonly ReferenceCheck[],
): Promise<void> {
  const details: ErrorDetail[] = [];
  for (const check of checks) {
    const ids = [...new Set(check.ids == null ? [] : typeof check.ids === 'string' ? [check.ids] : check.ids)];
    if (ids.length === 0) continue;
    const found = await ctx.em.find(check.entity, { id: { $in: ids } } as FilterQuery<TenantScoped>, {
      fields: ['id'],
    });
    const known = new Set(found.map((row) => row.id));
    for (const id of ids) {
      if (!known.has(id)) details.push({ path: check.path, message: `No ${check.label} with id ${id}` });
    }
  }
  if (details.length > 0) {
    throw new AppError('INVALID_REFERENCE', details.map((d) => `${d.path}: ${d.message}`).join('; '), details);
  }
}
