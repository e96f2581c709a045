import { DateTime } from 'luxon';
import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { bucketSql, num, scopeBindings, sqlRows } from './report-sql';
import { ratio } from './report-types';
import { ledgerCte } from './revenue-report';

export const customersReport: ReportDefinition = {
  name: 'customers',
  title: 'Customers',
  notes: [
    'Active customers had a booking (not cancelled) starting in the period; new ones had their first ever booking then, the rest are returning.',
    'Repeat rate = customers with two or more completed visits in the period ÷ customers with at least one.',
    'Lifetime value = net revenue to the end of the period ÷ customers who had paid by then.',
    'Churned: the last completed visit is more than churnDays (default 90) before the end of the period. At risk: not churned, at least two visits, and overdue by more than 1.5 × their own average interval (the 50 most overdue are listed).',
  ],
  async compute(em, scope, labels, options) {
    const b = { ...scopeBindings(scope), churnDays: options.churnDays };
    const [activity, clv, acquisition, topRevenue, churn, segments] = await Promise.all([
      // One pass over the period's bookings that were not cancelled, per customer: active customers,
      // repeat rate (completed visits) and, for the period asked for, the top 20 by visits (only those
      // tied with the 20th place or above get a name). New: their first booking ever is in the
      // period (report_customer_stats.first_booked_at, kept by triggers).
      sqlRows<Record<string, unknown>>(em, `
        with v as materialized (
          select a.customer_id, count(*) filter (where a.status = 'completed')::int as visits, max(a.starts_at) filter (where a.status = 'completed') as last_at
            from appointments a where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status <> 'cancelled' group by 1),
        cut as (select visits from v order by visits desc offset 19 limit 1)
        select count(*)::int as active, count(*) filter (where visits >= 1)::int as one, count(*) filter (where visits >= 2)::int as two,
               (select count(*) from report_customer_stats s where s.tenant_id = :tenant and s.first_booked_at >= :from and s.first_booked_at < :to)::int as new,
               ${options.current ? `(select coalesce(json_agg(t order by t.visits desc, t.name), '[]') from (
                 select c.name, c.email, v.visits, extract(epoch from v.last_at) as last_visit
                   from v join customers c on c.id = v.customer_id and c.tenant_id = :tenant
                  where v.visits > 0 and v.visits >= coalesce((select visits from cut), 0)
                  order by v.visits desc, c.name limit 20) t)` : `'[]'::json`} as top
          from v`, b),
      // Lifetime value = all net revenue to the end of the period (the daily rollup) ÷ customers who had paid by then.
      sqlRows<Record<string, unknown>>(em, `select
          (select coalesce(sum(r.gross_cents - r.refunds_cents), 0) from report_revenue_daily r
            where r.tenant_id = :tenant and r.dim = 'total' and r.day < (cast(:to as timestamptz) at time zone :tz)::date) as net,
          (select count(*) from report_customer_stats s where s.tenant_id = :tenant and s.first_paid_at < :to) as payers`, b),
      sqlRows<Record<string, unknown>>(em, `select ${bucketSql('c.created_at', scope)} as bucket, count(*)::int as "newCustomers"
          from customers c where c.tenant_id = :tenant and c.created_at >= :from and c.created_at < :to group by 1`, b),
      // Summed per customer before the join, and only the customers tied with the 20th place or
      // above get a name (an index-only scan of the period's payments, not a sort of every move).
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `with ${ledgerCte},
        per as materialized (select l.customer_id, sum(l.amount)::bigint as net, count(*) filter (where l.amount > 0)::int as payments
                               from ledger l where l.at >= :from and l.at < :to group by 1),
        cut as (select net from per order by net desc offset 19 limit 1)
        select c.name, c.email, per.net, per.payments from per join customers c on c.id = per.customer_id and c.tenant_id = :tenant
         where per.net >= coalesce((select net from cut), (select min(net) from per)) order by per.net desc, c.name limit 20`, b)),
      // Churn and churn risk as of the end of the period. Visited: a first visit before the end
      // (report_customer_stats, kept by triggers); churned: visited, but no visit in the churn window.
      // At risk needs the visits as of the end: the rollup (as of now) can only have more, which
      // makes a customer look less overdue, so it picks the candidates and only they are counted
      // exactly (an index-only count each) instead of every visit since the end.
      sqlRows<Record<string, unknown>>(em, `
        with recent as materialized (
          select a.customer_id, max(a.starts_at) as last_at from appointments a
           where a.tenant_id = :tenant and a.status = 'completed' and a.starts_at < :to
             and a.starts_at >= cast(:to as timestamptz) - make_interval(days => cast(:churnDays as int)) group by 1),
        candidates as (
          select s.customer_id, s.first_visit_at as first_at, recent.last_at from report_customer_stats s join recent on recent.customer_id = s.customer_id
           where s.tenant_id = :tenant and s.visits >= 2 and s.first_visit_at < :to
             and extract(epoch from cast(:to as timestamptz) - recent.last_at) > 1.5 * extract(epoch from recent.last_at - s.first_visit_at) / (s.visits - 1)),
        counted as (
          select candidates.*, n.visits from candidates cross join lateral (
            select count(*)::int as visits from appointments a
             where a.tenant_id = :tenant and a.customer_id = candidates.customer_id and a.status = 'completed' and a.starts_at < :to) n),
        risk as materialized (
          select c.name, c.email, v.visits, round(extract(epoch from v.last_at - v.first_at) / 86400.0 / (v.visits - 1), 1) as interval_days,
                 round(extract(epoch from cast(:to as timestamptz) - v.last_at) / 86400.0, 1) as days_since
            from counted v join customers c on c.id = v.customer_id and c.tenant_id = :tenant
           where v.visits >= 2 and extract(epoch from cast(:to as timestamptz) - v.last_at) > 1.5 * extract(epoch from v.last_at - v.first_at) / (v.visits - 1)),
        visited as (select count(*)::int as n from report_customer_stats s where s.tenant_id = :tenant and s.first_visit_at < :to)
        select visited.n as visited, visited.n - (select count(*) from recent)::int as churned, (select count(*) from risk)::int as at_risk,
               ${options.current ? `(select coalesce(json_agg(r order by r.days_since desc, r.name), '[]') from (select * from risk order by days_since desc, name limit 50) r)` : `'[]'::json`} as risk
          from visited`, b),
      // Segments by completed visits as of the end (shown for the period asked for): the rollup less
      // the visits since the end (none when the period ends today).
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `
        with since as materialized (
          select a.customer_id, count(*)::int as n from appointments a
           where a.tenant_id = :tenant and a.status = 'completed' and a.starts_at >= :to group by 1),
        v as (select s.visits - coalesce(since.n, 0) as visits from report_customer_stats s left join since on since.customer_id = s.customer_id
               where s.tenant_id = :tenant and s.first_visit_at < :to)
        select count(*) filter (where visits = 1)::int as once, count(*) filter (where visits between 2 and 4)::int as regular,
               count(*) filter (where visits >= 5)::int as loyal from v`, b)),
    ]);
    const a = activity[0] ?? {};
    const topVisits = (a.top ?? []) as Array<Record<string, unknown>>;
    const ch = churn[0] ?? {};
    const seg = segments[0] ?? {};
    const atRisk = (ch.risk ?? []) as Array<Record<string, unknown>>;
    const payers = num(clv[0]?.payers);
    const active = num(a.active);
    const fresh = num(a.new);
    /** A time as ISO-8601 in the business's zone, with its offset. */
    const local = (epochSeconds: unknown) => DateTime.fromMillis(num(epochSeconds) * 1000, { zone: scope.tz }).toISO();
    return {
      metrics: [
        { key: 'activeCustomers', label: 'Active customers', unit: 'count', value: active },
        { key: 'newCustomers', label: 'New customers', unit: 'count', value: fresh },
        { key: 'returningCustomers', label: 'Returning customers', unit: 'count', value: active - fresh },
        { key: 'repeatRate', label: 'Repeat rate', unit: 'percent', value: ratio(num(a.two), num(a.one)) },
        { key: 'lifetimeValueCents', label: 'Customer lifetime value', unit: 'money', value: payers > 0 ? Math.round(num(clv[0]?.net) / payers) : null },
        { key: 'churnedCustomers', label: 'Churned customers', unit: 'count', value: num(ch.churned) },
        { key: 'churnRate', label: 'Churn rate', unit: 'percent', value: ratio(num(ch.churned), num(ch.visited)) },
        { key: 'atRiskCustomers', label: 'At risk of churning', unit: 'count', value: num(ch.at_risk) },
      ],
      series: { unit: 'count', keys: [{ key: 'newCustomers', label: 'New customer records' }], points: fillSeries(labels, ['newCustomers'], acquisition) },
      tables: [
        { key: 'topByRevenue', title: 'Top customers by revenue', columns: [{ key: 'name', label: 'Customer', type: 'string' }, { key: 'email', label: 'Email', type: 'string' }, { key: 'netCents', label: 'Net revenue', type: 'money' }, { key: 'payments', label: 'Payments', type: 'count' }],
          rows: topRevenue.map((r) => ({ name: String(r.name), email: (r.email as string | null) ?? null, netCents: num(r.net), payments: num(r.payments) })) },
        { key: 'topByVisits', title: 'Top customers by visits', columns: [{ key: 'name', label: 'Customer', type: 'string' }, { key: 'email', label: 'Email', type: 'string' }, { key: 'visits', label: 'Visits', type: 'count' }, { key: 'lastVisit', label: 'Last visit', type: 'date' }],
          rows: topVisits.map((r) => ({ name: String(r.name), email: (r.email as string | null) ?? null, visits: num(r.visits), lastVisit: local(r.last_visit) })) },
        { key: 'segments', title: 'Segments (completed visits to date)', columns: [{ key: 'segment', label: 'Segment', type: 'string' }, { key: 'customers', label: 'Customers', type: 'count' }],
          rows: [
            { segment: 'One visit', customers: num(seg.once) },
            { segment: 'Regular (2–4 visits)', customers: num(seg.regular) },
            { segment: 'Loyal (5+ visits)', customers: num(seg.loyal) },
            { segment: `Churned (no visit in ${options.churnDays} days)`, customers: num(ch.churned) },
          ] },
        { key: 'churnRisk', title: 'Churn risk: overdue against their own rhythm', columns: [{ key: 'name', label: 'Customer', type: 'string' }, { key: 'email', label: 'Email', type: 'string' }, { key: 'visits', label: 'Visits', type: 'count' }, { key: 'intervalDays', label: 'Usual interval', type: 'days' }, { key: 'daysSince', label: 'Days since last visit', type: 'days' }],
          rows: atRisk.map((r) => ({ name: String(r.name), email: (r.email as string | null) ?? null, visits: num(r.visits), intervalDays: num(r.interval_days), daysSince: num(r.days_since) })) },
      ],
    };
  },
};
