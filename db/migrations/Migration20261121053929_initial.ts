import { Migration } from '@mikro-orm/migrations';

export class Migration20261121053929_initial extends Migration {

  override async up(): Promise<void> {
    // btree_gist lets the appointments_no_overlap exclusion constraint compare staff ids with =.
    this.addSql(`create extension if not exists btree_gist;`);
    this.addSql(`create type "message_channel" as enum ('sms', 'whatsapp', 'email');`);
    this.addSql(`create type "message_direction" as enum ('outbound', 'inbound');`);
    this.addSql(`create type "message_status" as enum ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received', 'suppressed');`);
    this.addSql(`create type "automation_status" as enum ('draft', 'active', 'paused', 'archived');`);
    this.addSql(`create type "run_status" as enum ('running', 'waiting', 'completed', 'failed', 'cancelled');`);
    this.addSql(`create type "step_status" as enum ('started', 'waiting', 'succeeded', 'skipped', 'failed');`);
    this.addSql(`create type "appointment_status" as enum ('pending', 'confirmed', 'checked_in', 'completed', 'cancelled', 'no_show');`);
    this.addSql(`create type "appointment_source" as enum ('online', 'phone', 'admin', 'portal', 'waitlist', 'import');`);
    this.addSql(`create type "payment_kind" as enum ('service', 'deposit', 'no_show_fee', 'package', 'membership');`);
    this.addSql(`create type "payment_method" as enum ('cash', 'card', 'manual', 'package_credit', 'other');`);
    this.addSql(`create type "payment_status" as enum ('pending', 'paid', 'failed', 'refunded', 'partially_refunded', 'void');`);
    this.addSql(`create type "user_role" as enum ('owner', 'admin', 'staff');`);
    this.addSql(`create table "tenants" ("id" uuid not null, "name" varchar(200) not null, "slug" varchar(80) not null, "timezone" varchar(64) not null, "currency" varchar(3) not null default 'USD', "policies" jsonb not null, "branding" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), constraint "tenants_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenants" add constraint "tenants_slug_unique" unique ("slug");`);

    this.addSql(`create table "message_templates" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "key" varchar(80) not null, "name" varchar(200) not null, "channel" "message_channel" not null, "subject" varchar(300) null, "body" text not null, "whatsapp_content_sid" varchar(80) null, "system" boolean not null default false, constraint "message_templates_pkey" primary key ("id"));`);
    this.addSql(`create index "message_templates_tenant_id_index" on "message_templates" ("tenant_id");`);
    this.addSql(`alter table "message_templates" add constraint "message_templates_tenant_id_key_unique" unique ("tenant_id", "key");`);

    this.addSql(`create table "locations" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "address" text null, "phone" varchar(40) null, "timezone" varchar(64) null, "active" boolean not null default true, constraint "locations_pkey" primary key ("id"));`);
    this.addSql(`create index "locations_tenant_id_index" on "locations" ("tenant_id");`);

    this.addSql(`create table "staff" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "email" varchar(320) not null, "phone" varchar(40) null, "title" varchar(80) null, "service_ids" jsonb not null, "location_id" uuid null, "weight" int not null default 1, "timezone" varchar(64) null, "color" varchar(16) null, "active" boolean not null default true, constraint "staff_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_tenant_id_index" on "staff" ("tenant_id");`);

    this.addSql(`create table "services" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "description" text null, "category" varchar(80) null, "duration_minutes" int not null, "price_cents" int not null, "buffer_before_minutes" int not null default 0, "buffer_after_minutes" int not null default 0, "capacity" int not null default 1, "staff_count" int not null default 1, "days" int not null default 1, "deposit_cents" int null, "requires_vaccination" boolean not null default false, "location_id" uuid null, "color" varchar(16) null, "active" boolean not null default true, constraint "services_pkey" primary key ("id"), constraint services_price_nonnegative check (price_cents >= 0), constraint services_duration_positive check (duration_minutes > 0));`);
    this.addSql(`create index "services_tenant_id_index" on "services" ("tenant_id");`);

    this.addSql(`create table "idempotency_keys" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "key" varchar(255) not null, "method" varchar(10) not null, "path" varchar(300) not null, "request_hash" varchar(64) not null, "response_status" smallint null, "response_body" jsonb null, "expires_at" timestamptz not null, constraint "idempotency_keys_pkey" primary key ("id"));`);
    this.addSql(`create index "idempotency_keys_tenant_id_index" on "idempotency_keys" ("tenant_id");`);
    this.addSql(`create index "idempotency_keys_expires_at_index" on "idempotency_keys" ("expires_at");`);
    this.addSql(`alter table "idempotency_keys" add constraint "idempotency_keys_tenant_id_key_unique" unique ("tenant_id", "key");`);

    this.addSql(`create table "date_overrides" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "staff_id" uuid null, "date" date not null, "closed" boolean not null default false, "start_time" varchar(5) null, "end_time" varchar(5) null, "reason" text null, constraint "date_overrides_pkey" primary key ("id"));`);
    this.addSql(`create index "date_overrides_tenant_id_index" on "date_overrides" ("tenant_id");`);
    this.addSql(`create index "date_overrides_tenant_id_staff_id_date_index" on "date_overrides" ("tenant_id", "staff_id", "date");`);

    this.addSql(`create table "customers" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "email" varchar(320) null, "phone" varchar(20) null, "sms_opt_in" boolean not null default false, "email_opt_in" boolean not null default false, "whatsapp_opt_in" boolean not null default false, "channel_preferences" jsonb not null, "sms_opted_out_at" timestamptz null, "preferred_staff_id" uuid null, "birthday" date null, "timezone" varchar(64) null, "reputation_score" smallint not null default 100, "visit_count" int not null default 0, "no_show_count" int not null default 0, "late_cancel_count" int not null default 0, "last_visit_at" timestamptz null, "tags" jsonb not null, "notes" text null, "feed_token" varchar(64) null, constraint "customers_pkey" primary key ("id"), constraint customers_reputation_range check ((reputation_score >= 0) AND (reputation_score <= 100)));`);
    this.addSql(`create index "customers_tenant_id_index" on "customers" ("tenant_id");`);
    this.addSql(`alter table "customers" add constraint "customers_feed_token_unique" unique ("feed_token");`);
    this.addSql(`create index "customers_tenant_id_email_index" on "customers" ("tenant_id", "email");`);
    this.addSql(`create index "customers_tenant_id_phone_index" on "customers" ("tenant_id", "phone");`);
    this.addSql(`create index "customers_tenant_id_name_index" on "customers" ("tenant_id", "name");`);

    this.addSql(`create table "reputation_events" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "delta" smallint not null, "score_after" smallint not null, "reason" varchar(200) not null, "appointment_id" uuid null, "idempotency_key" varchar(300) null, constraint "reputation_events_pkey" primary key ("id"));`);
    this.addSql(`create index "reputation_events_tenant_id_index" on "reputation_events" ("tenant_id");`);
    this.addSql(`create index "reputation_events_tenant_id_customer_id_created_at_index" on "reputation_events" ("tenant_id", "customer_id", "created_at");`);
    this.addSql(`alter table "reputation_events" add constraint "reputation_events_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);

    this.addSql(`create table "pets" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "name" varchar(120) not null, "species" varchar(40) not null, "breed" varchar(120) null, "birth_date" date null, "weight_kg" numeric(6,2) null, "notes" text null, "active" boolean not null default true, constraint "pets_pkey" primary key ("id"));`);
    this.addSql(`create index "pets_tenant_id_index" on "pets" ("tenant_id");`);
    this.addSql(`create index "pets_customer_id_index" on "pets" ("customer_id");`);

    this.addSql(`create table "messages" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid null, "appointment_id" uuid null, "channel" "message_channel" not null, "direction" "message_direction" not null default 'outbound', "to" varchar(320) not null, "from" varchar(320) null, "subject" varchar(300) null, "body" text not null, "status" "message_status" not null default 'queued', "provider" varchar(20) not null default 'outbox', "provider_message_id" varchar(80) null, "idempotency_key" varchar(300) null, "price_micros" int null, "price_currency" varchar(3) null, "error_code" varchar(40) null, "error_message" text null, "campaign_id" uuid null, "variant" varchar(40) null, "automation_run_id" uuid null, "node_id" varchar(80) null, "sent_at" timestamptz null, "delivered_at" timestamptz null, constraint "messages_pkey" primary key ("id"));`);
    this.addSql(`create index "messages_tenant_id_index" on "messages" ("tenant_id");`);
    this.addSql(`create index "messages_provider_message_id_index" on "messages" ("provider_message_id");`);
    this.addSql(`create index "messages_tenant_id_appointment_id_index" on "messages" ("tenant_id", "appointment_id");`);
    this.addSql(`create index "messages_tenant_id_customer_id_created_at_index" on "messages" ("tenant_id", "customer_id", "created_at");`);
    this.addSql(`alter table "messages" add constraint "messages_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);

