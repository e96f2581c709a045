/**
 * `npm run db:migrate`: applies every committed migration not yet applied, to DATABASE_URL
 * or, when it is unset, to the embedded PostgreSQL under .data/ (started for the occasion).
 */
import { runWithDatabase } from './run-with-database';

void runWithDatabase('db:migrate', async ({ applied }) => {
  if (applied.length === 0) {
    console.log('Database is up to date: no migrations to apply.');
    return;
  }
  console.log(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'}:`);
  for (const name of applied) console.log(`  ${name}`);
});
