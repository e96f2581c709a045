import type { ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { bucketSql, num, scopeBindings, sqlRows } from './report-sql';
import type { Table } from './report-types';

/**
 * Money moves: +amount when a payment is paid, −amount on each refund's own date. Revenue in a
 * period is the sum of the moves dated inside it, so refunds land in the period they were given.
 */
const ledger = `
  ledger as (
    select p.id, p.appointment_id, p.customer_id, p.method::text as method, p.kind::text as kind, p.amount_cents as amount, p.paid_at as at
      from payments p
     where p.tenant_id = :tenant and p.paid_at is not null and p.status in ('paid', 'partially_refunded', 'refunded')
    union all
    select p.id, p.appointment_id, p.customer_id, p.method::text, p.kind::text, -cast(r->>'amountCents' as int), cast(r->>'at' as timestamptz)
      from payments p cross join jsonb_array_elements(p.refunds) r
     where p.tenant_id = :tenant
  )`;
export const ledgerCte = ledger;

const moneyColumns = [
  { key: 'grossCents', label: 'Collected', type: 'money' as const },
  { key: 'refundsCents', label: 'Refunded', type: 'money' as const },
  { key: 'netCents', label: 'Net revenue', type: 'money' as const },
  { key: 'payments', label: 'Payments', type: 'count' as const },
];

export const revenueReport: ReportDefinition = {
  name: 'revenue',
  title: 'Revenue',
  notes: [
    'Revenue is money collected in the period net of refunds given in the period; a refund counts on the day it was made.',
    'Average booking value is the mean price of bookings that started in the period and were not cancelled or missed.',
    'Outstanding balances and the forecast are as of now: unpaid completed visits plus open charges, and the price of pending or confirmed bookings from now over the next period length.',
  ],
  async compute(em, scope, labels) {
    const b = scopeBindings(scope);
    const inPeriod = 'l.at >= :from and l.at < :to';
    const dimension = async (key: string, title: string, label: string, joins: string, groupKey: string): Promise<Table> => {
      const rows = await sqlRows<Record<string, unknown>>(em, `with ${ledger}
        select ${label} as name,
               sum(greatest(l.amount, 0))::bigint as gross, sum(greatest(-l.amount, 0))::bigint as refunds, sum(l.amount)::bigint as net,
               count(distinct l.id) filter (where l.amount > 0)::int as payments
          from ledger l ${joins}
         where ${inPeriod}
         group by ${groupKey} order by net desc, name`, b);
      return {
        key, title,
        columns: [{ key: 'name', label: title.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase()), type: 'string' }, ...moneyColumns],
        rows: rows.map((r) => ({ name: String(r.name), grossCents: num(r.gross), refundsCents: num(r.refunds), netCents: num(r.net), payments: num(r.payments) })),
      };
    };
    const apptJoin = 'left join appointments a on a.id = l.appointment_id and a.tenant_id = :tenant';
    const [totals, series, avg, outstanding, forecast, byService, byStaff, byLocation, byMethod, byKind] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `with ${ledger}
        select coalesce(sum(greatest(l.amount, 0)), 0)::bigint as gross, coalesce(sum(greatest(-l.amount, 0)), 0)::bigint as refunds,
               coalesce(sum(l.amount), 0)::bigint as net, count(distinct l.id) filter (where l.amount > 0)::int as payments
          from ledger l where ${inPeriod}`, b),
      sqlRows<Record<string, unknown>>(em, `with ${ledger}
        select ${bucketSql('l.at')} as bucket, sum(l.amount)::bigint as "netCents", sum(greatest(-l.amount, 0))::bigint as "refundsCents"
          from ledger l where ${inPeriod} group by 1`, b),
      sqlRows<Record<string, unknown>>(em, `select coalesce(round(avg(price_cents)), 0)::int as avg, count(*)::int as n from appointments
         where tenant_id = :tenant and starts_at >= :from and starts_at < :to and status not in ('cancelled', 'no_show')`, b),
      sqlRows<Record<string, unknown>>(em, `
        with visits as (
          select a.id, a.price_cents - coalesce((
                   select sum(p.amount_cents - coalesce((select sum(cast(r->>'amountCents' as int)) from jsonb_array_elements(p.refunds) r), 0))
                     from payments p
                    where p.tenant_id = :tenant and p.appointment_id = a.id and p.kind in ('service', 'deposit') and p.status in ('paid', 'partially_refunded')), 0) as owed
            from appointments a
           where a.tenant_id = :tenant and a.status in ('completed', 'checked_in') and a.price_cents > 0)
        select (select coalesce(sum(greatest(owed, 0)), 0) from visits)
             + (select coalesce(sum(p.amount_cents), 0) from payments p
                 where p.tenant_id = :tenant and p.status in ('pending', 'failed')
                   and not (p.kind = 'deposit' and p.appointment_id is not null and p.appointment_id in (select id from visits))) as outstanding`, b),
      sqlRows<Record<string, unknown>>(em, `select coalesce(sum(price_cents), 0)::bigint as cents, count(*)::int as n from appointments
         where tenant_id = :tenant and status in ('pending', 'confirmed') and starts_at >= now() and starts_at < now() + (cast(:to as timestamptz) - cast(:from as timestamptz))`, b),
      dimension('byService', 'By service', `coalesce(s.name, 'Packages, memberships and other')`, `${apptJoin} left join services s on s.id = a.service_id and s.tenant_id = :tenant`, '1'),
      dimension('byStaff', 'By staff', `coalesce(st.name, 'Unassigned or not a visit')`, `${apptJoin} left join staff st on st.id = a.staff_id and st.tenant_id = :tenant`, '1'),
      dimension('byLocation', 'By location', `coalesce(lo.name, 'No location')`, `${apptJoin} left join locations lo on lo.id = a.location_id and lo.tenant_id = :tenant`, '1'),
      dimension('byPaymentMethod', 'By payment method', 'l.method', '', '1'),
      dimension('byKind', 'By kind of payment', 'l.kind', '', '1'),
    ]);
    const t = totals[0] ?? {};
    const fallbackOutstanding = outstanding[0] ?? {};
    return {
      metrics: [
        { key: 'netRevenueCents', label: 'Net revenue', unit: 'money', value: num(t.net) },
        { key: 'grossRevenueCents', label: 'Collected', unit: 'money', value: num(t.gross) },
        { key: 'refundsCents', label: 'Refunds', unit: 'money', value: num(t.refunds) },
        { key: 'payments', label: 'Payments', unit: 'count', value: num(t.payments) },
        { key: 'averageBookingValueCents', label: 'Average booking value', unit: 'money', value: num(avg[0]?.n) > 0 ? num(avg[0]?.avg) : null },
        { key: 'outstandingCents', label: 'Outstanding balances (now)', unit: 'money', value: num(fallbackOutstanding.outstanding), compare: false },
        { key: 'forecastCents', label: 'Booked ahead (next period)', unit: 'money', value: num(forecast[0]?.cents), compare: false },
        { key: 'forecastAppointments', label: 'Bookings ahead (next period)', unit: 'count', value: num(forecast[0]?.n), compare: false },
      ],
      series: {
        unit: 'money',
        keys: [{ key: 'netCents', label: 'Net revenue' }, { key: 'refundsCents', label: 'Refunds' }],
        points: fillSeries(labels, ['netCents', 'refundsCents'], series),
      },
      tables: [byService, byStaff, byLocation, byMethod, byKind],
    };
  },
};
