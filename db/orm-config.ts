import 'reflect-metadata';
import { type Options, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SeedManager } from '@mikro-orm/seeder';
import { entities, tenantScopedEntityNames } from './entities';
import { migrationsList } from './migrations';

/**
 * The one ORM configuration, used by the api, the worker, the CLI scripts and the tests.
 * The `tenant` filter is on by default for every tenant-scoped entity: a query made
 * without `em.setFilterParams('tenant', …)` fails instead of reading every tenant.
 */
export function ormOptions(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    entities,
    extensions: [Migrator, SeedManager],
    forceUtcTimezone: true,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
    },
    filters: {
      tenant: {
        cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }),
        entity: tenantScopedEntityNames,
        default: true,
      },
    },
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
    ...overrides,
  };
}
