import { Migration } from '@mikro-orm/migrations';

/**
 * One appointment's counts by local day of its start: per status and source, per local hour (not
 * cancelled: the peak heatmap), per cancellation reason (cancelled), per lead-time bucket with the
 * summed lead seconds (booked before the start; buckets in local calendar days, as the report counts
 * them) and per staff member and status with the summed booked seconds (key `<staff id>:<status>`).
 */
const dims = `
  select (a.starts_at at time zone tz)::date as day, x.dim, x.key, x.seconds
    from (select 'status' as dim, a.status::text as key, 0::numeric as seconds
          union all select 'source', a.source::text, 0
          union all select 'hour', extract(hour from a.starts_at at time zone tz)::int::text, 0 where a.status <> 'cancelled'
          union all select 'reason', coalesce(nullif(trim(a.cancel_reason), ''), 'No reason given'), 0 where a.status = 'cancelled'
          union all select 'staff', a.staff_id::text || ':' || a.status::text, extract(epoch from a.ends_at - a.starts_at) where a.staff_id is not null
          union all select 'lead', case when d.days = 0 then '0' when d.days <= 2 then '1' when d.days <= 7 then '2' when d.days <= 30 then '3' else '4' end,
                           extract(epoch from a.starts_at - a.created_at)
            from (select (a.starts_at at time zone tz)::date - (a.created_at at time zone tz)::date as days) d where a.created_at <= a.starts_at) x`;

const apply = `
create or replace function report_appointments_apply(a appointments, sign int, tz text) returns void language plpgsql as $$
begin
  insert into report_appointments_daily as r (tenant_id, day, dim, key, n, seconds)
  select a.tenant_id, m.day, m.dim, m.key, sign, sign * m.seconds from (${dims}) m
  on conflict (tenant_id, dim, day, key) do update set n = r.n + excluded.n, seconds = r.seconds + excluded.seconds;
end $$;`;

const trigger = `
create or replace function report_appointment_rollups_on_appointment() returns trigger language plpgsql as $$
declare
  tz text;
begin
  -- A tenant being deleted cascades to its appointments after its own row (and its rollups) are gone.
  select timezone into tz from tenants where id = coalesce(new.tenant_id, old.tenant_id);
  if tz is null then return null; end if;
  if tg_op = 'UPDATE' and new.status is not distinct from old.status and new.starts_at = old.starts_at and new.ends_at = old.ends_at and new.source = old.source
      and new.staff_id is not distinct from old.staff_id
      and new.cancel_reason is not distinct from old.cancel_reason and new.created_at = old.created_at and new.tenant_id = old.tenant_id then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then perform report_appointments_apply(old, -1, tz); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform report_appointments_apply(new, 1, tz); end if;
  return null;
end $$;`;

const rebuild = `
create or replace function report_appointment_rollups_rebuild(p_tenant uuid) returns void language plpgsql as $$
declare
  tz text;
begin
  select timezone into tz from tenants where id = p_tenant;
  delete from report_appointments_daily where tenant_id = p_tenant;
  insert into report_appointments_daily (tenant_id, day, dim, key, n, seconds)
  select p_tenant, m.day, m.dim, m.key, count(*), sum(m.seconds)
    from appointments a cross join lateral (${dims}) m
   where a.tenant_id = p_tenant
   group by m.day, m.dim, m.key;
end $$;`;

/**
 * The appointments report's rollup (bench/reports.ts; EXPLAIN notes in bench/README.md), kept by a
 * trigger in the same transaction as the appointments: report_appointments_daily (tenant, local day
 * of the start, dimension, key → appointments, summed lead or booked seconds), so a year of the
 * appointments and staff reports reads a few thousand rows instead of ~330,000 appointments. Only the median lead time still reads the
 * appointments, through a covering index (tenant_id, starts_at) include (created_at).
 */
export class Migration20261121100500_report_appointment_rollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_appointments_daily" ("tenant_id" uuid not null references "tenants" ("id") on delete cascade, "day" date not null,
      "dim" varchar(10) not null, "key" text not null, "n" int not null default 0, "seconds" numeric not null default 0,
      constraint "report_appointments_daily_pkey" primary key ("tenant_id", "dim", "day", "key"));`);
    this.addSql(`create index if not exists "appointments_tenant_id_starts_at_lead_index" on "appointments" ("tenant_id", "starts_at") include ("created_at");`);
    this.addSql(apply);
    this.addSql(trigger);
    this.addSql(rebuild);
    this.addSql(`create trigger report_appointment_rollups after insert or delete or update of status, starts_at, ends_at, staff_id, source, cancel_reason, created_at, tenant_id on appointments
      for each row execute function report_appointment_rollups_on_appointment();`);
    this.addSql(`select report_appointment_rollups_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_appointment_rollups on appointments;`);
    this.addSql(`drop function if exists report_appointment_rollups_on_appointment(), report_appointment_rollups_rebuild(uuid), report_appointments_apply(appointments, int, text);`);
    this.addSql(`drop table if exists "report_appointments_daily";`);
    this.addSql(`drop index if exists "appointments_tenant_id_starts_at_lead_index";`);
  }
}
