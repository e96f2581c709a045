import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { bucketSql, localSql, num, scopeBindings, sqlRows } from './report-sql';
import { ratio } from './report-types';

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const statuses = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'];
const leadBuckets = ['Same day', '1–2 days', '3–7 days', '8–30 days', 'Over 30 days'];

export const appointmentsReport: ReportDefinition = {
  name: 'appointments',
  title: 'Appointments',
  notes: [
    'Appointments are counted by their start time in the business time zone.',
    'No-show rate = no-shows ÷ appointments that were due (completed, checked in or no-show). Cancellation rate = cancelled ÷ all booked.',
    'Lead time is the time from booking to the start.',
  ],
  async compute(em, scope, labels, options) {
    const b = scopeBindings(scope);
    const where = 'a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to';
    const [byStatus, series, heat, reasons, sources, lead] = await Promise.all([
      sqlRows<{ status: string; n: number }>(em, `select a.status::text as status, count(*)::int as n from appointments a where ${where} group by 1`, b),
      sqlRows<Record<string, unknown>>(em, `select ${bucketSql('a.starts_at', scope)} as bucket, count(*)::int as total,
          count(*) filter (where a.status = 'completed')::int as completed,
          count(*) filter (where a.status = 'cancelled')::int as cancelled,
          count(*) filter (where a.status = 'no_show')::int as "noShow"
          from appointments a where ${where} group by 1`, b),
      currentOnly(options, () => sqlRows<{ dow: number; hour: number; n: number }>(em, `select extract(isodow from ${localSql('a.starts_at', scope)})::int as dow,
          extract(hour from ${localSql('a.starts_at', scope)})::int as hour, count(*)::int as n
          from appointments a where ${where} and a.status <> 'cancelled' group by 1, 2`, b)),
      currentOnly(options, () => sqlRows<{ reason: string; n: number }>(em, `select coalesce(nullif(trim(a.cancel_reason), ''), 'No reason given') as reason, count(*)::int as n
          from appointments a where ${where} and a.status = 'cancelled' group by 1 order by n desc, reason`, b)),
      currentOnly(options, () => sqlRows<{ source: string; n: number }>(em, `select a.source::text as source, count(*)::int as n from appointments a where ${where} group by 1 order by n desc, source`, b)),
      // Each row's lead is computed once (a materialized CTE), not again in every filter.
      sqlRows<Record<string, unknown>>(em, `
        with d as materialized (
          select extract(epoch from a.starts_at - a.created_at) as seconds,
                 ${localSql('a.starts_at', scope)}::date - ${localSql('a.created_at', scope)}::date as days
            from appointments a where ${where} and a.created_at <= a.starts_at)
        select coalesce(round(avg(d.seconds) / 3600.0, 1), 0) as avg_hours,
               coalesce(round(cast(percentile_cont(0.5) within group (order by d.seconds) as numeric) / 3600.0, 1), 0) as median_hours,
               count(*) filter (where d.days = 0)::int as b0, count(*) filter (where d.days between 1 and 2)::int as b1,
               count(*) filter (where d.days between 3 and 7)::int as b2, count(*) filter (where d.days between 8 and 30)::int as b3,
               count(*) filter (where d.days > 30)::int as b4
          from d`, b),
    ]);
    const count = (s: string) => num(byStatus.find((r) => r.status === s)?.n);
    const total = byStatus.reduce((s, r) => s + num(r.n), 0);
    const due = count('completed') + count('checked_in') + count('no_show');
    const heatRows = weekdays.map((day, i) => {
      const row: Record<string, string | number> = { weekday: day };
      for (let h = 0; h < 24; h += 1) row[`h${h}`] = num(heat.find((c) => num(c.dow) === i + 1 && num(c.hour) === h)?.n);
      return row;
    });
    const l = lead[0] ?? {};
    return {
      metrics: [
        { key: 'appointments', label: 'Appointments', unit: 'count', value: total },
        { key: 'completed', label: 'Completed', unit: 'count', value: count('completed') },
        { key: 'cancelled', label: 'Cancelled', unit: 'count', value: count('cancelled') },
        { key: 'noShows', label: 'No-shows', unit: 'count', value: count('no_show') },
        { key: 'noShowRate', label: 'No-show rate', unit: 'percent', value: ratio(count('no_show'), due) },
        { key: 'cancellationRate', label: 'Cancellation rate', unit: 'percent', value: ratio(count('cancelled'), total) },
        { key: 'averageLeadHours', label: 'Average lead time', unit: 'hours', value: total > 0 ? num(l.avg_hours) : null },
        { key: 'medianLeadHours', label: 'Median lead time', unit: 'hours', value: total > 0 ? num(l.median_hours) : null },
      ],
      series: {
        unit: 'count',
        keys: [{ key: 'total', label: 'Booked' }, { key: 'completed', label: 'Completed' }, { key: 'cancelled', label: 'Cancelled' }, { key: 'noShow', label: 'No-shows' }],
        points: fillSeries(labels, ['total', 'completed', 'cancelled', 'noShow'], series),
      },
      tables: [
        { key: 'byStatus', title: 'By status', columns: [{ key: 'status', label: 'Status', type: 'string' }, { key: 'appointments', label: 'Appointments', type: 'count' }, { key: 'share', label: 'Share', type: 'percent' }],
          rows: statuses.map((s) => ({ status: s, appointments: count(s), share: ratio(count(s), total) })) },
        { key: 'heatmap', title: 'Peak times (weekday × hour, local)', columns: [{ key: 'weekday', label: 'Weekday', type: 'string' }, ...Array.from({ length: 24 }, (_, h) => ({ key: `h${h}`, label: `${String(h).padStart(2, '0')}:00`, type: 'count' as const }))], rows: heatRows },
        { key: 'cancellationReasons', title: 'Cancellation reasons', columns: [{ key: 'reason', label: 'Reason', type: 'string' }, { key: 'appointments', label: 'Cancellations', type: 'count' }],
          rows: reasons.map((r) => ({ reason: r.reason, appointments: num(r.n) })) },
        { key: 'bySource', title: 'Booking source', columns: [{ key: 'source', label: 'Source', type: 'string' }, { key: 'appointments', label: 'Appointments', type: 'count' }, { key: 'share', label: 'Share', type: 'percent' }],
          rows: sources.map((r) => ({ source: r.source, appointments: num(r.n), share: ratio(num(r.n), total) })) },
        { key: 'leadTime', title: 'Lead time', columns: [{ key: 'bucket', label: 'Booked ahead', type: 'string' }, { key: 'appointments', label: 'Appointments', type: 'count' }],
          rows: leadBuckets.map((bucket, i) => ({ bucket, appointments: num(l[`b${i}`]) })) },
      ],
    };
  },
};
