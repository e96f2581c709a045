import type { EntityClass, RequiredEntityData } from '@mikro-orm/core';
import type { TenantScoped } from '../../db/entities/base';
import type { RequestContext } from '../context';

/**
 * The one way api code creates a tenant-scoped row: the tenant always comes from the
 * authenticated context, never from the request body.
 */
export function createInTenant<E extends TenantScoped>(
  ctx: Pick<RequestContext, 'em' | 'tenantId'>,
  entity: EntityClass<E>,
  data: Omit<RequiredEntityData<E>, 'tenantId'>,
): E {
  return ctx.em.create(entity, { ...data, tenantId: ctx.tenantId } as RequiredEntityData<E>);
}
