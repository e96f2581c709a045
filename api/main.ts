import 'reflect-metadata';
import { createOrm } from '../db/orm';
import { ConfigError, loadConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { connectTemporalClient } from '../runtime/temporal-connection';
import { startApiServer } from './server';
import { reconcileAutomationSchedules } from './services/automation-schedules/reconcile-automation-schedules';

/**
 * The api on its own, as the docker image runs it (`node dist/api/main.js`): DATABASE_URL and
 * TEMPORAL_ADDRESS must point at running services; migrations are the migrate job's concern.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'api' });
  if (!config.DATABASE_URL) throw new ConfigError(['DATABASE_URL: is required when the api runs on its own']);
  if (!config.TEMPORAL_ADDRESS) throw new ConfigError(['TEMPORAL_ADDRESS: is required when the api runs on its own']);

  const orm = await createOrm(config.DATABASE_URL);
  const temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS, config);
  const api = await startApiServer({ config, orm, temporal, logger });
  // Every replica does it at start: idempotent, and it repairs Schedules a failed sync left behind.
  await reconcileAutomationSchedules({ orm, temporal, taskQueue: config.TEMPORAL_TASK_QUEUE, logger }).catch((err: unknown) =>
    logger.error({ err }, 'could not reconcile automation schedules'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await api.close();
      await temporal.connection.close();
      await orm.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'unclean shutdown');
      process.exit(1);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || (error instanceof Error && error.name === 'PortInUseError') ? error.message : error);
  process.exit(1);
});
