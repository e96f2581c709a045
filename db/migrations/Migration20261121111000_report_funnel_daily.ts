import { Migration } from '@mikro-orm/migrations';

const apply = `
create or replace function report_funnel_apply(f funnel_events, sign int) returns void language plpgsql as $$
declare
  tz text;
begin
  select timezone into tz from tenants where id = f.tenant_id;
  if tz is null then return; end if;
  insert into report_funnel_daily as r (tenant_id, day, source, step, n)
  values (f.tenant_id, (f.occurred_at at time zone tz)::date, coalesce(f.source, ''), f.step::text, sign)
  on conflict (tenant_id, day, source, step) do update set n = r.n + excluded.n;
end $$;`;

const trigger = `
create or replace function report_funnel_on_event() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform report_funnel_apply(old, -1); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform report_funnel_apply(new, 1); end if;
  return null;
end $$;`;

const rebuild = `
create or replace function report_funnel_rebuild(p_tenant uuid) returns void language plpgsql as $$
declare
  tz text;
begin
  select timezone into tz from tenants where id = p_tenant;
  delete from report_funnel_daily where tenant_id = p_tenant;
  insert into report_funnel_daily (tenant_id, day, source, step, n)
  select p_tenant, (f.occurred_at at time zone tz)::date, coalesce(f.source, ''), f.step::text, count(*)
    from funnel_events f where f.tenant_id = p_tenant group by 2, 3, 4;
end $$;`;

/**
 * The funnel report's rollup (bench/reports.ts; EXPLAIN notes in bench/README.md):
 * report_funnel_daily (tenant, local day, source, step → events), kept by a trigger on
 * funnel_events. A session has at most one event per step, so events are sessions and the counts
 * add up across days, pages and buckets.
 */
export class Migration20261121111000_report_funnel_daily extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_funnel_daily" ("tenant_id" uuid not null references "tenants" ("id") on delete cascade, "day" date not null,
      "source" varchar(200) not null, "step" varchar(20) not null, "n" int not null default 0,
      constraint "report_funnel_daily_pkey" primary key ("tenant_id", "day", "source", "step"));`);
    this.addSql(apply);
    this.addSql(trigger);
    this.addSql(rebuild);
    this.addSql(`create trigger report_funnel_daily after insert or delete or update of step, source, occurred_at, tenant_id on funnel_events
      for each row execute function report_funnel_on_event();`);
    this.addSql(`select report_funnel_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_funnel_daily on funnel_events;`);
    this.addSql(`drop function if exists report_funnel_on_event(), report_funnel_rebuild(uuid), report_funnel_apply(funnel_events, int);`);
    this.addSql(`drop table if exists "report_funnel_daily";`);
  }
}
