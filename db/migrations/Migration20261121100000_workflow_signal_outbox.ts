import { Migration } from '@mikro-orm/migrations';

/**
 * The transactional outbox of appointment workflow signals: written with the change, delivered
 * after the commit, retried by the api's signal relay. Partial indexes keep the relay's scans to
 * the pending rows.
 */
export class Migration20261121100000_workflow_signal_outbox extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "workflow_signal_outbox" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "sequence" bigserial, "workflow_id" varchar(255) not null, "appointment_id" uuid not null, "event" jsonb not null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null default now(), "delivered_at" timestamptz null, "last_error" text null, constraint "workflow_signal_outbox_pkey" primary key ("id"));`);
    this.addSql(`create index "workflow_signal_outbox_tenant_id_index" on "workflow_signal_outbox" ("tenant_id");`);
    this.addSql(`create index "workflow_signal_outbox_delivered_at_index" on "workflow_signal_outbox" ("delivered_at");`);
    this.addSql(`create index "workflow_signal_outbox_due_index" on "workflow_signal_outbox" ("next_attempt_at") where "delivered_at" is null;`);
    this.addSql(`create index "workflow_signal_outbox_pending_index" on "workflow_signal_outbox" ("workflow_id", "sequence") where "delivered_at" is null;`);

    this.addSql(`alter table "workflow_signal_outbox" add constraint "workflow_signal_outbox_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "workflow_signal_outbox" add constraint "workflow_signal_outbox_appointment_id_foreign" foreign key ("appointment_id") references "appointments" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "workflow_signal_outbox" cascade;`);
  }

}
