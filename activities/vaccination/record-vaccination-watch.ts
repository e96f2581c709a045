import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { VaccinationWatchEndReason } from '../../workflows/vaccination-watch-contract';

export interface RecordVaccinationWatchInput {
  tenantId: string;
  vaccinationId: string;
  workflowId: string;
  expiresOn: string;
  generation: number;
  /** Set when the watch ends. */
  endReason?: VaccinationWatchEndReason;
}

/**
 * Upserts the watch row of a vaccination (one per record). Idempotent; a record deleted in the
 * meantime has no row to keep (its row went with it), which is not an error.
 */
export function createRecordVaccinationWatchActivity(deps: { orm: MikroORM }) {
  return async function recordVaccinationWatch(input: RecordVaccinationWatchInput): Promise<void> {
    const em = deps.orm.em.fork();
    await em.execute(
      `insert into vaccination_watches (id, tenant_id, vaccination_id, workflow_id, expires_on, generation, ended_at, end_reason)
       select ?, v.tenant_id, v.id, ?, ?, ?, ?, ? from vaccinations v where v.id = ? and v.tenant_id = ?
       on conflict (vaccination_id) do update set
         workflow_id = excluded.workflow_id, expires_on = excluded.expires_on, generation = excluded.generation,
         ended_at = excluded.ended_at, end_reason = excluded.end_reason, updated_at = now()
       where vaccination_watches.tenant_id = excluded.tenant_id`,
      [
        randomUUID(), input.workflowId, input.expiresOn, input.generation,
        input.endReason ? new Date().toISOString() : null, input.endReason ?? null, input.vaccinationId, input.tenantId,
      ],
    );
  };
}
