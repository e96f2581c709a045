import type { MikroORM } from '@mikro-orm/postgresql';
import { type NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { installTemporalRuntime } from './temporal-runtime';
import { workflowBundle } from './workflow-bundle';

export interface StartWorkerOptions {
  config: Pick<AppConfig, 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>;
  orm: MikroORM;
  connection: NativeConnection;
  logger: Logger;
  /** How long in-flight activities may finish after stop() before they are cancelled. */
  shutdownGraceTime?: string;
  /** Workflow executions kept in memory between their tasks (default MAX_CACHED_WORKFLOWS). */
  maxCachedWorkflows?: number;
}

/**
 * The SDK sizes its workflow cache from the heap (about 2,300 executions with Node's default
 * 4 GiB heap) and each cached execution costs about 2 MiB here, so thousands of appointments,
 * each with its entity workflow and a few automation runs waiting for days, filled the heap and
 * the worker slowed to a crawl in GC (bench/timers.ts: 4.8 GiB RSS, reminders minutes late).
 * These workflows wake rarely and their histories are short, so replaying one that was evicted
 * costs a few milliseconds: a small cache is the right trade.
 */
export const MAX_CACHED_WORKFLOWS = 250;

export interface RunningWorker {
  worker: Worker;
  /** Stops polling, lets in-flight tasks finish (drain), then resolves. */
  stop(): Promise<void>;
}

/** Creates the worker for the app's task queue and runs it until stop(). */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const logger = options.logger.child({ component: 'worker', taskQueue: options.config.TEMPORAL_TASK_QUEUE });
  installTemporalRuntime(options.logger);
  const worker = await Worker.create({
    connection: options.connection,
    namespace: options.config.TEMPORAL_NAMESPACE,
    taskQueue: options.config.TEMPORAL_TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ orm: options.orm, logger }),
    shutdownGraceTime: options.shutdownGraceTime ?? '30 seconds',
    maxCachedWorkflows: options.maxCachedWorkflows ?? MAX_CACHED_WORKFLOWS,
  });
  const running = worker.run();
  running.catch((err: unknown) => logger.error({ err }, 'worker stopped with an error'));
  logger.info('worker polling');

  let stopping: Promise<void> | undefined;
  return {
    worker,
    stop() {
      stopping ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
        logger.info('worker drained and stopped');
      })();
      return stopping;
    },
  };
}
