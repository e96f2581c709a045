import type { EntityManager } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import type { Logger } from '../../../runtime/logger';
import { retryDelayMs } from './retry-delay';
import { claimNextSignal, markDelivered, markFailed, type PendingSignal } from './outbox-rows';
import { sendSignal } from './send-signal';

export interface DeliveryDeps {
  /** Any EntityManager of the app; each delivery runs in a fork of its own. */
  em: EntityManager;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  /** Bound on one signalWithStart (and, on a retry, the closed-workflow check). */
  timeoutMs: number;
}

export interface DeliveryResult {
  signal: PendingSignal;
  delivered: boolean;
}

/**
 * Claims the next deliverable signal (of one workflow, or any due one), sends it and records the
 * outcome, all under the row lock of one transaction: another deliverer skips the row meanwhile,
 * and a crash rolls back to "pending" for the next one. `undefined` when nothing was claimable.
 */
export async function deliverNextSignal(deps: DeliveryDeps, scope: { workflowId?: string } = {}): Promise<DeliveryResult | undefined> {
  return deps.em.fork().transactional(async (tx) => {
    const signal = await claimNextSignal(tx, scope);
    if (!signal) return undefined;
    const log = deps.logger.child({
      tenantId: signal.tenantId,
      appointmentId: signal.appointmentId,
      workflowId: signal.workflowId,
      eventId: signal.id,
      event: signal.event.type,
      attempt: signal.attempts + 1,
    });
    try {
      const outcome = await sendSignal({ temporal: deps.temporal, taskQueue: deps.taskQueue, signal, timeoutMs: deps.timeoutMs });
      await markDelivered(tx, signal.id);
      log.info(outcome === 'sent' ? 'appointment workflow signalled' : 'appointment workflow had already applied the event');
      return { signal, delivered: true };
    } catch (err) {
      const retryInMs = retryDelayMs(signal.attempts + 1);
      await markFailed(tx, signal.id, retryInMs, err instanceof Error ? err.message : String(err));
      log.warn({ err, retryInMs }, 'could not signal the appointment workflow; the outbox retries it');
      return { signal, delivered: false };
    }
  });
}
