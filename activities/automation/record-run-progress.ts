import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RunStatus, StepRecord } from '../../workflows/automation-run-contract';

/** The execution index row of one automationRun workflow (one per workflow id, across continue-as-new). */
export interface RunIndexRecord {
  workflowId: string;
  automationId: string;
  version: number;
  automationVersionId: string;
  triggerEvent: string;
  appointmentId?: string;
  customerId?: string;
  status: RunStatus;
  currentNodeId: string;
  /** ISO-8601, or null when the run is not waiting on a timer. */
  nextWakeAt: string | null;
  path: string[];
  endReason?: string;
  error?: string;
  /** ISO-8601, set once the run has ended. */
  endedAt?: string;
}

export interface RecordRunProgressInput {
  tenantId: string;
  run: RunIndexRecord;
  /** Steps to write; a step already written with the same sequence is updated (a wait that finished). */
  steps: StepRecord[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidOrNull = (value: string | undefined): string | null => (value && UUID.test(value) ? value : null);

/**
 * Keeps the AutomationRun index row current (upsert by workflow id) and writes the RunStep rows
 * (upsert by run and sequence), in one transaction. Idempotent: a retry writes the same rows.
 */
export function createRecordRunProgressActivity(deps: { orm: MikroORM }) {
  return async function recordRunProgress(input: RecordRunProgressInput): Promise<{ runId: string }> {
    const { run } = input;
    return deps.orm.em.fork().transactional(async (em) => {
      // em.execute runs on the transaction's connection; em.getConnection().execute would take
      // a second one from the pool, and enough concurrent activities would then starve it.
      const rows = await em.execute<Array<{ id: string }>>(
        `insert into automation_runs
           (id, tenant_id, automation_id, version, automation_version_id, workflow_id, trigger_event, status,
            appointment_id, customer_id, current_node_id, next_wake_at, path, end_reason, error, ended_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)
         on conflict (workflow_id) do update set
           status = excluded.status, current_node_id = excluded.current_node_id, next_wake_at = excluded.next_wake_at,
           path = excluded.path, end_reason = excluded.end_reason, error = excluded.error, ended_at = excluded.ended_at,
           updated_at = now()
         where automation_runs.tenant_id = excluded.tenant_id
         returning id`,
        [
          randomUUID(), input.tenantId, run.automationId, run.version, run.automationVersionId, run.workflowId,
          run.triggerEvent, run.status, uuidOrNull(run.appointmentId), uuidOrNull(run.customerId), run.currentNodeId,
          run.nextWakeAt, JSON.stringify(run.path), run.endReason ?? null, run.error ?? null, run.endedAt ?? null,
        ],
        'all',
      );
      const runId = rows[0]?.id;
      if (!runId) throw new Error(`automation run ${run.workflowId} belongs to another tenant`);
      for (const step of input.steps) {
        await em.execute(
          `insert into run_steps
             (id, tenant_id, run_id, sequence, node_id, node_type, status, exit, input, output, error, started_at, ended_at)
           values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
           on conflict (run_id, sequence) do update set
             status = excluded.status, exit = excluded.exit, input = coalesce(excluded.input, run_steps.input),
             output = excluded.output, error = excluded.error, ended_at = excluded.ended_at, updated_at = now()`,
          [
            randomUUID(), input.tenantId, runId, step.sequence, step.nodeId, step.nodeType, step.status, step.exit ?? null,
            step.input === undefined ? null : JSON.stringify(step.input),
            JSON.stringify({ detail: step.detail, ...(step.output ?? {}) }),
            step.error ?? null, step.startedAt, step.endedAt ?? null,
          ],
        );
      }
      return { runId };
    });
  };
}
