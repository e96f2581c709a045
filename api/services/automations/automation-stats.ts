import type { RequestContext } from '../../context';
import type { AutomationStats } from './present-automation';

interface StatsRow {
  automation_id: string;
  in_flight: string | number;
  last_run_at: Date | string | null;
  failures_7d: string | number;
}

/** Runs in flight, the last run and failures over the last 7 days, per automation, in one query. */
export async function automationStats(ctx: Pick<RequestContext, 'em' | 'tenantId'>, automationIds: readonly string[], now = new Date()): Promise<Map<string, AutomationStats>> {
  const stats = new Map<string, AutomationStats>();
  if (automationIds.length === 0) return stats;
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await ctx.em.getConnection().execute<StatsRow[]>(
    `select automation_id,
            count(*) filter (where status in ('running', 'waiting')) as in_flight,
            max(started_at) as last_run_at,
            count(*) filter (where status = 'failed' and started_at >= ?) as failures_7d
       from automation_runs
      where tenant_id = ? and automation_id in (${automationIds.map(() => '?').join(', ')})
      group by automation_id`,
    [since, ctx.tenantId, ...automationIds],
  );
  for (const row of rows) {
    stats.set(row.automation_id, {
      runsInFlight: Number(row.in_flight),
      lastRunAt: row.last_run_at ? new Date(row.last_run_at).toISOString() : null,
      failures7d: Number(row.failures_7d),
    });
  }
  return stats;
}
