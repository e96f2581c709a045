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
    const [activity, repeat, clv, acquisition, topRevenue, topVisits, churn] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `
        with active as (select distinct a.customer_id from appointments a
                         where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status <> 'cancelled')
        select count(*)::int as active, count(*) filter (where not exists (
                 select 1 from appointments e where e.tenant_id = :tenant and e.customer_id = x.customer_id and e.starts_at < :from and e.status <> 'cancelled'))::int as new
          from active x`, b),
      sqlRows<Record<string, unknown>>(em, `select count(*) filter (where n >= 1)::int as one, count(*) filter (where n >= 2)::int as two from (
          select a.customer_id, count(*) as n from appointments a
           where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status = 'completed' group by 1) v`, b),
      // Lifetime value = all net revenue to the end of the period (the daily rollup) ÷ customers who had paid by then.
      sqlRows<Record<string, unknown>>(em, `select
          (select coalesce(sum(r.gross_cents - r.refunds_cents), 0) from report_revenue_daily r
            where r.tenant_id = :tenant and r.dim = 'total' and r.day < (cast(:to as timestamptz) at time zone :tz)::date) as net,
          (select count(*) from customers c where c.tenant_id = :tenant and exists (
             select 1 from payments p where p.customer_id = c.id and p.tenant_id = :tenant and p.paid_at < :to
                and p.status in ('paid', 'partially_refunded', 'refunded'))) as payers`, b),
      sqlRows<Record<string, unknown>>(em, `select ${bucketSql('c.created_at', scope)} as bucket, count(*)::int as "newCustomers"
          from customers c where c.tenant_id = :tenant and c.created_at >= :from and c.created_at < :to group by 1`, b),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `with ${ledgerCte}
        select c.name, c.email, sum(l.amount)::bigint as net, count(distinct l.id) filter (where l.amount > 0)::int as payments
          from ledger l join customers c on c.id = l.customer_id and c.tenant_id = :tenant
         where l.at >= :from and l.at < :to group by c.id, c.name, c.email order by net desc, c.name limit 20`, b)),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `select c.name, c.email, count(*)::int as visits, extract(epoch from max(a.starts_at)) as last_visit
          from appointments a join customers c on c.id = a.customer_id and c.tenant_id = :tenant
         where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status = 'completed'
         group by c.id, c.name, c.email order by visits desc, c.name limit 20`, b)),
      // Churn, segments and churn risk from one pass over each customer's completed visits.
      sqlRows<Record<string, unknown>>(em, `
        with v as materialized (
          select a.customer_id, count(*)::int as visits, max(a.starts_at) as last_at, max(a.starts_at) - min(a.starts_at) as span
            from appointments a where a.tenant_id = :tenant and a.status = 'completed' and a.starts_at < :to group by 1),
        risk as (
          select c.name, c.email, v.visits, round(extract(epoch from v.span) / 86400.0 / (v.visits - 1), 1) as interval_days,
                 round(extract(epoch from cast(:to as timestamptz) - v.last_at) / 86400.0, 1) as days_since
            from v join customers c on c.id = v.customer_id and c.tenant_id = :tenant
           where v.visits >= 2 and v.last_at >= cast(:to as timestamptz) - make_interval(days => cast(:churnDays as int))
             and extract(epoch from cast(:to as timestamptz) - v.last_at) > 1.5 * extract(epoch from v.span) / (v.visits - 1))
        select count(*)::int as visited,
               count(*) filter (where last_at < cast(:to as timestamptz) - make_interval(days => cast(:churnDays as int)))::int as churned,
               count(*) filter (where visits = 1)::int as once, count(*) filter (where visits between 2 and 4)::int as regular,
               count(*) filter (where visits >= 5)::int as loyal,
               (select coalesce(json_agg(r order by r.days_since desc, r.name), '[]') from (select * from risk order by days_since desc, name limit 50) r) as risk,
               (select count(*) from risk)::int as at_risk
          from v`, b),
    ]);
    const a = activity[0] ?? {};
    const ch = churn[0] ?? {};
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
        { key: 'repeatRate', label: 'Repeat rate', unit: 'percent', value: ratio(num(repeat[0]?.two), num(repeat[0]?.one)) },
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
            { segment: 'One visit', customers: num(ch.once) },
            { segment: 'Regular (2–4 visits)', customers: num(ch.regular) },
            { segment: 'Loyal (5+ visits)', customers: num(ch.loyal) },
            { segment: `Churned (no visit in ${options.churnDays} days)`, customers: num(ch.churned) },
          ] },
        { key: 'churnRisk', title: 'Churn risk: overdue against their own rhythm', columns: [{ key: 'name', label: 'Customer', type: 'string' }, { key: 'email', label: 'Email', type: 'string' }, { key: 'visits', label: 'Visits', type: 'count' }, { key: 'intervalDays', label: 'Usual interval', type: 'days' }, { key: 'daysSince', label: 'Days since last visit', type: 'days' }],
          rows: atRisk.map((r) => ({ name: String(r.name), email: (r.email as string | null) ?? null, visits: num(r.visits), intervalDays: num(r.interval_days), daysSince: num(r.days_since) })) },
      ],
    };
  },
};
