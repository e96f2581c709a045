import { Migration } from '@mikro-orm/migrations';

/** One payment's money moves, by local day, for each dimension the revenue report breaks down by. */
const applyRevenue = `
create or replace function report_revenue_apply_dims(p payments, sign int, v_service uuid, v_staff uuid, v_location uuid) returns void language plpgsql as $$
declare
  tz text;
begin
  select timezone into tz from tenants where id = p.tenant_id;
  insert into report_revenue_daily as d (tenant_id, day, dim, key, gross_cents, refunds_cents, payments)
  select p.tenant_id, m.day, x.dim, x.key, sign * sum(m.gross), sign * sum(m.refunds), sign * sum(m.n)
    from (select (p.paid_at at time zone tz)::date as day, p.amount_cents::bigint as gross, 0::bigint as refunds, 1 as n
           where p.paid_at is not null and p.status in ('paid', 'partially_refunded', 'refunded')
          union all
          select (cast(r->>'at' as timestamptz) at time zone tz)::date, 0, cast(r->>'amountCents' as bigint), 0
            from jsonb_array_elements(p.refunds) r where r->>'at' is not null) m
    cross join (values ('total', ''), ('service', coalesce(v_service::text, '')), ('staff', coalesce(v_staff::text, '')),
                       ('location', coalesce(v_location::text, '')), ('method', p.method::text), ('kind', p.kind::text)) x(dim, key)
   group by m.day, x.dim, x.key
  on conflict (tenant_id, day, dim, key) do update
    set gross_cents = d.gross_cents + excluded.gross_cents, refunds_cents = d.refunds_cents + excluded.refunds_cents, payments = d.payments + excluded.payments;
end $$;

create or replace function report_revenue_apply(p payments, sign int) returns void language plpgsql as $$
declare
  a record;
begin
  select service_id, staff_id, location_id into a from appointments where id = p.appointment_id;
  perform report_revenue_apply_dims(p, sign, a.service_id, a.staff_id, a.location_id);
end $$;`;

/** What an appointment owes now: its price less what was paid towards it, net of refunds, when it is a visit. */
const refreshBalance = `
create or replace function report_refresh_open_balance(p_appointment uuid) returns void language plpgsql as $$
declare
  v_tenant uuid;
  v_owed int;
begin
  select a.tenant_id, a.price_cents - coalesce((
           select sum(p.amount_cents - coalesce((select sum(cast(r->>'amountCents' as int)) from jsonb_array_elements(p.refunds) r), 0))
             from payments p where p.appointment_id = a.id and p.kind in ('service', 'deposit') and p.status in ('paid', 'partially_refunded')), 0)
    into v_tenant, v_owed
    from appointments a where a.id = p_appointment and a.status in ('completed', 'checked_in') and a.price_cents > 0;
  if v_tenant is null or v_owed <= 0 then
    delete from report_open_balances where appointment_id = p_appointment;
  else
    insert into report_open_balances (appointment_id, tenant_id, owed_cents) values (p_appointment, v_tenant, v_owed)
      on conflict (appointment_id) do update set owed_cents = excluded.owed_cents;
  end if;
end $$;`;

