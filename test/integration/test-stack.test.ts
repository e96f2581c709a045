import { Connection } from '@temporalio/client';
import { withPgClient } from '../../runtime/pg-admin';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { stackEnv } from '../helpers/stack-env';

describe('the integration test stack', () => {
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });

  test('each test file gets its own migrated database, isolated from the others', async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    databases.push(a, b);
    expect(a.name).not.toBe(b.name);

    const tables = await withPgClient(a.url, async (client) =>
      client.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'"),
    );
    expect(tables.rows[0].n).toBeGreaterThan(0);

    await withPgClient(a.url, (client) => client.query('CREATE TABLE only_in_a (id int)'));
    const inB = await withPgClient(b.url, (client) => client.query("SELECT to_regclass('only_in_a') AS t"));
    expect(inB.rows[0].t).toBeNull();
  });

  test('a dropped test database is gone', async () => {
    const db = await createTestDatabase();
    await db.drop();
    const { pgAdminUrl } = stackEnv();
    const found = await withPgClient(pgAdminUrl, (client) =>
      client.query('SELECT 1 FROM pg_database WHERE datname = $1', [db.name]),
    );
    expect(found.rowCount).toBe(0);
  });

  test('the Temporal server serves the namespace', async () => {
    const { temporalAddress, temporalNamespace } = stackEnv();
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const described = await connection.workflowService.describeNamespace({ namespace: temporalNamespace });
      expect(described.namespaceInfo?.name).toBe(temporalNamespace);
    } finally {
      await connection.close();
    }
  });
});
