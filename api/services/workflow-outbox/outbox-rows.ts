import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppointmentEvent } from '../../../workflows/appointment-contract';

/** A pending outbox row as the deliverers read it (tenant-independent: the relay serves every tenant). */
export interface PendingSignal {
  /** The row id, which is also the event id the workflow sees. */
  id: string;
  tenantId: string;
  appointmentId: string;
  workflowId: string;
  event: AppointmentEvent;
  attempts: number;
}

interface PendingRow {
  id: string;
  tenant_id: string;
  appointment_id: string;
  workflow_id: string;
  event: AppointmentEvent;
  attempts: number;
}

/**
 * Locks the first pending signal of a workflow whose earlier signals have all been delivered, so a
 * workflow's events go out in creation order and never two at once. SKIP LOCKED: a row another
 * deliverer (this replica or another) holds is passed over, and so is everything after it for that
 * workflow, since the row it holds is still undelivered. `workflowId` limits it to one workflow and
 * ignores the backoff (the after-commit path); without it only rows whose next attempt is due count.
 * Runs inside the caller's transaction, which keeps the lock until it records the outcome.
 */
export async function claimNextSignal(tx: EntityManager, options: { workflowId?: string } = {}): Promise<PendingSignal | undefined> {
  const scope = options.workflowId === undefined ? 'o.next_attempt_at <= now()' : 'o.workflow_id = ?';
  const rows = await tx.execute<PendingRow[]>(
    `select o.id, o.tenant_id, o.appointment_id, o.workflow_id, o.event, o.attempts
       from workflow_signal_outbox o
      where o.delivered_at is null and ${scope}
        and not exists (
          select 1 from workflow_signal_outbox e
           where e.workflow_id = o.workflow_id and e.delivered_at is null and e."sequence" < o."sequence")
      order by o."sequence"
      limit 1
      for update of o skip locked`,
    options.workflowId === undefined ? [] : [options.workflowId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    appointmentId: row.appointment_id,
    workflowId: row.workflow_id,
    event: { ...row.event, id: row.id },
    attempts: row.attempts,
  };
}

export async function markDelivered(tx: EntityManager, id: string): Promise<void> {
  await tx.execute('update workflow_signal_outbox set delivered_at = now(), updated_at = now(), attempts = attempts + 1, last_error = null where id = ?', [id]);
}

/** Counts the failed attempt and sets when the next one is due. */
export async function markFailed(tx: EntityManager, id: string, retryInMs: number, error: string): Promise<void> {
  await tx.execute(
    `update workflow_signal_outbox
        set attempts = attempts + 1, last_error = ?, updated_at = now(),
            next_attempt_at = now() + make_interval(secs => ?)
      where id = ?`,
    [error.slice(0, 2000), retryInMs / 1000, id],
  );
}

/** Deletes delivered rows older than the retention, a batch at a time; returns how many went. */
export async function pruneDelivered(em: EntityManager, retentionMs: number, batch = 1000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await em.execute<Array<{ id: string }>>(
      `delete from workflow_signal_outbox
        where id in (select id from workflow_signal_outbox
                      where delivered_at < now() - make_interval(secs => ?) limit ?)
      returning id`,
      [retentionMs / 1000, batch],
    );
    total += deleted.length;
    if (deleted.length < batch) return total;
  }
}
