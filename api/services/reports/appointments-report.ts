import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { num, scopeBindings, sqlRows } from './report-sql';
import { rollupPeriod } from './revenue-report';
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
    // Counts come from report_appointments_daily (kept by triggers: report_appointment_rollups migration).
    const daily = (dim: string) => `from report_appointments_daily r where ${rollupPeriod} and r.dim = '${dim}'`;
    const [byStatus, series, heat, reasons, sources, lead, median] = await Promise.all([
      sqlRows<{ status: string; n: number }>(em, `select r.key as status, sum(r.n)::int as n ${daily('status')} group by 1 having sum(r.n) > 0`, b),
      sqlRows<Record<string, unknown>>(em, `select to_char(date_trunc(:unit, r.day::timestamp), 'YYYY-MM-DD') as bucket, sum(r.n)::int as total,
          coalesce(sum(r.n) filter (where r.key = 'completed'), 0)::int as completed,
          coalesce(sum(r.n) filter (where r.key = 'cancelled'), 0)::int as cancelled,
          coalesce(sum(r.n) filter (where r.key = 'no_show'), 0)::int as "noShow"
          ${daily('status')} group by 1 having sum(r.n) > 0`, b),
      currentOnly(options, () => sqlRows<{ dow: number; hour: number; n: number }>(em, `select extract(isodow from r.day)::int as dow, r.key::int as hour, sum(r.n)::int as n
          ${daily('hour')} group by 1, 2`, b)),
      currentOnly(options, () => sqlRows<{ reason: string; n: number }>(em, `select r.key as reason, sum(r.n)::int as n
          ${daily('reason')} group by 1 having sum(r.n) > 0 order by n desc, reason`, b)),
      currentOnly(options, () => sqlRows<{ source: string; n: number }>(em, `select r.key as source, sum(r.n)::int as n ${daily('source')} group by 1 having sum(r.n) > 0 order by n desc, source`, b)),
      sqlRows<Record<string, unknown>>(em, `select coalesce(round(sum(r.seconds) / nullif(sum(r.n), 0) / 3600.0, 1), 0) as avg_hours,
          ${leadBuckets.map((_, i) => `coalesce(sum(r.n) filter (where r.key = '${i}'), 0)::int as b${i}`).join(', ')}
          ${daily('lead')}`, b),
      // The median needs every lead: an index-only scan of (tenant_id, starts_at) include (created_at);
      // float seconds (what percentile_cont takes anyway) sort faster than numeric.
      sqlRows<{ median_hours: unknown }>(em, `select coalesce(round(cast(percentile_cont(0.5) within group (order by date_part('epoch', a.starts_at - a.created_at)) as numeric) / 3600.0, 1), 0) as median_hours
          from appointments a where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.created_at <= a.starts_at`, b),
    ]);
    const count = (s: string) => num(byStatus.find((r) => r.status === s)?.n);
    const total = byStatus.reduce((s, r) => s + num(r.n), 0);
    const due = count('completed') + count('checked_in') + count('no_show');
    const heatRows = weekdays.map((day, i) => {
      const row: Record<string, string | number> = { weekday: day };
      for (let h = 0; h < 24; h += 1) row[`h${h}`] = num(heat.find((c) => num(c.dow) === i + 1 && num(c.hour) === h)?.n);
      return row;
    });
    const l: Record<string, unknown> = { ...lead[0], median_hours: median[0]?.median_hours };
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
