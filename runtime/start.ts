/**
 * `npm start` / `npm run dev`: the whole platform in one process tree on embedded defaults —
 * PostgreSQL and a Temporal dev server unless DATABASE_URL / TEMPORAL_ADDRESS point elsewhere,
 * then migrations, the demo seed, the worker, and the API serving the built UI.
 */
import 'reflect-metadata';
import path from 'node:path';
import { createOrm, migrateDatabase } from '../db/orm';
import { startApiServer } from '../api/server';
import { reconcileAutomationSchedules } from '../api/services/automation-schedules/reconcile-automation-schedules';
import { startWorker } from '../worker/start-worker';
import { installTemporalRuntime } from '../worker/temporal-runtime';
import { printBanner } from './banner';
import { ConfigError, loadConfig, type AppConfig } from './config';
import { Lifecycle, ShutdownRequested } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { assertPortFree, PortInUseError } from './ports';
import { resolveDatabase } from './postgres';
import { seedOnStart } from './seed-on-start';
import { connectTemporalClient, connectTemporalWorker } from './temporal-connection';
import { resolveTemporal } from './temporal-server';

async function main(argv: string[]): Promise<void> {
  const dev = argv.includes('--dev');
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'appointflow' });
  const lifecycle = new Lifecycle(logger);
  handleSignals(lifecycle, logger);

  try {
    await start(config, { dev, logger, lifecycle });
  } catch (err) {
    if (err instanceof ShutdownRequested) return;
    if (err instanceof PortInUseError) logger.error(err.message);
    else logger.error({ err }, `start-up failed: ${(err as Error).message}`);
    await lifecycle.stop();
    process.exit(1);
  }
}

async function start(config: AppConfig, ctx: { dev: boolean; logger: Logger; lifecycle: Lifecycle }): Promise<void> {
  const { logger, lifecycle } = ctx;
  const started = Date.now();
  await assertPortFree(config.PORT, 'app', 'PORT');

  // PostgreSQL and Temporal start side by side; both are registered before anything can fail
  // on top of them, PostgreSQL first so that it is stopped last.
  const [database, temporal] = await Promise.allSettled([resolveDatabase(config, logger), resolveTemporal(config, logger)]);
  if (database.status === 'fulfilled') await lifecycle.add('postgres', database.value.stop);
  if (temporal.status === 'fulfilled') await lifecycle.add('temporal', temporal.value.stop);
  if (database.status === 'rejected') throw database.reason;
  if (temporal.status === 'rejected') throw temporal.reason;
  const db = database.value;
  const tmp = temporal.value;

  const orm = await createOrm(db.url);
  await lifecycle.add('database connections', () => orm.close());
  const applied = await migrateDatabase(orm);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');

  const client = await connectTemporalClient(tmp.address, config);
  await lifecycle.add('temporal client', () => client.connection.close());
  // The SDK runtime (where its logs go) must be installed before the first native connection.
  installTemporalRuntime(logger);
  const connection = await connectTemporalWorker(tmp.address, config);
  await lifecycle.add('worker connection', () => connection.close());

  const worker = await startWorker({
    config,
    orm,
    connection,
    logger,
    // `tsx watch` kills a restarting process after 5 s: drain briefly in dev.
    ...(ctx.dev ? { shutdownGraceTime: '2 seconds' } : {}),
  });
  await lifecycle.add('worker', () => worker.stop());

  const login = await seedOnStart({ config, orm, temporal: client, logger });
  // Schedule-triggered automations (the demo's win-back and birthday too) and the daily vaccination sweep.
  await reconcileAutomationSchedules({ orm, temporal: client, taskQueue: config.TEMPORAL_TASK_QUEUE, logger }).catch((err: unknown) =>
    logger.error({ err }, 'could not reconcile automation schedules'),
  );

  const api = await startApiServer({ config, orm, temporal: client, logger });
  await lifecycle.add('api', () => api.close());

  const appUrl = (config.PUBLIC_URL ?? api.url).replace(/\/$/, '');
  printBanner({
    appUrl,
    apiDocsUrl: `${appUrl}/api/docs`,
    temporalUiUrl: tmp.uiUrl,
    temporalAddress: tmp.address,
    database: db.embedded ? `embedded PostgreSQL, data in ${path.join(config.DATA_DIR, 'postgres')}` : 'DATABASE_URL',
    login,
    dev: ctx.dev,
    seconds: (Date.now() - started) / 1000,
  });
}

function handleSignals(lifecycle: Lifecycle, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (lifecycle.isStopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(130);
    }
    logger.info({ signal }, 'shutting down: api, worker (drain), temporal, postgres');
    void lifecycle.stop().then(() => {
      logger.info('stopped cleanly');
      process.exit(0);
    });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

void main(process.argv.slice(2));