    this.addSql(`create table "availability_rules" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "staff_id" uuid not null, "weekday" smallint not null, "start_time" varchar(5) not null, "end_time" varchar(5) not null, "location_id" uuid null, constraint "availability_rules_pkey" primary key ("id"));`);
    this.addSql(`create index "availability_rules_tenant_id_index" on "availability_rules" ("tenant_id");`);
    this.addSql(`create index "availability_rules_tenant_id_staff_id_index" on "availability_rules" ("tenant_id", "staff_id");`);

    this.addSql(`create table "automations" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "description" text null, "trigger_event" varchar(60) not null, "status" "automation_status" not null default 'draft', "draft" jsonb not null, "published_version" int null, "published_version_id" uuid null, "template_key" varchar(80) null, constraint "automations_pkey" primary key ("id"));`);
    this.addSql(`create index "automations_tenant_id_index" on "automations" ("tenant_id");`);
    this.addSql(`create index "automations_tenant_id_trigger_event_status_index" on "automations" ("tenant_id", "trigger_event", "status");`);

    this.addSql(`create table "automation_versions" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "automation_id" uuid not null, "version" int not null, "definition" jsonb not null, "published_by_user_id" uuid null, "published_at" timestamptz not null default now(), constraint "automation_versions_pkey" primary key ("id"));`);
    this.addSql(`create index "automation_versions_tenant_id_index" on "automation_versions" ("tenant_id");`);
    this.addSql(`alter table "automation_versions" add constraint "automation_versions_automation_id_version_unique" unique ("automation_id", "version");`);

