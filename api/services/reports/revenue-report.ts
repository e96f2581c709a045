import { currentOnly, type ReportDefinition } from './report-definition';
import { fillSeries } from './report-period';
import { num, scopeBindings, sqlRows } from './report-sql';
import type { Table } from './report-types';

/**
 * Money moves: +amount when a payment is paid, −amount on each refund's own date. Revenue in a
 * period is the sum of the moves dated inside it, so refunds land in the period they were given.
 * A period filter on `l.at` is pushed into both branches: the first reads the period through
 * (tenant_id, paid_at), the second only the few payments with refunds (a partial index).
 */
const ledger = `
  ledger as (
    select p.id, p.appointment_id, p.customer_id, p.method::text as method, p.kind::text as kind, p.amount_cents as amount, p.paid_at as at
      from payments p
     where p.tenant_id = :tenant and p.paid_at is not null and p.status in ('paid', 'partially_refunded', 'refunded')
    union all
    select p.id, p.appointment_id, p.customer_id, p.method::text, p.kind::text, -cast(r->>'amountCents' as int), cast(r->>'at' as timestamptz)
      from payments p cross join jsonb_array_elements(p.refunds) r
     where p.tenant_id = :tenant and p.refunds <> '[]'::jsonb
  )`;
export const ledgerCte = ledger;

/**
 * The period in report_revenue_daily (a rollup kept by triggers, see the report_rollups migration):
 * local days of the business, which is what a period is made of.
 */
export const rollupPeriod = `r.tenant_id = :tenant and r.day >= (cast(:from as timestamptz) at time zone :tz)::date and r.day < (cast(:to as timestamptz) at time zone :tz)::date`;

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
  async compute(em, scope, labels, options) {
    const b = scopeBindings(scope);
    const dimension = async (dim: string, key: string, title: string, name: string, join = ''): Promise<Table> => {
      const rows = await currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `
        select ${name} as name, sum(r.gross_cents)::bigint as gross, sum(r.refunds_cents)::bigint as refunds,
               sum(r.gross_cents - r.refunds_cents)::bigint as net, sum(r.payments)::int as payments
          from report_revenue_daily r ${join}
         where ${rollupPeriod} and r.dim = '${dim}'
         group by 1 having sum(r.payments) <> 0 or sum(r.gross_cents) <> 0 or sum(r.refunds_cents) <> 0 order by net desc, name`, b));
      return {
        key, title,
        columns: [{ key: 'name', label: title.replace(/^By /, '').replace(/^./, (c) => c.toUpperCase()), type: 'string' }, ...moneyColumns],
        rows: rows.map((r) => ({ name: String(r.name), grossCents: num(r.gross), refundsCents: num(r.refunds), netCents: num(r.net), payments: num(r.payments) })),
      };
    };
    const named = (table: string, fallback: string) => [`coalesce(x.name, '${fallback}')`, `left join ${table} x on x.id::text = r.key and x.tenant_id = :tenant`] as const;
    const [totals, series, avg, outstanding, forecast, byService, byStaff, byLocation, byMethod, byKind] = await Promise.all([
      sqlRows<Record<string, unknown>>(em, `select coalesce(sum(r.gross_cents), 0)::bigint as gross, coalesce(sum(r.refunds_cents), 0)::bigint as refunds,
          coalesce(sum(r.gross_cents - r.refunds_cents), 0)::bigint as net, coalesce(sum(r.payments), 0)::int as payments
          from report_revenue_daily r where ${rollupPeriod} and r.dim = 'total'`, b),
      sqlRows<Record<string, unknown>>(em, `select to_char(date_trunc(:unit, r.day), 'YYYY-MM-DD') as bucket, sum(r.gross_cents - r.refunds_cents)::bigint as "netCents",
          sum(r.refunds_cents)::bigint as "refundsCents" from report_revenue_daily r where ${rollupPeriod} and r.dim = 'total' group by 1`, b),
      sqlRows<Record<string, unknown>>(em, `select coalesce(round(avg(price_cents)), 0)::int as avg, count(*)::int as n from appointments
         where tenant_id = :tenant and starts_at >= :from and starts_at < :to and status not in ('cancelled', 'no_show')`, b),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `
        select (select coalesce(sum(owed_cents), 0) from report_open_balances where tenant_id = :tenant)
             + (select coalesce(sum(p.amount_cents), 0) from payments p
                 where p.tenant_id = :tenant and p.status in ('pending', 'failed')
                   and not (p.kind = 'deposit' and exists (select 1 from appointments a where a.id = p.appointment_id and a.tenant_id = :tenant
                                                              and a.status in ('completed', 'checked_in') and a.price_cents > 0))) as outstanding`, b)),
      currentOnly(options, () => sqlRows<Record<string, unknown>>(em, `select coalesce(sum(price_cents), 0)::bigint as cents, count(*)::int as n from appointments
         where tenant_id = :tenant and status in ('pending', 'confirmed') and starts_at >= now() and starts_at < now() + (cast(:to as timestamptz) - cast(:from as timestamptz))`, b)),
      dimension('service', 'byService', 'By service', ...named('services', 'Packages, memberships and other')),
      dimension('staff', 'byStaff', 'By staff', ...named('staff', 'Unassigned or not a visit')),
      dimension('location', 'byLocation', 'By location', ...named('locations', 'No location')),
      dimension('method', 'byPaymentMethod', 'By payment method', 'r.key'),
      dimension('kind', 'byKind', 'By kind of payment', 'r.key'),
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
