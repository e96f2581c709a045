import { Migration } from '@mikro-orm/migrations';

/**
 * Segments, campaigns, their recipients (the audience fixed at launch) and tracked short links.
 * A campaign progress change is pushed on the live channel by the campaign activities
 * (`live_notify`, Migration20261121072148_live_notify), one event per batch.
 */
export class Migration20261121091000_campaigns extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "campaign_status" as enum ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'failed');`);
    this.addSql(`create type "campaign_recipient_status" as enum ('pending', 'held', 'retry', 'sent', 'skipped', 'failed', 'cancelled');`);

    this.addSql(`create table "segments" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "description" text null, "filter" jsonb not null, constraint "segments_pkey" primary key ("id"));`);
    this.addSql(`create index "segments_tenant_id_index" on "segments" ("tenant_id");`);
    this.addSql(`create index "segments_tenant_id_name_index" on "segments" ("tenant_id", "name");`);

    this.addSql(`create table "campaigns" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "status" "campaign_status" not null default 'draft', "segment_id" uuid not null, "automation_id" uuid not null, "automation_version_id" uuid null, "scheduled_at" timestamptz null, "started_at" timestamptz null, "completed_at" timestamptz null, "rate_per_second" int not null default 10, "quiet_hours" jsonb null, "ab_test" jsonb null, "winner_variant" varchar(40) null, "winner_decided_at" timestamptz null, "attribution_days" smallint not null default 7, "link_url" varchar(2000) null, "audience_count" int not null default 0, "workflow_id" varchar(200) not null, "created_by_user_id" uuid null, "error" text null, constraint "campaigns_pkey" primary key ("id"));`);
    this.addSql(`create index "campaigns_tenant_id_index" on "campaigns" ("tenant_id");`);
    this.addSql(`create index "campaigns_tenant_id_created_at_index" on "campaigns" ("tenant_id", "created_at");`);
    this.addSql(`alter table "campaigns" add constraint "campaigns_workflow_id_unique" unique ("workflow_id");`);

    this.addSql(`create table "campaign_recipients" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "campaign_id" uuid not null, "customer_id" uuid not null, "seq" int not null, "phase" varchar(8) not null default 'test', "status" "campaign_recipient_status" not null default 'pending', "variant" varchar(40) null, "message_id" uuid null, "reason" varchar(60) null, "not_before" timestamptz null, "processed_at" timestamptz null, constraint "campaign_recipients_pkey" primary key ("id"));`);
    this.addSql(`create index "campaign_recipients_tenant_id_index" on "campaign_recipients" ("tenant_id");`);
    this.addSql(`create index "campaign_recipients_campaign_id_status_not_before_index" on "campaign_recipients" ("campaign_id", "status", "not_before");`);
    this.addSql(`alter table "campaign_recipients" add constraint "campaign_recipients_campaign_id_customer_id_unique" unique ("campaign_id", "customer_id");`);
    this.addSql(`alter table "campaign_recipients" add constraint "campaign_recipients_campaign_id_seq_unique" unique ("campaign_id", "seq");`);

    this.addSql(`create table "tracked_links" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" varchar(24) not null, "url" varchar(2000) not null, "campaign_id" uuid null, "customer_id" uuid null, "click_count" int not null default 0, "first_clicked_at" timestamptz null, "last_clicked_at" timestamptz null, constraint "tracked_links_pkey" primary key ("id"));`);
    this.addSql(`create index "tracked_links_tenant_id_index" on "tracked_links" ("tenant_id");`);
    this.addSql(`create index "tracked_links_tenant_id_campaign_id_index" on "tracked_links" ("tenant_id", "campaign_id");`);
    this.addSql(`alter table "tracked_links" add constraint "tracked_links_code_unique" unique ("code");`);


    this.addSql(`alter table "segments" add constraint "segments_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaigns" add constraint "campaigns_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaigns" add constraint "campaigns_segment_id_foreign" foreign key ("segment_id") references "segments" ("id") on update cascade;`);
    this.addSql(`alter table "campaigns" add constraint "campaigns_automation_id_foreign" foreign key ("automation_id") references "automations" ("id") on update cascade;`);
    this.addSql(`alter table "campaign_recipients" add constraint "campaign_recipients_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "campaign_recipients" add constraint "campaign_recipients_campaign_id_foreign" foreign key ("campaign_id") references "campaigns" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tracked_links" add constraint "tracked_links_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "tracked_links" cascade;`);
    this.addSql(`drop table if exists "campaign_recipients" cascade;`);
    this.addSql(`drop table if exists "campaigns" cascade;`);
    this.addSql(`drop table if exists "segments" cascade;`);
    this.addSql(`drop type if exists "campaign_recipient_status";`);
    this.addSql(`drop type if exists "campaign_status";`);
  }
}
