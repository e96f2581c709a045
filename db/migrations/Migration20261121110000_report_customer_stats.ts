import { Migration } from '@mikro-orm/migrations';

/**
 * Recomputes one customer's row from their appointments and payments. An advisory lock per
 * customer serialises concurrent writers, and each statement after it takes a fresh READ
 * COMMITTED snapshot, so the last writer always sees the others' committed rows (min/max cannot
 * be kept by deltas as the sums in the daily rollups are). Inside a tenant's cascade delete the
 * tenant row is already gone: nothing is written then.
 */
const refresh = `
create or replace function report_customer_stats_refresh(p_tenant uuid, p_customer uuid) returns void language plpgsql as $$
begin
  if p_customer is null then return; end if;
  perform pg_advisory_xact_lock(hashtextextended('report_customer_stats:' || p_customer::text, 0));
  if not exists (select 1 from tenants where id = p_tenant) or not exists (select 1 from customers where id = p_customer and tenant_id = p_tenant) then
    delete from report_customer_stats where customer_id = p_customer;
    return;
  end if;
  insert into report_customer_stats as s (tenant_id, customer_id, first_booked_at, visits, first_visit_at, last_visit_at, first_paid_at)
  select p_tenant, p_customer,
         (select min(a.starts_at) from appointments a where a.tenant_id = p_tenant and a.customer_id = p_customer and a.status <> 'cancelled'),
         v.visits, v.first_at, v.last_at,
         (select min(p.paid_at) from payments p where p.tenant_id = p_tenant and p.customer_id = p_customer
             and p.status in ('paid', 'partially_refunded', 'refunded'))
    from (select count(*)::int as visits, min(a.starts_at) as first_at, max(a.starts_at) as last_at
            from appointments a where a.tenant_id = p_tenant and a.customer_id = p_customer and a.status = 'completed') v
  on conflict (customer_id) do update set first_booked_at = excluded.first_booked_at, visits = excluded.visits,
    first_visit_at = excluded.first_visit_at, last_visit_at = excluded.last_visit_at, first_paid_at = excluded.first_paid_at;
end $$;`;

const trigger = `
create or replace function report_customer_stats_on_change() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform report_customer_stats_refresh(old.tenant_id, old.customer_id); end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.customer_id is distinct from old.customer_id) then
    perform report_customer_stats_refresh(new.tenant_id, new.customer_id);
  end if;
  return null;
end $$;`;

const rebuild = `
create or replace function report_customer_stats_rebuild(p_tenant uuid) returns void language plpgsql as $$
begin
  delete from report_customer_stats where tenant_id = p_tenant;
  insert into report_customer_stats (tenant_id, customer_id, first_booked_at, visits, first_visit_at, last_visit_at, first_paid_at)
  select p_tenant, c.id, b.first_at, coalesce(v.visits, 0), v.first_at, v.last_at, p.first_at
    from customers c
    left join (select customer_id, min(starts_at) as first_at from appointments where tenant_id = p_tenant and status <> 'cancelled' group by 1) b on b.customer_id = c.id
    left join (select customer_id, count(*)::int as visits, min(starts_at) as first_at, max(starts_at) as last_at
                 from appointments where tenant_id = p_tenant and status = 'completed' group by 1) v on v.customer_id = c.id
    left join (select customer_id, min(paid_at) as first_at from payments
                where tenant_id = p_tenant and status in ('paid', 'partially_refunded', 'refunded') group by 1) p on p.customer_id = c.id
   where c.tenant_id = p_tenant and (b.first_at is not null or v.visits is not null or p.first_at is not null);
end $$;`;

/**
 * The customers report's per-customer rollup (bench/reports.ts; EXPLAIN notes in bench/README.md):
 * report_customer_stats (first non-cancelled booking, completed visits with the first and last,
 * first payment), as of now, kept by triggers on appointments and payments. The report turns it
 * into "as of the end of the period" by subtracting the visits after that end, so a compared
 * period long ago reads only the visits since, not every visit ever. Partial covering indexes serve
 * the per-period scans: completed visits, bookings that were not cancelled, and paid payments by
 * customer (top customers by revenue).
 */
export class Migration20261121110000_report_customer_stats extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_customer_stats" ("tenant_id" uuid not null references "tenants" ("id") on delete cascade,
      "customer_id" uuid not null references "customers" ("id") on delete cascade, "first_booked_at" timestamptz null,
      "visits" int not null default 0, "first_visit_at" timestamptz null, "last_visit_at" timestamptz null, "first_paid_at" timestamptz null,
      constraint "report_customer_stats_pkey" primary key ("customer_id"));`);
    this.addSql(`create index "report_customer_stats_tenant_id_index" on "report_customer_stats" ("tenant_id") include ("first_booked_at", "visits", "first_visit_at", "first_paid_at");`);
    this.addSql(`create index if not exists "appointments_tenant_id_starts_at_completed_index" on "appointments" ("tenant_id", "starts_at") include ("customer_id") where "status" = 'completed';`);
    this.addSql(`create index if not exists "appointments_tenant_id_starts_at_booked_index" on "appointments" ("tenant_id", "starts_at") include ("customer_id", "status") where "status" <> 'cancelled';`);
    this.addSql(`create index if not exists "payments_tenant_id_paid_at_customer_index" on "payments" ("tenant_id", "paid_at") include ("customer_id", "amount_cents", "status") where "paid_at" is not null;`);
    this.addSql(refresh);
    this.addSql(trigger);
    this.addSql(rebuild);
    this.addSql(`create trigger report_customer_stats after insert or delete or update of status, starts_at, customer_id, tenant_id on appointments
      for each row execute function report_customer_stats_on_change();`);
    this.addSql(`create trigger report_customer_stats after insert or delete or update of status, paid_at, customer_id, tenant_id on payments
      for each row execute function report_customer_stats_on_change();`);
    this.addSql(`select report_customer_stats_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_customer_stats on appointments;`);
    this.addSql(`drop trigger if exists report_customer_stats on payments;`);
    this.addSql(`drop function if exists report_customer_stats_on_change(), report_customer_stats_rebuild(uuid), report_customer_stats_refresh(uuid, uuid);`);
    this.addSql(`drop table if exists "report_customer_stats";`);
    this.addSql(`drop index if exists "appointments_tenant_id_starts_at_completed_index";`);
    this.addSql(`drop index if exists "appointments_tenant_id_starts_at_booked_index";`);
    this.addSql(`drop index if exists "payments_tenant_id_paid_at_customer_index";`);
  }
}
