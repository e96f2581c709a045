import { DefaultLogger, type LogLevel, makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from '../runtime/logger';

let installed = false;

const pinoLevel: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * Routes the SDK's own logs (worker, workflow and activity loggers) into pino.
 * The Runtime is a process-wide singleton, so this only takes effect once.
 */
export function installTemporalRuntime(logger: Logger): void {
  if (installed) return;
  installed = true;
  const temporalLogger = logger.child({ component: 'temporal' });
  try {
    installRuntime(temporalLogger);
  } catch (err) {
    // A NativeConnection made earlier already created the default Runtime; keep it.
    logger.debug({ err }, 'temporal runtime already initialised; SDK logs use its default logger');
  }
}

function installRuntime(temporalLogger: Logger): void {
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) => {
      temporalLogger[pinoLevel[entry.level]]({ ...entry.meta }, entry.message);
    }),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: 'WARN' }), forward: {} },
    },
  });
}
