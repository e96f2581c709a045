import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { ormOptions } from './orm-config';

export type { MikroORM };

export async function createOrm(databaseUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormOptions(databaseUrl, overrides));
}

/** Applies every committed migration not yet applied; safe to call on each start. */
export async function migrateDatabase(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}