/** Both rollups for one tenant from scratch (the backfill, and after a bulk load with triggers off). */
const rebuild = `
create or replace function report_rollups_rebuild(p_tenant uuid) returns void language plpgsql as $$
declare
  tz text;
begin
  select timezone into tz from tenants where id = p_tenant;
  delete from report_revenue_daily where tenant_id = p_tenant;
  insert into report_revenue_daily (tenant_id, day, dim, key, gross_cents, refunds_cents, payments)
  with moves as (
    select p.id, p.appointment_id, p.method::text as method, p.kind::text as kind, (p.paid_at at time zone tz)::date as day, p.amount_cents::bigint as gross, 0::bigint as refunds, 1 as n
      from payments p where p.tenant_id = p_tenant and p.paid_at is not null and p.status in ('paid', 'partially_refunded', 'refunded')
    union all
    select p.id, p.appointment_id, p.method::text, p.kind::text, (cast(r->>'at' as timestamptz) at time zone tz)::date, 0, cast(r->>'amountCents' as bigint), 0
      from payments p cross join jsonb_array_elements(p.refunds) r where p.tenant_id = p_tenant and p.refunds <> '[]'::jsonb and r->>'at' is not null)
  select p_tenant, m.day, x.dim, x.key, sum(m.gross), sum(m.refunds), sum(m.n)
    from moves m left join appointments a on a.id = m.appointment_id
    cross join lateral (values ('total', ''), ('service', coalesce(a.service_id::text, '')), ('staff', coalesce(a.staff_id::text, '')),
                               ('location', coalesce(a.location_id::text, '')), ('method', m.method), ('kind', m.kind)) x(dim, key)
   group by m.day, x.dim, x.key;
  delete from report_open_balances where tenant_id = p_tenant;
  insert into report_open_balances (appointment_id, tenant_id, owed_cents)
  select a.id, a.tenant_id, a.price_cents - coalesce(pp.paid, 0)
    from appointments a
    left join (select p.appointment_id, sum(p.amount_cents - coalesce((select sum(cast(r->>'amountCents' as int)) from jsonb_array_elements(p.refunds) r), 0)) as paid
                 from payments p where p.tenant_id = p_tenant and p.appointment_id is not null and p.kind in ('service', 'deposit') and p.status in ('paid', 'partially_refunded')
                group by 1) pp on pp.appointment_id = a.id
   where a.tenant_id = p_tenant and a.status in ('completed', 'checked_in') and a.price_cents > 0 and a.price_cents - coalesce(pp.paid, 0) > 0;
end $$;`;

const triggers = `
create or replace function report_rollups_on_payment() returns trigger language plpgsql as $$
begin
  -- A tenant being deleted cascades to its payments after its own row (and its rollups) are gone.
  if not exists (select 1 from tenants where id = coalesce(new.tenant_id, old.tenant_id)) then return null; end if;
  if tg_op in ('UPDATE', 'DELETE') then
    perform report_revenue_apply(old, -1);
    if old.appointment_id is not null then perform report_refresh_open_balance(old.appointment_id); end if;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform report_revenue_apply(new, 1);
    if new.appointment_id is not null and (tg_op = 'INSERT' or new.appointment_id is distinct from old.appointment_id or new.status is distinct from old.status
        or new.amount_cents is distinct from old.amount_cents or new.refunds is distinct from old.refunds or new.kind is distinct from old.kind) then
      perform report_refresh_open_balance(new.appointment_id);
    end if;
  end if;
  return null;
end $$;

create or replace function report_rollups_on_appointment() returns trigger language plpgsql as $$
declare
  p payments;
begin
  if not exists (select 1 from tenants where id = coalesce(new.tenant_id, old.tenant_id)) then return null; end if;
  if tg_op = 'UPDATE' and (new.service_id is distinct from old.service_id or new.staff_id is distinct from old.staff_id or new.location_id is distinct from old.location_id) then
    -- Money already taken moves with the appointment to its new service, staff member or location.
    for p in select * from payments where appointment_id = new.id loop
      perform report_revenue_apply_dims(p, -1, old.service_id, old.staff_id, old.location_id);
      perform report_revenue_apply_dims(p, 1, new.service_id, new.staff_id, new.location_id);
    end loop;
  end if;
  if tg_op = 'INSERT' or new.status is distinct from old.status or new.price_cents is distinct from old.price_cents then
    perform report_refresh_open_balance(new.id);
  end if;
  return null;
end $$;`;

