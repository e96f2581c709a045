import { type DeliveryDeps, deliverNextSignal } from './deliver-next-signal';

/**
 * After a commit: sends the workflow's pending signals in order, the one just written included,
 * and stops at the first that fails (it stays pending with its backoff, and everything after it
 * waits behind it for the relay). Also stops when another deliverer holds the workflow's next
 * signal: that one carries on. True when `eventId` was delivered by this call.
 */
export async function deliverWorkflowSignals(deps: DeliveryDeps, workflowId: string, eventId: string): Promise<boolean> {
  let delivered = false;
  for (;;) {
    const result = await deliverNextSignal(deps, { workflowId });
    if (!result?.delivered) return delivered;
    if (result.signal.id === eventId) delivered = true;
  }
}
