import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../runtime/config';
import { createLogger, type Logger } from '../../runtime/logger';
import { resolveDatabase } from '../../runtime/postgres';
import { createOrm, migrateDatabase, type MikroORM } from '../orm';

/**
 * Shared shell of the db:* scripts: config, the database (DATABASE_URL, or the embedded
 * server under .data/ that `npm start` uses, started and stopped around the task),
 * migrations, then `task`. Exits non-zero with one clear line on failure.
 */
export async function runWithDatabase(
  name: string,
  task: (ctx: { orm: MikroORM; logger: Logger; applied: string[] }) => Promise<void>,
): Promise<void> {
  let logger: Logger | undefined;
  let stopDatabase: (() => Promise<void>) | undefined;
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    logger?.warn(`${name}: interrupted, stopping`);
    void (stopDatabase?.() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    const config = loadConfig();
    logger = createLogger({ level: config.LOG_LEVEL, name });
    const database = await resolveDatabase(config, logger);
    stopDatabase = database.stop;
    try {
      const orm = await createOrm(database.url);
      try {
        const applied = await migrateDatabase(orm);
        await task({ orm, logger, applied });
      } finally {
        await orm.close();
      }
    } finally {
      await database.stop();
    }
  } catch (err) {
    if (err instanceof ConfigError) console.error(err.message);
    else if (logger) logger.error({ err }, `${name} failed: ${(err as Error).message}`);
    else console.error(err);
    process.exitCode = 1;
  }
}
