import { Migration } from '@mikro-orm/migrations';

export class Migration20261121094500_report_schedules extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "report_frequency" as enum ('weekly', 'monthly');`);
    this.addSql(`create table "report_schedules" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "frequency" "report_frequency" not null, "enabled" boolean not null default false, "recipients" jsonb not null, "weekday" smallint not null default 1, "day_of_month" smallint not null default 1, "time" varchar(5) not null default '08:00', "last_period_start" varchar(10) null, "last_sent_at" timestamptz null, constraint "report_schedules_pkey" primary key ("id"));`);
    this.addSql(`create index "report_schedules_tenant_id_index" on "report_schedules" ("tenant_id");`);
    this.addSql(`alter table "report_schedules" add constraint "report_schedules_tenant_id_frequency_unique" unique ("tenant_id", "frequency");`);

    this.addSql(`alter table "report_schedules" add constraint "report_schedules_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "report_schedules" cascade;`);

    this.addSql(`drop type "report_frequency";`);
  }

}
