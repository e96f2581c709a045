import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { startApiServer } from '../../api/server';
import { createOrm, migrateDatabase, type MikroORM } from '../../db/orm';
import { loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';
import { findFreePort } from '../../runtime/ports';
import { startEmbeddedPostgres } from '../../runtime/postgres';
import { connectTemporalClient, connectTemporalWorker } from '../../runtime/temporal-connection';
import { startLocalTemporal } from '../../runtime/temporal-server';
import { startWorker } from '../../worker/start-worker';
import { installTemporalRuntime } from '../../worker/temporal-runtime';

export interface BenchStack {
  baseUrl: string;
  orm: MikroORM;
  temporal: Client;
  readyMs: number;
  /** Where a worker started elsewhere (a child process) finds the stack. */
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  /** Run the worker in this process (default). false: the caller starts its own (e.g. as a child process). */
  worker?: boolean;
}

/**
 * The whole platform on throwaway data (temp dir, random loopback ports), started by the
 * same runtime code as `npm start`, so the figures describe what users run.
 */
export async function startBenchStack(options: BenchStackOptions = {}): Promise<BenchStack> {
  const started = performance.now();
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn', pretty: false });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-bench-'));
  await fs.chmod(tmp, 0o755);
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: tmp,
    TEMPORAL_TASK_QUEUE: 'bench',
  });
  const [pg, temporalServer] = await Promise.all([
    startEmbeddedPostgres({ dataDir: path.join(tmp, 'postgres'), port: await findFreePort(), logger, durable: false }),
    startLocalTemporal({ cacheDir: config.CACHE_DIR, port: await findFreePort(), uiPort: null, namespace: 'default', logger }),
  ]);
  const orm = await createOrm(pg.url);
  await migrateDatabase(orm);
  installTemporalRuntime(logger);
  const temporal = await connectTemporalClient(temporalServer.address, config);
  const workerConnection = options.worker === false ? undefined : await connectTemporalWorker(temporalServer.address, config);
  const worker = workerConnection ? await startWorker({ config, orm, connection: workerConnection, logger, shutdownGraceTime: '2 seconds' }) : undefined;
  const api = await startApiServer({ config, orm, temporal, logger });
  return {
    baseUrl: api.url,
    orm,
    temporal,
    readyMs: performance.now() - started,
    databaseUrl: pg.url,
    temporalAddress: temporalServer.address,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    async stop() {
      await api.close();
      await worker?.stop();
      await workerConnection?.close();
      await temporal.connection.close();
      await orm.close(true);
      await temporalServer.stop();
      await pg.stop();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}
