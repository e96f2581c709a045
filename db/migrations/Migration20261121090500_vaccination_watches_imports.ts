import { Migration } from '@mikro-orm/migrations';

export class Migration20261121090500_vaccination_watches_imports extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "import_kind" as enum ('customers', 'pets', 'vaccinations');`);
    this.addSql(`create type "import_status" as enum ('previewed', 'running', 'completed', 'failed');`);

    this.addSql(`create table "vaccination_watches" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "vaccination_id" uuid not null, "workflow_id" varchar(200) not null, "expires_on" date not null, "generation" int not null default 1, "ended_at" timestamptz null, "end_reason" varchar(20) null, constraint "vaccination_watches_pkey" primary key ("id"));`);
    this.addSql(`create index "vaccination_watches_tenant_id_index" on "vaccination_watches" ("tenant_id");`);
    this.addSql(`create index "vaccination_watches_tenant_id_ended_at_index" on "vaccination_watches" ("tenant_id", "ended_at");`);
    this.addSql(`alter table "vaccination_watches" add constraint "vaccination_watches_vaccination_id_unique" unique ("vaccination_id");`);

    this.addSql(`create table "import_jobs" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kind" "import_kind" not null, "status" "import_status" not null default 'previewed', "file_name" varchar(255) not null, "user_id" uuid null, "total_rows" int not null, "rows" jsonb not null, "errors" jsonb not null, "invalid_rows" int not null default 0, "skip_invalid" boolean not null default false, "processed_rows" int not null default 0, "imported_rows" int not null default 0, "failure" text null, "started_at" timestamptz null, "heartbeat_at" timestamptz null, "finished_at" timestamptz null, constraint "import_jobs_pkey" primary key ("id"));`);
    this.addSql(`create index "import_jobs_tenant_id_index" on "import_jobs" ("tenant_id");`);
    this.addSql(`create index "import_jobs_tenant_id_created_at_index" on "import_jobs" ("tenant_id", "created_at");`);

    this.addSql(`alter table "vaccination_watches" add constraint "vaccination_watches_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "vaccination_watches" add constraint "vaccination_watches_vaccination_id_foreign" foreign key ("vaccination_id") references "vaccinations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "import_jobs" add constraint "import_jobs_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "import_jobs" cascade;`);
    this.addSql(`drop table if exists "vaccination_watches" cascade;`);
    this.addSql(`drop type "import_status";`);
    this.addSql(`drop type "import_kind";`);
  }

}
