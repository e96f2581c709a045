import { Migration } from '@mikro-orm/migrations';

export class Migration20261121090000_calendar_connections extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "calendar_connections" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "staff_id" uuid null, "provider" varchar(20) not null, "account_email" varchar(320) not null, "calendar_id" varchar(300) not null default 'primary', "tokens" text not null, "scopes" text not null default '', "status" varchar(20) not null default 'active', "sync_cursor" text null, "last_synced_at" timestamptz null, "last_error" text null, "last_error_at" timestamptz null, "watch_id" varchar(200) null, "watch_resource_id" varchar(300) null, "watch_secret_hash" varchar(64) null, "watch_expires_at" timestamptz null, constraint "calendar_connections_pkey" primary key ("id"));`);
    this.addSql(`create index "calendar_connections_tenant_id_index" on "calendar_connections" ("tenant_id");`);
    this.addSql(`create index "calendar_connections_tenant_id_staff_id_index" on "calendar_connections" ("tenant_id", "staff_id");`);
    this.addSql(`alter table "calendar_connections" add constraint "calendar_connections_watch_id_unique" unique ("watch_id");`);

    this.addSql(`create table "calendar_settings" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "invite_policy" varchar(20) not null default 'none', "email_invites" boolean not null default false, "video_by_service" jsonb not null, "zoom_account_id" varchar(100) null, "zoom_client_id" varchar(100) null, "zoom_client_secret" text null, constraint "calendar_settings_pkey" primary key ("id"));`);
    this.addSql(`create index "calendar_settings_tenant_id_index" on "calendar_settings" ("tenant_id");`);
    this.addSql(`alter table "calendar_settings" add constraint "calendar_settings_tenant_id_unique" unique ("tenant_id");`);

    this.addSql(`alter table "calendar_connections" add constraint "calendar_connections_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "calendar_connections" add constraint "calendar_connections_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "calendar_settings" add constraint "calendar_settings_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "calendar_settings" cascade;`);
    this.addSql(`drop table if exists "calendar_connections" cascade;`);
  }

}
