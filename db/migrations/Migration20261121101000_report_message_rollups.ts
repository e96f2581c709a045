import { Migration } from '@mikro-orm/migrations';

const apply = `
create or replace function report_messages_apply(m messages, sign int) returns void language plpgsql as $$
declare
  tz text;
begin
  if m.direction <> 'outbound' then return; end if;
  select timezone into tz from tenants where id = m.tenant_id;
  if tz is null then return; end if;
  insert into report_messages_daily as r (tenant_id, day, channel, campaign, variant, status, n, cost_micros)
  values (m.tenant_id, (m.created_at at time zone tz)::date, m.channel::text, coalesce(cast(m.campaign_id as text), 'Automations and one-off'),
          coalesce(m.variant, '—'), m.status::text, sign, sign * coalesce(abs(m.price_micros), 0))
  on conflict (tenant_id, day, channel, campaign, variant, status) do update set n = r.n + excluded.n, cost_micros = r.cost_micros + excluded.cost_micros;
end $$;`;

const trigger = `
create or replace function report_message_rollups_on_message() returns trigger language plpgsql as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then perform report_messages_apply(old, -1); end if;
  if tg_op in ('INSERT', 'UPDATE') then perform report_messages_apply(new, 1); end if;
  return null;
end $$;`;

const rebuild = `
create or replace function report_message_rollups_rebuild(p_tenant uuid) returns void language plpgsql as $$
declare
  tz text;
begin
  select timezone into tz from tenants where id = p_tenant;
  delete from report_messages_daily where tenant_id = p_tenant;
  insert into report_messages_daily (tenant_id, day, channel, campaign, variant, status, n, cost_micros)
  select p_tenant, (m.created_at at time zone tz)::date, m.channel::text, coalesce(cast(m.campaign_id as text), 'Automations and one-off'),
         coalesce(m.variant, '—'), m.status::text, count(*), coalesce(sum(abs(m.price_micros)), 0)
    from messages m where m.tenant_id = p_tenant and m.direction = 'outbound'
   group by 2, 3, 4, 5, 6;
end $$;`;

/**
 * The messaging report's rollup (bench/reports.ts; EXPLAIN notes in bench/README.md), kept by a
 * trigger in the same transaction as the messages: report_messages_daily (tenant, local day of
 * creation, channel, campaign, variant, status → outbound messages, summed provider cost in
 * micro-units). Response rate and click-through count distinct customers, so they still read the
 * messages, through covering partial indexes.
 */
export class Migration20261121101000_report_message_rollups extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "report_messages_daily" ("tenant_id" uuid not null references "tenants" ("id") on delete cascade, "day" date not null,
      "channel" varchar(10) not null, "campaign" varchar(40) not null, "variant" varchar(40) not null, "status" varchar(20) not null,
      "n" int not null default 0, "cost_micros" bigint not null default 0,
      constraint "report_messages_daily_pkey" primary key ("tenant_id", "day", "channel", "campaign", "variant", "status"));`);
    this.addSql(`create index if not exists "messages_tenant_id_outbound_customer_index" on "messages" ("tenant_id", "created_at") include ("customer_id", "campaign_id", "variant") where "direction" = 'outbound';`);
    this.addSql(`create index if not exists "messages_tenant_id_inbound_customer_index" on "messages" ("tenant_id", "created_at") include ("customer_id") where "direction" = 'inbound';`);
    this.addSql(apply);
    this.addSql(trigger);
    this.addSql(rebuild);
    this.addSql(`create trigger report_message_rollups after insert or delete or update of status, created_at, channel, campaign_id, variant, price_micros, direction, tenant_id on messages
      for each row execute function report_message_rollups_on_message();`);
    this.addSql(`select report_message_rollups_rebuild(id) from tenants;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists report_message_rollups on messages;`);
    this.addSql(`drop function if exists report_message_rollups_on_message(), report_message_rollups_rebuild(uuid), report_messages_apply(messages, int);`);
    this.addSql(`drop table if exists "report_messages_daily";`);
    this.addSql(`drop index if exists "messages_tenant_id_outbound_customer_index";`);
    this.addSql(`drop index if exists "messages_tenant_id_inbound_customer_index";`);
  }
}
