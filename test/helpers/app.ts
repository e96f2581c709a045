import './fresh-orm-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { startApiServer } from '../../api/server';
import { createOrm, type MikroORM } from '../../db/orm';
import type { AppConfig } from '../../runtime/config';
import { createLogger, type Logger } from '../../runtime/logger';
import { connectTemporalClient } from '../../runtime/temporal-connection';
import { createTestDatabase } from './database';
import { testConfig } from './stack-env';

export interface TestApp {
  baseUrl: string;
  orm: MikroORM;
  temporal: Client;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * The api on a free port against a database of its own (copied from the migrated template)
 * and the run's Temporal server, with a task queue no other test file uses. Serves the built
 * UI when builder-ui/dist exists.
 */
export async function startTestApp(options: { env?: NodeJS.ProcessEnv; logger?: Logger } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-api-'));
  const config = testConfig({ databaseUrl: database.url, env: { HOST: '127.0.0.1', DATA_DIR: dataDir, ...options.env } });
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, name: 'api-test', pretty: false });
  const orm = await createOrm(database.url, { pool: { min: 0, max: 20 } });
  const temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS as string, config);
  const api = await startApiServer({ config: { ...config, PORT: 0 }, orm, temporal, logger });
  return {
    baseUrl: api.url,
    orm,
    temporal,
    config,
    async close() {
      await api.close();
      await temporal.connection.close();
      await orm.close(true);
      await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