/**
 * Rollups for the reports (bench/reports.ts; EXPLAIN notes in bench/README.md), kept by triggers
 * in the same transaction as the rows they summarise:
 *  - report_revenue_daily: money collected and refunded per tenant, local day and dimension
 *    (total, service, staff, location, method, kind), so a year of revenue reads ~45k small rows
 *    instead of joining every payment to its appointment;
 *  - report_open_balances: what each completed visit still owes, so "outstanding" sums a few rows
 *    instead of every visit with its payments.
 * Plus (tenant_id, <time>) indexes for the reports that read raw rows by period.
 */
export class Migration20261121095000_report_rollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index if not exists "payments_tenant_id_paid_at_index" on "payments" ("tenant_id", "paid_at") where "paid_at" is not null;`);
    this.addSql(`create index if not exists "payments_tenant_id_refunded_index" on "payments" ("tenant_id") where "refunds" <> '[]'::jsonb;`);
    this.addSql(`create index if not exists "payments_tenant_id_open_index" on "payments" ("tenant_id") where "status" in ('pending', 'failed');`);
    this.addSql(`create index if not exists "messages_tenant_id_created_at_index" on "messages" ("tenant_id", "created_at");`);
    this.addSql(`create index if not exists "automation_runs_tenant_id_started_at_index" on "automation_runs" ("tenant_id", "started_at");`);
    this.addSql(`create index if not exists "reviews_tenant_id_created_at_index" on "reviews" ("tenant_id", "created_at");`);
    this.addSql(`create index if not exists "appointments_tenant_id_customer_id_completed_index" on "appointments" ("tenant_id", "customer_id", "starts_at") where "status" = 'completed';`);
    this.addSql(`create index if not exists "appointments_tenant_id_customer_id_booked_index" on "appointments" ("tenant_id", "customer_id", "starts_at") where "status" <> 'cancelled';`);

    this.addSql(`create table "report_revenue_daily" ("tenant_id" uuid not null references "tenants" ("id") on delete cascade, "day" date not null, "dim" varchar(10) not null,
      "key" varchar(40) not null, "gross_cents" bigint not null default 0, "refunds_cents" bigint not null default 0, "payments" int not null default 0,
      constraint "report_revenue_daily_pkey" primary key ("tenant_id", "dim", "day", "key"));`);
    this.addSql(`create table "report_open_balances" ("appointment_id" uuid primary key references "appointments" ("id") on delete cascade,
      "tenant_id" uuid not null references "tenants" ("id") on delete cascade, "owed_cents" int not null);`);
    this.addSql(`create index "report_open_balances_tenant_id_index" on "report_open_balances" ("tenant_id");`);
    this.addSql(applyRevenue);
    this.addSql(refreshBalance);
    this.addSql(rebuild);
    this.addSql(triggers);
    this.addSql(`create trigger report_rollups_payments after insert or update or delete on payments for each row execute function report_rollups_on_payment();`);
    this.addSql(`create trigger report_rollups_appointments after insert or update of status, price_cents, service_id, staff_id, location_id on appointments for each row execute function report_rollups_on_appointment();`);
    this.addSql(`select report_rollups_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_rollups_payments on payments;`);
    this.addSql(`drop trigger if exists report_rollups_appointments on appointments;`);
    this.addSql(`drop function if exists report_rollups_on_payment(), report_rollups_on_appointment(), report_rollups_rebuild(uuid), report_refresh_open_balance(uuid), report_revenue_apply(payments, int), report_revenue_apply_dims(payments, int, uuid, uuid, uuid);`);
    this.addSql(`drop table if exists "report_revenue_daily", "report_open_balances";`);
    for (const index of ['payments_tenant_id_paid_at_index', 'payments_tenant_id_refunded_index', 'payments_tenant_id_open_index', 'messages_tenant_id_created_at_index', 'automation_runs_tenant_id_started_at_index', 'reviews_tenant_id_created_at_index', 'appointments_tenant_id_customer_id_completed_index', 'appointments_tenant_id_customer_id_booked_index']) {
      this.addSql(`drop index if exists "${index}";`);
    }
  }
}
