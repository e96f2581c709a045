/**
 * Standalone worker process (docker-compose, scaled replicas):
 * DATABASE_URL and TEMPORAL_ADDRESS must point at shared services.
 */
import { createOrm } from '../db/orm';
import { ConfigError, loadConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { connectTemporalWorker } from '../runtime/temporal-connection';
import { startWorker } from './start-worker';
import { installTemporalRuntime } from './temporal-runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'appointflow-worker' });
  if (!config.DATABASE_URL || !config.TEMPORAL_ADDRESS) {
    throw new ConfigError([
      ...(config.DATABASE_URL ? [] : ['DATABASE_URL: is required for a standalone worker']),
      ...(config.TEMPORAL_ADDRESS ? [] : ['TEMPORAL_ADDRESS: is required for a standalone worker']),
    ]);
  }
  installTemporalRuntime(logger);
  const orm = await createOrm(config.DATABASE_URL);
  const connection = await connectTemporalWorker(config.TEMPORAL_ADDRESS, config);
  const running = await startWorker({ config, orm, connection, logger });

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'draining worker');
    await running.stop();
    await connection.close();
    await orm.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error(err);
  }
  process.exit(1);
});