    this.addSql(`create table "automation_runs" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "automation_id" uuid not null, "version" int not null, "automation_version_id" uuid not null, "workflow_id" varchar(300) not null, "trigger_event" varchar(60) not null, "status" "run_status" not null default 'running', "appointment_id" uuid null, "customer_id" uuid null, "campaign_id" uuid null, "current_node_id" varchar(80) null, "next_wake_at" timestamptz null, "path" jsonb not null, "end_reason" text null, "error" text null, "started_at" timestamptz not null default now(), "ended_at" timestamptz null, constraint "automation_runs_pkey" primary key ("id"));`);
    this.addSql(`create index "automation_runs_tenant_id_index" on "automation_runs" ("tenant_id");`);
    this.addSql(`alter table "automation_runs" add constraint "automation_runs_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`create index "automation_runs_tenant_id_status_index" on "automation_runs" ("tenant_id", "status");`);
    this.addSql(`create index "automation_runs_tenant_id_appointment_id_index" on "automation_runs" ("tenant_id", "appointment_id");`);
    this.addSql(`create index "automation_runs_tenant_id_automation_id_started_at_index" on "automation_runs" ("tenant_id", "automation_id", "started_at");`);

    this.addSql(`create table "run_steps" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "run_id" uuid not null, "sequence" int not null, "node_id" varchar(80) not null, "node_type" varchar(40) not null, "status" "step_status" not null, "exit" varchar(80) null, "input" jsonb null, "output" jsonb null, "error" text null, "started_at" timestamptz not null default now(), "ended_at" timestamptz null, constraint "run_steps_pkey" primary key ("id"));`);
    this.addSql(`create index "run_steps_tenant_id_index" on "run_steps" ("tenant_id");`);
    this.addSql(`create index "run_steps_run_id_sequence_index" on "run_steps" ("run_id", "sequence");`);
    this.addSql(`alter table "run_steps" add constraint "run_steps_run_id_sequence_unique" unique ("run_id", "sequence");`);

    this.addSql(`create table "audit_logs" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid null, "action" varchar(80) not null, "entity_type" varchar(60) not null, "entity_id" uuid null, "reason" text null, "changes" jsonb null, "request_id" varchar(64) null, constraint "audit_logs_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_logs_tenant_id_index" on "audit_logs" ("tenant_id");`);
    this.addSql(`create index "audit_logs_tenant_id_entity_type_entity_id_index" on "audit_logs" ("tenant_id", "entity_type", "entity_id");`);
    this.addSql(`create index "audit_logs_tenant_id_created_at_index" on "audit_logs" ("tenant_id", "created_at");`);

    this.addSql(`create table "appointments" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "service_id" uuid not null, "staff_id" uuid null, "customer_id" uuid not null, "location_id" uuid null, "pet_id" uuid null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "status" "appointment_status" not null default 'pending', "source" "appointment_source" not null default 'admin', "price_cents" int not null, "participants" jsonb not null, "notes" text null, "cancel_reason" text null, "cancelled_at" timestamptz null, "calendar_event_ids" jsonb not null, "meeting_link" text null, "arrived_at" timestamptz null, "completed_at" timestamptz null, "workflow_id" varchar(200) not null, "overridden" boolean not null default false, "created_by_user_id" uuid null, constraint "appointments_pkey" primary key ("id"), constraint appointments_price_nonnegative check (price_cents >= 0), constraint appointments_ends_after_starts check (ends_at > starts_at));`);
    this.addSql(`create index "appointments_tenant_id_index" on "appointments" ("tenant_id");`);
    this.addSql(`alter table "appointments" add constraint "appointments_workflow_id_unique" unique ("workflow_id");`);
    this.addSql(`alter table "appointments" add constraint "appointments_no_overlap" exclude using gist ("staff_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("staff_id" is not null and "status" <> 'cancelled');`);
    this.addSql(`create index "appointments_tenant_id_customer_id_starts_at_index" on "appointments" ("tenant_id", "customer_id", "starts_at");`);
    this.addSql(`create index "appointments_tenant_id_starts_at_index" on "appointments" ("tenant_id", "starts_at");`);

    this.addSql(`create table "payments" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "appointment_id" uuid null, "kind" "payment_kind" not null, "method" "payment_method" not null default 'manual', "status" "payment_status" not null default 'pending', "amount_cents" int not null, "currency" varchar(3) not null default 'USD', "refunds" jsonb not null, "provider_ref" varchar(200) null, "paid_at" timestamptz null, "idempotency_key" varchar(200) null, constraint "payments_pkey" primary key ("id"));`);
    this.addSql(`create index "payments_tenant_id_index" on "payments" ("tenant_id");`);
    this.addSql(`create index "payments_customer_id_index" on "payments" ("customer_id");`);
    this.addSql(`create index "payments_appointment_id_index" on "payments" ("appointment_id");`);
    this.addSql(`create index "payments_tenant_id_created_at_index" on "payments" ("tenant_id", "created_at");`);
    this.addSql(`alter table "payments" add constraint "payments_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);

    this.addSql(`create table "no_show_records" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "appointment_id" uuid not null, "customer_id" uuid not null, "offence_number" int not null, "fee_cents" int null, "payment_id" uuid null, "waived" boolean not null default false, constraint "no_show_records_pkey" primary key ("id"));`);
    this.addSql(`create index "no_show_records_tenant_id_index" on "no_show_records" ("tenant_id");`);
    this.addSql(`create index "no_show_records_customer_id_index" on "no_show_records" ("customer_id");`);
    this.addSql(`alter table "no_show_records" add constraint "no_show_records_appointment_id_unique" unique ("appointment_id");`);

    this.addSql(`create table "time_off" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "staff_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "reason" text null, constraint "time_off_pkey" primary key ("id"), constraint time_off_ends_after_starts check (ends_at > starts_at));`);
    this.addSql(`create index "time_off_tenant_id_index" on "time_off" ("tenant_id");`);
    this.addSql(`create index "time_off_tenant_id_staff_id_starts_at_index" on "time_off" ("tenant_id", "staff_id", "starts_at");`);

    this.addSql(`create table "users" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "email" varchar(320) not null, "name" varchar(200) not null, "password_hash" text not null, "role" "user_role" not null, "staff_id" uuid null, "last_login_at" timestamptz null, "active" boolean not null default true, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`create index "users_tenant_id_index" on "users" ("tenant_id");`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "vaccinations" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "pet_id" uuid not null, "name" varchar(120) not null, "administered_on" date not null, "expires_on" date not null, "provider" varchar(200) null, "notes" text null, constraint "vaccinations_pkey" primary key ("id"));`);
    this.addSql(`create index "vaccinations_tenant_id_index" on "vaccinations" ("tenant_id");`);
    this.addSql(`create index "vaccinations_pet_id_index" on "vaccinations" ("pet_id");`);
    this.addSql(`create index "vaccinations_tenant_id_expires_on_index" on "vaccinations" ("tenant_id", "expires_on");`);

    this.addSql(`alter table "message_templates" add constraint "message_templates_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "locations" add constraint "locations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "staff" add constraint "staff_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "staff" add constraint "staff_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "services" add constraint "services_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "services" add constraint "services_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "idempotency_keys" add constraint "idempotency_keys_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "date_overrides" add constraint "date_overrides_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "date_overrides" add constraint "date_overrides_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "customers" add constraint "customers_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "customers" add constraint "customers_preferred_staff_id_foreign" foreign key ("preferred_staff_id") references "staff" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "reputation_events" add constraint "reputation_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reputation_events" add constraint "reputation_events_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "pets" add constraint "pets_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pets" add constraint "pets_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "messages" add constraint "messages_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "messages" add constraint "messages_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "availability_rules" add constraint "availability_rules_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "availability_rules" add constraint "availability_rules_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "availability_rules" add constraint "availability_rules_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "automations" add constraint "automations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "automation_versions" add constraint "automation_versions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "automation_versions" add constraint "automation_versions_automation_id_foreign" foreign key ("automation_id") references "automations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "automation_runs" add constraint "automation_runs_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "automation_runs" add constraint "automation_runs_automation_id_foreign" foreign key ("automation_id") references "automations" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "run_steps" add constraint "run_steps_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "run_steps" add constraint "run_steps_run_id_foreign" foreign key ("run_id") references "automation_runs" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "audit_logs" add constraint "audit_logs_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "appointments" add constraint "appointments_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "appointments" add constraint "appointments_service_id_foreign" foreign key ("service_id") references "services" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointments" add constraint "appointments_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "appointments" add constraint "appointments_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "appointments" add constraint "appointments_location_id_foreign" foreign key ("location_id") references "locations" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "payments" add constraint "payments_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "payments" add constraint "payments_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "payments" add constraint "payments_appointment_id_foreign" foreign key ("appointment_id") references "appointments" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "no_show_records" add constraint "no_show_records_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "no_show_records" add constraint "no_show_records_appointment_id_foreign" foreign key ("appointment_id") references "appointments" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "no_show_records" add constraint "no_show_records_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "time_off" add constraint "time_off_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "time_off" add constraint "time_off_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "users" add constraint "users_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "users" add constraint "users_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "vaccinations" add constraint "vaccinations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "vaccinations" add constraint "vaccinations_pet_id_foreign" foreign key ("pet_id") references "pets" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "message_templates" drop constraint "message_templates_tenant_id_foreign";`);

    this.addSql(`alter table "locations" drop constraint "locations_tenant_id_foreign";`);

    this.addSql(`alter table "staff" drop constraint "staff_tenant_id_foreign";`);

    this.addSql(`alter table "services" drop constraint "services_tenant_id_foreign";`);

    this.addSql(`alter table "idempotency_keys" drop constraint "idempotency_keys_tenant_id_foreign";`);

    this.addSql(`alter table "date_overrides" drop constraint "date_overrides_tenant_id_foreign";`);

    this.addSql(`alter table "customers" drop constraint "customers_tenant_id_foreign";`);

    this.addSql(`alter table "reputation_events" drop constraint "reputation_events_tenant_id_foreign";`);

    this.addSql(`alter table "pets" drop constraint "pets_tenant_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_tenant_id_foreign";`);

    this.addSql(`alter table "availability_rules" drop constraint "availability_rules_tenant_id_foreign";`);

    this.addSql(`alter table "automations" drop constraint "automations_tenant_id_foreign";`);

    this.addSql(`alter table "automation_versions" drop constraint "automation_versions_tenant_id_foreign";`);

    this.addSql(`alter table "automation_runs" drop constraint "automation_runs_tenant_id_foreign";`);

    this.addSql(`alter table "run_steps" drop constraint "run_steps_tenant_id_foreign";`);

    this.addSql(`alter table "audit_logs" drop constraint "audit_logs_tenant_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_tenant_id_foreign";`);

    this.addSql(`alter table "payments" drop constraint "payments_tenant_id_foreign";`);

    this.addSql(`alter table "no_show_records" drop constraint "no_show_records_tenant_id_foreign";`);

    this.addSql(`alter table "time_off" drop constraint "time_off_tenant_id_foreign";`);

    this.addSql(`alter table "users" drop constraint "users_tenant_id_foreign";`);

    this.addSql(`alter table "vaccinations" drop constraint "vaccinations_tenant_id_foreign";`);

    this.addSql(`alter table "staff" drop constraint "staff_location_id_foreign";`);

    this.addSql(`alter table "services" drop constraint "services_location_id_foreign";`);

    this.addSql(`alter table "availability_rules" drop constraint "availability_rules_location_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_location_id_foreign";`);

    this.addSql(`alter table "date_overrides" drop constraint "date_overrides_staff_id_foreign";`);

    this.addSql(`alter table "customers" drop constraint "customers_preferred_staff_id_foreign";`);

    this.addSql(`alter table "availability_rules" drop constraint "availability_rules_staff_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_staff_id_foreign";`);

    this.addSql(`alter table "time_off" drop constraint "time_off_staff_id_foreign";`);

    this.addSql(`alter table "users" drop constraint "users_staff_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_service_id_foreign";`);

    this.addSql(`alter table "reputation_events" drop constraint "reputation_events_customer_id_foreign";`);

    this.addSql(`alter table "pets" drop constraint "pets_customer_id_foreign";`);

    this.addSql(`alter table "messages" drop constraint "messages_customer_id_foreign";`);

    this.addSql(`alter table "appointments" drop constraint "appointments_customer_id_foreign";`);

    this.addSql(`alter table "payments" drop constraint "payments_customer_id_foreign";`);

    this.addSql(`alter table "no_show_records" drop constraint "no_show_records_customer_id_foreign";`);

    this.addSql(`alter table "vaccinations" drop constraint "vaccinations_pet_id_foreign";`);

    this.addSql(`alter table "automation_versions" drop constraint "automation_versions_automation_id_foreign";`);

    this.addSql(`alter table "automation_runs" drop constraint "automation_runs_automation_id_foreign";`);

    this.addSql(`alter table "run_steps" drop constraint "run_steps_run_id_foreign";`);

    this.addSql(`alter table "payments" drop constraint "payments_appointment_id_foreign";`);

    this.addSql(`alter table "no_show_records" drop constraint "no_show_records_appointment_id_foreign";`);

    this.addSql(`drop table if exists "tenants" cascade;`);

    this.addSql(`drop table if exists "message_templates" cascade;`);

    this.addSql(`drop table if exists "locations" cascade;`);

    this.addSql(`drop table if exists "staff" cascade;`);

    this.addSql(`drop table if exists "services" cascade;`);

    this.addSql(`drop table if exists "idempotency_keys" cascade;`);

    this.addSql(`drop table if exists "date_overrides" cascade;`);

    this.addSql(`drop table if exists "customers" cascade;`);

    this.addSql(`drop table if exists "reputation_events" cascade;`);

    this.addSql(`drop table if exists "pets" cascade;`);

    this.addSql(`drop table if exists "messages" cascade;`);

    this.addSql(`drop table if exists "availability_rules" cascade;`);

    this.addSql(`drop table if exists "automations" cascade;`);

    this.addSql(`drop table if exists "automation_versions" cascade;`);

    this.addSql(`drop table if exists "automation_runs" cascade;`);

    this.addSql(`drop table if exists "run_steps" cascade;`);

    this.addSql(`drop table if exists "audit_logs" cascade;`);

    this.addSql(`drop table if exists "appointments" cascade;`);

    this.addSql(`drop table if exists "payments" cascade;`);

    this.addSql(`drop table if exists "no_show_records" cascade;`);

    this.addSql(`drop table if exists "time_off" cascade;`);

    this.addSql(`drop table if exists "users" cascade;`);

    this.addSql(`drop table if exists "vaccinations" cascade;`);

    this.addSql(`drop type "message_channel";`);
    this.addSql(`drop type "message_direction";`);
    this.addSql(`drop type "message_status";`);
    this.addSql(`drop type "automation_status";`);
    this.addSql(`drop type "run_status";`);
    this.addSql(`drop type "step_status";`);
    this.addSql(`drop type "appointment_status";`);
    this.addSql(`drop type "appointment_source";`);
    this.addSql(`drop type "payment_kind";`);
    this.addSql(`drop type "payment_method";`);
    this.addSql(`drop type "payment_status";`);
    this.addSql(`drop type "user_role";`);
  }

}
