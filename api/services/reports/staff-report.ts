import type { ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { num, scopeBindings, sqlRows } from './report-sql';
import { ratio } from './report-types';
import { rollupPeriod } from './revenue-report';
import { staffAvailableHours } from './staff-available-hours';

export const staffReport: ReportDefinition = {
  name: 'staff',
  title: 'Staff',
  notes: [
    'Utilization = booked hours (bookings not cancelled, no-shows included: the time was held) ÷ available hours: each person’s weekly hours in their own zone over the period, with date overrides (closed days, other hours) and time off taken out.',
    'Revenue is net money collected in the period for that person’s appointments. Ratings are reviews written in the period.',
  ],
  async compute(em, scope, labels) {
    const b = scopeBindings(scope);
    const [rows, series, availableByStaff] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `
        with counts as (
          select cast(split_part(r.key, ':', 1) as uuid) as staff_id, split_part(r.key, ':', 2) as status, sum(r.n) as n, sum(r.seconds) as seconds
            from report_appointments_daily r where ${rollupPeriod} and r.dim = 'staff' group by 1, 2 having sum(r.n) > 0),
        appts as (
          select c.staff_id, coalesce(sum(c.n) filter (where c.status <> 'cancelled'), 0)::int as appointments,
                 coalesce(sum(c.n) filter (where c.status = 'completed'), 0)::int as completed,
                 coalesce(sum(c.n) filter (where c.status = 'no_show'), 0)::int as no_shows,
                 coalesce(sum(c.n) filter (where c.status in ('completed', 'checked_in', 'no_show')), 0)::int as due,
                 coalesce(sum(c.seconds) filter (where c.status <> 'cancelled'), 0) / 3600.0 as booked_hours
            from counts c group by 1),
        money as (
          select cast(r.key as uuid) as staff_id, sum(r.gross_cents - r.refunds_cents)::bigint as net from report_revenue_daily r
           where ${rollupPeriod} and r.dim = 'staff' and r.key <> '' group by 1),
        ratings as (
          select rv.staff_id, round(avg(rv.rating), 2) as rating, count(*)::int as reviews from reviews rv
           where rv.tenant_id = :tenant and rv.created_at >= :from and rv.created_at < :to group by 1)
        select s.id, s.name, coalesce(ap.appointments, 0) as appointments, coalesce(ap.completed, 0) as completed, coalesce(ap.no_shows, 0) as no_shows,
               coalesce(ap.due, 0) as due, round(coalesce(ap.booked_hours, 0), 2) as booked_hours,
               coalesce(m.net, 0) as net, rt.rating, coalesce(rt.reviews, 0) as reviews
          from staff s
          left join appts ap on ap.staff_id = s.id
          left join money m on m.staff_id = s.id left join ratings rt on rt.staff_id = s.id
         where s.tenant_id = :tenant and (s.active or ap.appointments > 0)
         order by s.name`, b),
      sqlRows<Record<string, unknown>>(em, `select to_char(date_trunc(:unit, r.day::timestamp), 'YYYY-MM-DD') as bucket, coalesce(sum(r.seconds), 0) / 3600.0 as "bookedHours"
          from report_appointments_daily r where ${rollupPeriod} and r.dim = 'staff' and r.key not like '%:cancelled' group by 1 having sum(r.n) > 0`, b),
      staffAvailableHours(em, scope.tenant, scope.tz, scope),
    ]);
    for (const r of rows) r.available_hours = Math.round((availableByStaff.get(String(r.id)) ?? 0) * 100) / 100;
    const total = (k: string) => rows.reduce((s, r) => s + num(r[k]), 0);
    const booked = Math.round(total('booked_hours') * 100) / 100;
    const available = Math.round(total('available_hours') * 100) / 100;
    return {
      metrics: [
        { key: 'appointments', label: 'Appointments', unit: 'count', value: total('appointments') },
        { key: 'bookedHours', label: 'Booked hours', unit: 'hours', value: booked },
        { key: 'availableHours', label: 'Available hours', unit: 'hours', value: available },
        { key: 'utilization', label: 'Utilization', unit: 'percent', value: ratio(booked, available) },
        { key: 'noShowRate', label: 'No-show rate', unit: 'percent', value: ratio(total('no_shows'), total('due')) },
        { key: 'revenueCents', label: 'Revenue from visits', unit: 'money', value: total('net') },
      ],
      series: { unit: 'hours', keys: [{ key: 'bookedHours', label: 'Booked hours' }], points: fillSeries(labels, ['bookedHours'], series).map((p) => ({ ...p, bookedHours: Math.round(Number(p.bookedHours) * 100) / 100 })) },
      tables: [{
        key: 'byStaff', title: 'By staff member',
        columns: [
          { key: 'name', label: 'Staff', type: 'string' }, { key: 'appointments', label: 'Appointments', type: 'count' }, { key: 'completed', label: 'Completed', type: 'count' },
          { key: 'noShows', label: 'No-shows', type: 'count' }, { key: 'noShowRate', label: 'No-show rate', type: 'percent' }, { key: 'revenueCents', label: 'Revenue', type: 'money' },
          { key: 'bookedHours', label: 'Booked hours', type: 'hours' }, { key: 'availableHours', label: 'Available hours', type: 'hours' }, { key: 'utilization', label: 'Utilization', type: 'percent' },
          { key: 'rating', label: 'Rating', type: 'number' }, { key: 'reviews', label: 'Reviews', type: 'count' },
        ],
        rows: rows.map((r) => ({
          name: String(r.name), appointments: num(r.appointments), completed: num(r.completed), noShows: num(r.no_shows), noShowRate: ratio(num(r.no_shows), num(r.due)),
          revenueCents: num(r.net), bookedHours: num(r.booked_hours), availableHours: num(r.available_hours), utilization: ratio(num(r.booked_hours), num(r.available_hours)),
          rating: r.rating === null || r.rating === undefined ? null : num(r.rating), reviews: num(r.reviews),
        })),
      }],
    };
  },
};
