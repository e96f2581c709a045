import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { bucketSql, num, scopeBindings, sqlRows } from './report-sql';
import { ratio } from './report-types';

export const automationsReport: ReportDefinition = {
  name: 'automations',
  title: 'Automations',
  notes: [
    'Runs started in the period. Completion = completed ÷ runs that have ended.',
    'Per node: runs that reached it, and runs that stopped there (failed or cancelled with that node as their last step) as the drop-off.',
  ],
  async compute(em, scope, labels, options) {
    const b = scopeBindings(scope);
    const where = 'r.tenant_id = :tenant and r.started_at >= :from and r.started_at < :to';
    const counts = `count(*)::int as runs, count(*) filter (where r.status = 'completed')::int as completed, count(*) filter (where r.status = 'failed')::int as failed,
          count(*) filter (where r.status = 'cancelled')::int as cancelled, count(*) filter (where r.status in ('running', 'waiting'))::int as active`;
    const [totals, byAutomation, nodes, series] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `select ${counts} from automation_runs r where ${where}`, b),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `select au.name, ${counts} from automation_runs r join automations au on au.id = r.automation_id and au.tenant_id = :tenant
          where ${where} group by au.id, au.name order by runs desc, au.name`, b)),
      // Per node from report_run_nodes (a row per run and node reached) and each run's last step
      // (automation_runs.last_step_node_id), both kept by triggers on run_steps.
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `
        with nodes as (
          select n.automation_id, n.node_id, min(n.node_type) as node_type, count(*)::int as reached,
                 count(*) filter (where n.failed)::int as failed_steps, min(n.first_sequence) as first_sequence
            from report_run_nodes n where n.tenant_id = :tenant and n.run_started_at >= :from and n.run_started_at < :to group by 1, 2),
        ends as (
          select r.automation_id, r.last_step_node_id as node_id,
                 count(*) filter (where r.status in ('failed', 'cancelled'))::int as dropped,
                 count(*) filter (where r.status in ('running', 'waiting'))::int as waiting
            from automation_runs r where ${where} and r.last_step_node_id is not null group by 1, 2),
        started as (select r.automation_id, count(*)::int as started from automation_runs r where ${where} group by 1)
        select au.name as automation, nodes.node_id, nodes.node_type, nodes.reached, nodes.failed_steps,
               coalesce(ends.dropped, 0) as dropped, coalesce(ends.waiting, 0) as waiting, started.started
          from nodes join automations au on au.id = nodes.automation_id and au.tenant_id = :tenant
          join started on started.automation_id = nodes.automation_id
          left join ends on ends.automation_id = nodes.automation_id and ends.node_id = nodes.node_id
         order by au.name, nodes.first_sequence, nodes.node_id`, b)),
      sqlRows<Record<string, unknown>>(em, `select ${bucketSql('r.started_at', scope)} as bucket, count(*)::int as runs,
          count(*) filter (where r.status = 'completed')::int as completed, count(*) filter (where r.status = 'failed')::int as failed
          from automation_runs r where ${where} group by 1`, b),
    ]);
    const t = totals[0] ?? {};
    const ended = (r: Record<string, unknown>) => num(r.completed) + num(r.failed) + num(r.cancelled);
    return {
      metrics: [
        { key: 'runs', label: 'Runs started', unit: 'count', value: num(t.runs) },
        { key: 'completed', label: 'Completed', unit: 'count', value: num(t.completed) },
        { key: 'failed', label: 'Failed', unit: 'count', value: num(t.failed) },
        { key: 'active', label: 'Still running', unit: 'count', value: num(t.active) },
        { key: 'completionRate', label: 'Completion rate', unit: 'percent', value: ratio(num(t.completed), ended(t)) },
      ],
      series: { unit: 'count', keys: [{ key: 'runs', label: 'Runs' }, { key: 'completed', label: 'Completed' }, { key: 'failed', label: 'Failed' }], points: fillSeries(labels, ['runs', 'completed', 'failed'], series) },
      tables: [
        { key: 'byAutomation', title: 'By automation', columns: [{ key: 'name', label: 'Automation', type: 'string' }, { key: 'runs', label: 'Runs', type: 'count' }, { key: 'completed', label: 'Completed', type: 'count' }, { key: 'failed', label: 'Failed', type: 'count' }, { key: 'cancelled', label: 'Cancelled', type: 'count' }, { key: 'active', label: 'Running', type: 'count' }, { key: 'completionRate', label: 'Completion', type: 'percent' }],
          rows: byAutomation.map((r) => ({ name: String(r.name), runs: num(r.runs), completed: num(r.completed), failed: num(r.failed), cancelled: num(r.cancelled), active: num(r.active), completionRate: ratio(num(r.completed), ended(r)) })) },
        { key: 'byNode', title: 'Drop-off per node', columns: [{ key: 'automation', label: 'Automation', type: 'string' }, { key: 'nodeId', label: 'Node', type: 'string' }, { key: 'nodeType', label: 'Type', type: 'string' }, { key: 'reached', label: 'Runs reaching', type: 'count' }, { key: 'reachRate', label: 'Of runs started', type: 'percent' }, { key: 'waiting', label: 'Waiting here', type: 'count' }, { key: 'dropped', label: 'Stopped here', type: 'count' }, { key: 'dropOff', label: 'Drop-off', type: 'percent' }, { key: 'failedSteps', label: 'Failed steps', type: 'count' }],
          rows: nodes.map((r) => ({ automation: String(r.automation), nodeId: String(r.node_id), nodeType: String(r.node_type), reached: num(r.reached), reachRate: ratio(num(r.reached), num(r.started)), waiting: num(r.waiting), dropped: num(r.dropped), dropOff: ratio(num(r.dropped), num(r.reached)), failedSteps: num(r.failed_steps) })) },
      ],
    };
  },
};
