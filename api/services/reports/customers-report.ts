import type { ReportDefinition } from './report-definition';
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
    'Lifetime value = net revenue per paying customer from their first payment to the end of the period.',
    'Churned: the last completed visit is more than churnDays (default 90) before the end of the period. At risk: not churned, at least two visits, and overdue by more than 1.5 × their own average interval.',
  ],
  async compute(em, scope, labels, options) {
    const b = { ...scopeBindings(scope), churnDays: options.churnDays };
    const [activity, repeat, clv, acquisition, topRevenue, topVisits, churn, atRisk] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `
        with active as (select distinct a.customer_id from appointments a
                         where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status <> 'cancelled'),
             firsts as (select a.customer_id, min(a.starts_at) as first_at from appointments a
                         where a.tenant_id = :tenant and a.status <> 'cancelled' group by 1)
        select count(*)::int as active, count(*) filter (where f.first_at >= :from)::int as new
          from active x join firsts f on f.customer_id = x.customer_id`, b),
      sqlRows<Record<string, unknown>>(em, `select count(*) filter (where n >= 1)::int as one, count(*) filter (where n >= 2)::int as two from (
          select a.customer_id, count(*) as n from appointments a
           where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status = 'completed' group by 1) v`, b),
      sqlRows<Record<string, unknown>>(em, `with ${ledgerCte}
        select coalesce(round(avg(total)), 0)::bigint as clv, count(*)::int as payers from (
          select l.customer_id, sum(l.amount) as total from ledger l where l.at < :to group by 1 having sum(greatest(l.amount, 0)) > 0) c`, b),
      sqlRows<Record<string, unknown>>(em, `select ${bucketSql('c.created_at')} as bucket, count(*)::int as "newCustomers"
          from customers c where c.tenant_id = :tenant and c.created_at >= :from and c.created_at < :to group by 1`, b),
      sqlRows<Record<string, unknown>>(em, `with ${ledgerCte}
        select c.name, c.email, sum(l.amount)::bigint as net, count(distinct l.id) filter (where l.amount > 0)::int as payments
          from ledger l join customers c on c.id = l.customer_id and c.tenant_id = :tenant
         where l.at >= :from and l.at < :to group by c.id, c.name, c.email order by net desc, c.name limit 20`, b),
      sqlRows<Record<string, unknown>>(em, `select c.name, c.email, count(*)::int as visits, max(a.starts_at) as last_visit
          from appointments a join customers c on c.id = a.customer_id and c.tenant_id = :tenant
         where a.tenant_id = :tenant and a.starts_at >= :from and a.starts_at < :to and a.status = 'completed'
         group by c.id, c.name, c.email order by visits desc, c.name limit 20`, b),
      sqlRows<Record<string, unknown>>(em, `select count(*)::int as visited,
          count(*) filter (where last_at < cast(:to as timestamptz) - make_interval(days => cast(:churnDays as int)))::int as churned,
          count(*) filter (where visits = 1)::int as once, count(*) filter (where visits between 2 and 4)::int as regular,
          count(*) filter (where visits >= 5)::int as loyal from (
          select a.customer_id, max(a.starts_at) as last_at, count(*) as visits from appointments a
           where a.tenant_id = :tenant and a.status = 'completed' and a.starts_at < :to group by 1) v`, b),
      sqlRows<Record<string, unknown>>(em, `select c.name, c.email, v.visits, v.last_at,
          round(extract(epoch from v.span) / 86400.0 / (v.visits - 1), 1) as interval_days,
          round(extract(epoch from cast(:to as timestamptz) - v.last_at) / 86400.0, 1) as days_since
          from (select a.customer_id, count(*)::int as visits, max(a.starts_at) as last_at, max(a.starts_at) - min(a.starts_at) as span
                  from appointments a where a.tenant_id = :tenant and a.status = 'completed' and a.starts_at < :to group by 1 having count(*) >= 2) v
          join customers c on c.id = v.customer_id and c.tenant_id = :tenant
         where v.last_at >= cast(:to as timestamptz) - make_interval(days => cast(:churnDays as int))
           and extract(epoch from cast(:to as timestamptz) - v.last_at) > 1.5 * extract(epoch from v.span) / (v.visits - 1)
         order by days_since desc limit 50`, b),
    ]);
    const a = activity[0] ?? {};
    const ch = churn[0] ?? {};
    const active = num(a.active);
    const fresh = num(a.new);
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));
    return {
      metrics: [
        { key: 'activeCustomers', label: 'Active customers', unit: 'count', value: active },
        { key: 'newCustomers', label: 'New customers', unit: 'count', value: fresh },
        { key: 'returningCustomers', label: 'Returning customers', unit: 'count', value: active - fresh },
        { key: 'repeatRate', label: 'Repeat rate', unit: 'percent', value: ratio(num(repeat[0]?.two), num(repeat[0]?.one)) },
        { key: 'lifetimeValueCents', label: 'Customer lifetime value', unit: 'money', value: num(clv[0]?.payers) > 0 ? num(clv[0]?.clv) : null },
        { key: 'churnedCustomers', label: 'Churned customers', unit: 'count', value: num(ch.churned) },
        { key: 'churnRate', label: 'Churn rate', unit: 'percent', value: ratio(num(ch.churned), num(ch.visited)) },
        { key: 'atRiskCustomers', label: 'At risk of churning', unit: 'count', value: atRisk.length },
      ],
      series: { unit: 'count', keys: [{ key: 'newCustomers', label: 'New customer records' }], points: fillSeries(labels, ['newCustomers'], acquisition) },
      tables: [
        { key: 'topByRevenue', title: 'Top customers by revenue', columns: [{ key: 'name', label: 'Customer', type: 'string' }, { key: 'email', label: 'Email', type: 'string' }, { key: 'netCents', label: 'Net revenue', type: 'money' }, { key: 'payments', label: 'Payments', type: 'count' }],
          rows: topRevenue.map((r) => ({ name: String(r.name), email: (r.email as string | null) ?? null, netCents: num(r.net), payments: num(r.payments) })) },
        { key: 'topByVisits', title: 'Top customers by visits', columns: [{ key: 'name', label: 'Customer', type: 'string' }, { key: 'email', label: 'Email', type: 'string' }, { key: 'visits', label: 'Visits', type: 'count' }, { key: 'lastVisit', label: 'Last visit', type: 'date' }],
          rows: topVisits.map((r) => ({ name: String(r.name), email: (r.email as string | null) ?? null, visits: num(r.visits), lastVisit: iso(r.last_visit) })) },
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
