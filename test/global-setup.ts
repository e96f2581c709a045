/**
 * Jest globalSetup of the integration project: one PostgreSQL and one Temporal dev server for
 * the whole run, started by the same runtime code as `npm start`. Test workers find them
 * through the environment variables of test/helpers/stack-env.ts.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createOrm, migrateDatabase } from '../db/orm';
import { createLogger } from '../runtime/logger';
import { dropDatabase, ensureDatabase, withDatabase } from '../runtime/pg-admin';
import { findFreePort } from '../runtime/ports';
import { startEmbeddedPostgres } from '../runtime/postgres';
import { startLocalTemporal } from '../runtime/temporal-server';
import { STACK_ENV_VARS } from './helpers/stack-env';
import { setTestStack, stopTestStack, type TestStack } from './helpers/test-stack';

const DEFAULT_CACHE_DIR = path.join(os.homedir(), '.cache', 'appointflow');

export default async function globalSetup(): Promise<void> {
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'warn', name: 'test-stack', pretty: false });
  const started = Date.now();
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const stack: TestStack = { runId, stops: [] };
  setTestStack(stack);
  try {
    const [database, temporal] = await Promise.all([startDatabase(stack, logger), startTemporal(stack, logger)]);
    process.env[STACK_ENV_VARS.pgAdminUrl] = database.adminUrl;
    process.env[STACK_ENV_VARS.pgTemplate] = database.template;
    process.env[STACK_ENV_VARS.temporalAddress] = temporal.address;
    process.env[STACK_ENV_VARS.temporalNamespace] = temporal.namespace;
    process.env[STACK_ENV_VARS.runId] = runId;
    logger.info({ ms: Date.now() - started, temporal: temporal.address }, 'test stack ready');
  } catch (err) {
    await stopTestStack(stack);
    throw err;
  }
}

async function startDatabase(stack: TestStack, logger: ReturnType<typeof createLogger>) {
  let adminUrl = process.env.DATABASE_URL;
  // An external server may be shared: give this run's template a name of its own there.
  let template = `appointflow_template_${stack.runId}`;
  if (adminUrl) {
    stack.externalAdminUrl = adminUrl;
  } else {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-test-'));
    // When jest runs as root the server runs as the `postgres` user, which must enter this dir.
    await fs.chmod(tmp, 0o755);
    stack.tmpDir = tmp;
    const pg = await startEmbeddedPostgres({
      dataDir: path.join(tmp, 'postgres'),
      port: await findFreePort(),
      logger,
      durable: false,
    });
    stack.stops.push({ name: 'postgres', stop: pg.stop });
    adminUrl = pg.adminUrl;
    template = 'appointflow_template';
  }
  stack.template = template;
  await dropDatabase(adminUrl, template);
  await ensureDatabase(adminUrl, template);
  const orm = await createOrm(withDatabase(adminUrl, template));
  try {
    await migrateDatabase(orm);
  } finally {
    await orm.close(true);
    // MikroORM keeps its metadata on globalThis; jest hands this realm's globals to in-band
    // test files, whose own MikroORM cannot use Maps from another realm.
    delete (globalThis as Record<string, unknown>)['mikro-orm-metadata'];
  }
  return { adminUrl, template };
}

async function startTemporal(stack: TestStack, logger: ReturnType<typeof createLogger>) {
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  if (process.env.TEMPORAL_ADDRESS) return { address: process.env.TEMPORAL_ADDRESS, namespace };
  const temporal = await startLocalTemporal({
    cacheDir: process.env.CACHE_DIR || DEFAULT_CACHE_DIR,
    port: await findFreePort(),
    uiPort: null,
    namespace,
    logger,
  });
  stack.stops.push({ name: 'temporal', stop: temporal.stop });
  return { address: temporal.address, namespace };
}
