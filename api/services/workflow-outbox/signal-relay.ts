import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../../runtime/logger';
import { deliverNextSignal } from './deliver-next-signal';
import { pruneDelivered } from './outbox-rows';

export interface SignalRelayOptions {
  /** Pause between scans for due signals. Default 1 s. */
  pollIntervalMs?: number;
  /** Signals sent at once (each holds a database connection while Temporal answers). Default 2. */
  concurrency?: number;
  /** Bound on one delivery. Default 15 s. */
  timeoutMs?: number;
  /** How long delivered rows are kept. Default 7 days. */
  retentionMs?: number;
  /** Pause between prunes. Default 10 minutes. */
  pruneIntervalMs?: number;
}

export interface SignalRelay {
  /** One scan: delivers every due signal it can claim; returns how many it delivered. */
  runOnce(): Promise<number>;
  /** Stops polling and waits for the scan in progress. */
  stop(): Promise<void>;
}

/**
 * The api's outbox relay: every `pollIntervalMs` it delivers the signals whose next attempt is
 * due, in each workflow's order, and now and then prunes delivered rows. Every replica runs one;
 * the row locks (SKIP LOCKED) make them share the work without sending a signal twice.
 */
export function startSignalRelay(deps: { em: EntityManager; temporal: Client; taskQueue: string; logger: Logger } & SignalRelayOptions): SignalRelay {
  const pollIntervalMs = deps.pollIntervalMs ?? 1_000;
  const concurrency = deps.concurrency ?? 2;
  const retentionMs = deps.retentionMs ?? 7 * 24 * 3600_000;
  const pruneIntervalMs = deps.pruneIntervalMs ?? 10 * 60_000;
  const logger = deps.logger.child({ component: 'signal-relay' });
  const delivery = { em: deps.em, temporal: deps.temporal, taskQueue: deps.taskQueue, logger, timeoutMs: deps.timeoutMs ?? 15_000 };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let scanning: Promise<number> | undefined;
  let lastPrune = 0;

  async function lane(): Promise<number> {
    let delivered = 0;
    while (!stopped) {
      const result = await deliverNextSignal(delivery);
      if (!result) break;
      if (result.delivered) delivered += 1;
    }
    return delivered;
  }

  async function scan(): Promise<number> {
    const counts = await Promise.all(Array.from({ length: concurrency }, lane));
    if (Date.now() - lastPrune >= pruneIntervalMs) {
      lastPrune = Date.now();
      const pruned = await pruneDelivered(deps.em.fork(), retentionMs);
      if (pruned > 0) logger.info({ pruned }, 'pruned delivered workflow signals');
    }
    return counts.reduce((a, b) => a + b, 0);
  }

  function runOnce(): Promise<number> {
    scanning ??= scan().finally(() => {
      scanning = undefined;
    });
    return scanning;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((err: unknown) => logger.error({ err }, 'signal relay scan failed'))
        .finally(schedule);
    }, pollIntervalMs);
    timer.unref();
  }

  schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await scanning?.catch(() => undefined);
    },
  };
}
