import { randomBytes } from 'node:crypto';
import { dropDatabase, withDatabase, withPgClient } from '../../runtime/pg-admin';
import { stackEnv } from './stack-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file, copied from the migrated template that
 * test/global-setup.ts prepared: isolated, and ready in milliseconds.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { pgAdminUrl, pgTemplate, runId } = stackEnv();
  const name = `appointflow_test_${runId}_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(3).toString('hex')}`;
  await withPgClient(pgAdminUrl, async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(pgTemplate)}`);
        return;
      } catch (err) {
        // 55006: another session is copying or touching the template at this instant
        if ((err as { code?: string }).code !== '55006' || attempt >= 20) throw err;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  let dropped: Promise<void> | undefined;
  return {
    name,
    url: withDatabase(pgAdminUrl, name),
    drop: () => (dropped ??= dropDatabase(pgAdminUrl, name)),
  };
}
