import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Tenant } from '../../../db/entities';
import { ledgerCte } from '../reports/revenue-report';
import { num, sqlRows } from '../reports/report-sql';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? null : String(v));

/**
 * The operational home page: today (the business's local day) at a glance, what starts in the
 * next two hours, recent no-shows and what needs attention. Revenue only for owners and admins.
 */
export async function dashboardToday(em: EntityManager, tenantId: string, options: { includeRevenue: boolean; now?: Date }) {
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const tz = tenant.timezone;
  const now = options.now ?? new Date();
  const start = DateTime.fromJSDate(now, { zone: tz }).startOf('day');
  const b = { tenant: tenantId, from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate(), now, soon: new Date(now.getTime() + 2 * 3600_000), weekAgo: new Date(now.getTime() - 7 * 86400_000), dayAgo: new Date(now.getTime() - 86400_000), tz };
  const [revenue, byStatus, upcoming, noShows, failedMessages, expiring, failingAutomations] = await Promise.all([
    options.includeRevenue
      ? sqlRows<Record<string, unknown>>(em, `with ${ledgerCte} select coalesce(sum(l.amount), 0)::bigint as net, count(distinct l.id) filter (where l.amount > 0)::int as payments from ledger l where l.at >= :from and l.at < :to`, b)
      : Promise.resolve([]),
    sqlRows<{ status: string; n: number }>(em, `select status::text as status, count(*)::int as n from appointments where tenant_id = :tenant and starts_at >= :from and starts_at < :to group by 1`, b),
    sqlRows<Record<string, unknown>>(em, `select a.id, a.starts_at, a.ends_at, a.status::text as status, c.name as customer, s.name as service, st.name as staff, p.name as pet
        from appointments a join customers c on c.id = a.customer_id join services s on s.id = a.service_id
        left join staff st on st.id = a.staff_id left join pets p on p.id = a.pet_id
       where a.tenant_id = :tenant and a.starts_at >= :now and a.starts_at < :soon and a.status in ('pending', 'confirmed', 'checked_in')
       order by a.starts_at limit 50`, b),
    sqlRows<Record<string, unknown>>(em, `select a.id, a.starts_at, c.name as customer, c.phone, s.name as service, st.name as staff
        from appointments a join customers c on c.id = a.customer_id join services s on s.id = a.service_id left join staff st on st.id = a.staff_id
       where a.tenant_id = :tenant and a.status = 'no_show' and a.starts_at >= :weekAgo order by a.starts_at desc limit 10`, b),
    sqlRows<Record<string, unknown>>(em, `select m.id, m.channel::text as channel, m.to, m.error_message, m.created_at, c.name as customer
        from messages m left join customers c on c.id = m.customer_id
       where m.tenant_id = :tenant and m.direction = 'outbound' and m.status in ('failed', 'undelivered') and m.created_at >= :dayAgo order by m.created_at desc limit 20`, b),
    sqlRows<Record<string, unknown>>(em, `select v.id, v.name, v.expires_on::text as expires_on, p.name as pet, c.name as customer
        from vaccinations v join pets p on p.id = v.pet_id join customers c on c.id = p.customer_id
       where v.tenant_id = :tenant and v.expires_on >= (cast(:now as timestamptz) at time zone :tz)::date and v.expires_on < (cast(:now as timestamptz) at time zone :tz)::date + 14
         and not exists (select 1 from vaccinations n where n.tenant_id = :tenant and n.pet_id = v.pet_id and n.name = v.name and n.expires_on > v.expires_on)
       order by v.expires_on limit 20`, b),
    sqlRows<Record<string, unknown>>(em, `select au.id, au.name, count(*)::int as failed, max(r.ended_at) as last_failed_at
        from automation_runs r join automations au on au.id = r.automation_id
       where r.tenant_id = :tenant and r.status = 'failed' and coalesce(r.ended_at, r.updated_at) >= :dayAgo group by au.id, au.name order by failed desc limit 10`, b),
  ]);
  const statuses = ['pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show'];
  const alerts = [
    ...(failedMessages.length ? [{ kind: 'failed_messages', severity: 'error', message: `${failedMessages.length} message${failedMessages.length === 1 ? '' : 's'} failed in the last 24 hours` }] : []),
    ...(expiring.length ? [{ kind: 'expiring_vaccinations', severity: 'warning', message: `${expiring.length} vaccination${expiring.length === 1 ? '' : 's'} expire within 14 days` }] : []),
    ...failingAutomations.map((a) => ({ kind: 'failing_automation', severity: 'error', message: `Automation “${String(a.name)}” failed ${num(a.failed)} time${num(a.failed) === 1 ? '' : 's'} in the last 24 hours`, automationId: String(a.id) })),
  ];
  return {
    date: start.toISODate(),
    timezone: tz,
    currency: tenant.currency,
    revenue: options.includeRevenue ? { netCents: num(revenue[0]?.net), payments: num(revenue[0]?.payments) } : null,
    appointments: { total: byStatus.reduce((s, r) => s + num(r.n), 0), byStatus: Object.fromEntries(statuses.map((s) => [s, num(byStatus.find((r) => r.status === s)?.n)])) },
    upcoming: upcoming.map((r) => ({ id: String(r.id), startsAt: iso(r.starts_at), endsAt: iso(r.ends_at), status: String(r.status), customer: String(r.customer), service: String(r.service), staff: (r.staff as string | null) ?? null, pet: (r.pet as string | null) ?? null })),
    recentNoShows: noShows.map((r) => ({ id: String(r.id), startsAt: iso(r.starts_at), customer: String(r.customer), phone: (r.phone as string | null) ?? null, service: String(r.service), staff: (r.staff as string | null) ?? null })),
    failedMessages: failedMessages.map((r) => ({ id: String(r.id), channel: String(r.channel), to: String(r.to), error: (r.error_message as string | null) ?? null, createdAt: iso(r.created_at), customer: (r.customer as string | null) ?? null })),
    expiringVaccinations: expiring.map((r) => ({ id: String(r.id), name: String(r.name), expiresOn: String(r.expires_on), pet: String(r.pet), customer: String(r.customer) })),
    failingAutomations: failingAutomations.map((r) => ({ id: String(r.id), name: String(r.name), failed: num(r.failed), lastFailedAt: iso(r.last_failed_at) })),
    alerts,
  };
}
