import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { num, scopeBindings, sqlRows } from './report-sql';
import { ratio } from './report-types';
import { rollupPeriod } from './revenue-report';

const steps = ['view', 'service_selected', 'slot_selected', 'form_completed', 'booked'] as const;
const stepLabels: Record<string, string> = { view: 'Viewed page', service_selected: 'Chose a service', slot_selected: 'Chose a time', form_completed: 'Filled the form', booked: 'Booked' };

export const funnelReport: ReportDefinition = {
  name: 'funnel',
  title: 'Booking funnel',
  notes: [
    'Sessions reaching each step of the public booking page in the period (each session counts once per step). Conversion is from the first step; drop-off is the share lost since the previous step.',
    'Pages are told apart by the event source (referrer or campaign tag) the booking page sends.',
  ],
  async compute(em, scope, labels, options) {
    const b = scopeBindings(scope);
    // report_funnel_daily: events per local day, source and step, kept by a trigger. A session has
    // at most one event per step (unique tenant_id, session_id, step), so events are sessions.
    const where = rollupPeriod;
    const [byStep, byPage, series] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `select r.step, sum(r.n)::int as sessions from report_funnel_daily r where ${where} group by 1`, b),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `select coalesce(nullif(r.source, ''), 'Booking page') as page, r.step, sum(r.n)::int as sessions
          from report_funnel_daily r where ${where} group by 1, 2`, b)),
      sqlRows<Record<string, unknown>>(em, `select to_char(date_trunc(:unit, r.day::timestamp), 'YYYY-MM-DD') as bucket, coalesce(sum(r.n) filter (where r.step = 'view'), 0)::int as views,
          coalesce(sum(r.n) filter (where r.step = 'booked'), 0)::int as booked from report_funnel_daily r where ${where} group by 1`, b),
    ]);
    const stepRows = (counts: (step: string) => number, extra: Record<string, string> = {}) =>
      steps.map((step, i) => {
        const sessions = counts(step);
        const prev = i === 0 ? sessions : counts(steps[i - 1] as string);
        return { ...extra, step: stepLabels[step] ?? step, sessions, conversion: ratio(sessions, counts('view')), dropOff: i === 0 ? null : prev > 0 ? ratio(prev - sessions, prev) : null };
      });
    const overall = (step: string) => num(byStep.find((r) => r.step === step)?.sessions);
    const pages = [...new Set(byPage.map((r) => String(r.page)))].sort();
    const columns = [{ key: 'step', label: 'Step', type: 'string' as const }, { key: 'sessions', label: 'Sessions', type: 'count' as const }, { key: 'conversion', label: 'Conversion from view', type: 'percent' as const }, { key: 'dropOff', label: 'Drop-off from previous', type: 'percent' as const }];
    return {
      metrics: [
        { key: 'sessions', label: 'Sessions (viewed)', unit: 'count', value: overall('view') },
        { key: 'bookings', label: 'Booked', unit: 'count', value: overall('booked') },
        { key: 'conversionRate', label: 'Conversion', unit: 'percent', value: ratio(overall('booked'), overall('view')) },
      ],
      series: { unit: 'count', keys: [{ key: 'views', label: 'Sessions' }, { key: 'booked', label: 'Booked' }], points: fillSeries(labels, ['views', 'booked'], series) },
      tables: [
        { key: 'steps', title: 'Steps', columns, rows: stepRows(overall) },
        { key: 'byPage', title: 'By booking page', columns: [{ key: 'page', label: 'Page', type: 'string' }, ...columns],
          rows: pages.flatMap((page) => stepRows((step) => num(byPage.find((r) => r.page === page && r.step === step)?.sessions), { page })) },
      ],
    };
  },
};
