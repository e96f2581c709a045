import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/** A fresh entity manager that only sees one tenant's rows. */
export function tenantEm(orm: MikroORM, tenantId: string): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams('tenant', { tenantId });
  return em;
}
