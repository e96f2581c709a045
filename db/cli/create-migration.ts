/**
 * Writes a new migration into db/migrations from the difference between the entities
 * and the database at DATABASE_URL (run against a database migrated to the latest).
 * Usage: DATABASE_URL=… tsx db/cli/create-migration.ts [name]
 */
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../orm-config';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is required');
  const base = ormOptions(url);
  const orm = await MikroORM.init({
    ...base,
    migrations: { ...base.migrations, path: path.join(__dirname, '..', 'migrations'), emit: 'ts', fileName: (ts, name) => `Migration${ts}${name ? `_${name}` : ''}` },
  });
  try {
    await orm.getMigrator().up();
    const result = await orm.getMigrator().createMigration(undefined, false, false, process.argv[2]);
    console.log(result.fileName ? `created ${result.fileName}` : 'no changes');
  } finally {
    await orm.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
