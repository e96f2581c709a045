import { Migration } from '@mikro-orm/migrations';

export class Migration20261121062928_booking_engine extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "billing_interval" as enum ('week', 'month', 'year');`);
    this.addSql(`create type "funnel_step" as enum ('view', 'service_selected', 'slot_selected', 'form_completed', 'booked');`);
    this.addSql(`create type "pet_document_status" as enum ('pending_review', 'accepted', 'rejected');`);
    this.addSql(`create type "package_purchase_status" as enum ('active', 'refunded', 'void');`);
    this.addSql(`create type "membership_status" as enum ('active', 'past_due', 'cancelled');`);
    this.addSql(`create type "calendar_feed_owner" as enum ('staff', 'customer');`);
    this.addSql(`create type "waitlist_status" as enum ('waiting', 'offered', 'booked', 'cancelled');`);
    this.addSql(`create type "waitlist_offer_status" as enum ('pending', 'accepted', 'declined', 'expired', 'withdrawn');`);
    this.addSql(`create table "packages" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "description" text null, "price_cents" int not null, "credits" int not null, "service_ids" jsonb not null, "validity_days" int null, "active" boolean not null default true, constraint "packages_pkey" primary key ("id"), constraint packages_price_nonnegative check (price_cents >= 0), constraint packages_credits_positive check (credits > 0));`);
    this.addSql(`create index "packages_tenant_id_index" on "packages" ("tenant_id");`);

    this.addSql(`create table "membership_plans" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" varchar(200) not null, "description" text null, "price_cents" int not null, "interval" "billing_interval" not null default 'month', "interval_count" int not null default 1, "discount_percent" int not null default 0, "member_prices" jsonb not null, "service_ids" jsonb not null, "active" boolean not null default true, constraint "membership_plans_pkey" primary key ("id"), constraint membership_plans_interval_count_positive check (interval_count > 0), constraint membership_plans_discount_range check (discount_percent >= 0 and discount_percent <= 100));`);
    this.addSql(`create index "membership_plans_tenant_id_index" on "membership_plans" ("tenant_id");`);

    this.addSql(`create table "funnel_events" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "session_id" varchar(64) not null, "step" "funnel_step" not null, "service_id" uuid null, "staff_id" uuid null, "appointment_id" uuid null, "source" varchar(200) null, "occurred_at" timestamptz not null, constraint "funnel_events_pkey" primary key ("id"));`);
    this.addSql(`create index "funnel_events_tenant_id_index" on "funnel_events" ("tenant_id");`);
    this.addSql(`create index "funnel_events_tenant_id_occurred_at_index" on "funnel_events" ("tenant_id", "occurred_at");`);
    this.addSql(`alter table "funnel_events" add constraint "funnel_events_tenant_id_session_id_step_unique" unique ("tenant_id", "session_id", "step");`);

    this.addSql(`create table "external_busy" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "staff_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "source" varchar(20) not null default 'manual', "external_id" varchar(300) null, "summary" varchar(300) null, constraint "external_busy_pkey" primary key ("id"), constraint external_busy_ends_after_starts check (ends_at > starts_at));`);
    this.addSql(`create index "external_busy_tenant_id_index" on "external_busy" ("tenant_id");`);
    this.addSql(`create index "external_busy_tenant_id_staff_id_starts_at_index" on "external_busy" ("tenant_id", "staff_id", "starts_at");`);
    this.addSql(`alter table "external_busy" add constraint "external_busy_tenant_id_staff_id_source_external_id_unique" unique ("tenant_id", "staff_id", "source", "external_id");`);

    this.addSql(`create table "portal_sessions" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, "last_seen_at" timestamptz not null, constraint "portal_sessions_pkey" primary key ("id"));`);
    this.addSql(`create index "portal_sessions_tenant_id_index" on "portal_sessions" ("tenant_id");`);
    this.addSql(`create index "portal_sessions_tenant_id_customer_id_index" on "portal_sessions" ("tenant_id", "customer_id");`);

    this.addSql(`create table "portal_login_links" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "email" varchar(320) not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "requested_from" varchar(64) null, constraint "portal_login_links_pkey" primary key ("id"));`);
    this.addSql(`create index "portal_login_links_tenant_id_index" on "portal_login_links" ("tenant_id");`);
    this.addSql(`create index "portal_login_links_tenant_id_email_created_at_index" on "portal_login_links" ("tenant_id", "email", "created_at");`);
    this.addSql(`alter table "portal_login_links" add constraint "portal_login_links_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "pet_documents" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "pet_id" uuid not null, "vaccination_id" uuid null, "filename" varchar(255) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "data" bytea not null, "uploaded_by" varchar(20) not null default 'customer', "status" "pet_document_status" not null default 'pending_review', constraint "pet_documents_pkey" primary key ("id"), constraint pet_documents_size_limit check (size_bytes > 0 and size_bytes <= 5242880));`);
    this.addSql(`create index "pet_documents_tenant_id_index" on "pet_documents" ("tenant_id");`);
    this.addSql(`create index "pet_documents_tenant_id_pet_id_index" on "pet_documents" ("tenant_id", "pet_id");`);

    this.addSql(`create table "package_purchases" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "package_id" uuid not null, "customer_id" uuid not null, "credits_total" int not null, "credits_remaining" int not null, "service_ids" jsonb not null, "price_cents" int not null, "expires_at" timestamptz null, "status" "package_purchase_status" not null default 'active', "payment_id" uuid null, constraint "package_purchases_pkey" primary key ("id"), constraint package_purchases_credits_in_range check (credits_remaining >= 0 and credits_remaining <= credits_total));`);
    this.addSql(`create index "package_purchases_tenant_id_index" on "package_purchases" ("tenant_id");`);
    this.addSql(`create index "package_purchases_tenant_id_customer_id_index" on "package_purchases" ("tenant_id", "customer_id");`);

    this.addSql(`create table "memberships" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "plan_id" uuid not null, "customer_id" uuid not null, "status" "membership_status" not null default 'active', "started_at" timestamptz not null, "current_period_end" timestamptz not null, "periods_charged" int not null default 0, "cancelled_at" timestamptz null, "workflow_id" varchar(300) not null, constraint "memberships_pkey" primary key ("id"));`);
    this.addSql(`create index "memberships_tenant_id_index" on "memberships" ("tenant_id");`);
    this.addSql(`create index "memberships_tenant_id_customer_id_index" on "memberships" ("tenant_id", "customer_id");`);

    this.addSql(`create table "calendar_feeds" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "owner_type" "calendar_feed_owner" not null, "owner_id" uuid not null, "token_hash" varchar(64) not null, "token_hint" varchar(8) not null, "revoked_at" timestamptz null, "last_fetched_at" timestamptz null, "fetch_count" int not null default 0, constraint "calendar_feeds_pkey" primary key ("id"));`);
    this.addSql(`create index "calendar_feeds_tenant_id_index" on "calendar_feeds" ("tenant_id");`);
    this.addSql(`create index "calendar_feeds_tenant_id_owner_type_owner_id_index" on "calendar_feeds" ("tenant_id", "owner_type", "owner_id");`);
    this.addSql(`alter table "calendar_feeds" add constraint "calendar_feeds_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "reviews" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "appointment_id" uuid not null, "customer_id" uuid not null, "staff_id" uuid null, "service_id" uuid not null, "rating" smallint not null, "comment" text null, "published" boolean not null default false, constraint "reviews_pkey" primary key ("id"), constraint reviews_rating_range check (rating >= 1 and rating <= 5));`);
    this.addSql(`create index "reviews_tenant_id_index" on "reviews" ("tenant_id");`);
    this.addSql(`create index "reviews_tenant_id_staff_id_index" on "reviews" ("tenant_id", "staff_id");`);
    this.addSql(`alter table "reviews" add constraint "reviews_appointment_id_unique" unique ("appointment_id");`);

    this.addSql(`create table "waitlist_entries" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "service_id" uuid not null, "staff_id" uuid null, "from_date" date not null, "to_date" date not null, "seats" int not null default 1, "status" "waitlist_status" not null default 'waiting', "notes" text null, "appointment_id" uuid null, constraint "waitlist_entries_pkey" primary key ("id"), constraint waitlist_entries_seats_positive check (seats > 0), constraint waitlist_entries_dates_ordered check (to_date >= from_date));`);
    this.addSql(`create index "waitlist_entries_tenant_id_index" on "waitlist_entries" ("tenant_id");`);
    this.addSql(`create index "waitlist_entries_tenant_id_customer_id_index" on "waitlist_entries" ("tenant_id", "customer_id");`);
    this.addSql(`create index "waitlist_entries_tenant_id_service_id_status_created_at_index" on "waitlist_entries" ("tenant_id", "service_id", "status", "created_at");`);

    this.addSql(`create table "waitlist_offers" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "entry_id" uuid not null, "customer_id" uuid not null, "service_id" uuid not null, "staff_id" uuid null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "status" "waitlist_offer_status" not null default 'pending', "expires_at" timestamptz not null, "workflow_id" varchar(300) not null, "token_hash" varchar(64) not null, "responded_at" timestamptz null, "appointment_id" uuid null, constraint "waitlist_offers_pkey" primary key ("id"));`);
    this.addSql(`create index "waitlist_offers_tenant_id_index" on "waitlist_offers" ("tenant_id");`);
    this.addSql(`create index "waitlist_offers_token_hash_index" on "waitlist_offers" ("token_hash");`);
    this.addSql(`create index "waitlist_offers_tenant_id_entry_id_index" on "waitlist_offers" ("tenant_id", "entry_id");`);
    this.addSql(`create index "waitlist_offers_tenant_id_staff_id_starts_at_index" on "waitlist_offers" ("tenant_id", "staff_id", "starts_at");`);

    this.addSql(`alter table "packages" add constraint "packages_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "membership_plans" add constraint "membership_plans_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "funnel_events" add constraint "funnel_events_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "external_busy" add constraint "external_busy_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "external_busy" add constraint "external_busy_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "portal_sessions" add constraint "portal_sessions_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "portal_sessions" add constraint "portal_sessions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "portal_login_links" add constraint "portal_login_links_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "portal_login_links" add constraint "portal_login_links_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "pet_documents" add constraint "pet_documents_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pet_documents" add constraint "pet_documents_pet_id_foreign" foreign key ("pet_id") references "pets" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "package_purchases" add constraint "package_purchases_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "package_purchases" add constraint "package_purchases_package_id_foreign" foreign key ("package_id") references "packages" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "package_purchases" add constraint "package_purchases_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "memberships" add constraint "memberships_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "memberships" add constraint "memberships_plan_id_foreign" foreign key ("plan_id") references "membership_plans" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "memberships" add constraint "memberships_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "calendar_feeds" add constraint "calendar_feeds_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "reviews" add constraint "reviews_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reviews" add constraint "reviews_appointment_id_foreign" foreign key ("appointment_id") references "appointments" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reviews" add constraint "reviews_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "waitlist_entries" add constraint "waitlist_entries_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_entries" add constraint "waitlist_entries_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_entries" add constraint "waitlist_entries_service_id_foreign" foreign key ("service_id") references "services" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_entries" add constraint "waitlist_entries_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "waitlist_offers" add constraint "waitlist_offers_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_offers" add constraint "waitlist_offers_entry_id_foreign" foreign key ("entry_id") references "waitlist_entries" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_offers" add constraint "waitlist_offers_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_offers" add constraint "waitlist_offers_service_id_foreign" foreign key ("service_id") references "services" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "waitlist_offers" add constraint "waitlist_offers_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "services" add column "min_notice_minutes" int not null default 0, add column "max_advance_days" int null, add column "slot_interval_minutes" int null, add column "group_price_tiers" jsonb not null default '[]', add column "bookable_online" boolean not null default true;`);
    this.addSql(`alter table "services" alter column "group_price_tiers" drop default;`);
    this.addSql(`alter table "services" add constraint services_slot_interval_positive check(slot_interval_minutes is null or slot_interval_minutes > 0);`);

    this.addSql(`alter table "customers" add column "marketing_opt_in" boolean not null default false, add column "notifications_enabled" boolean not null default true, add column "deletion_requested_at" timestamptz null;`);

    this.addSql(`alter table "appointments" add column "seats" int not null default 1, add column "session_key" varchar(200) null, add column "team_staff_ids" jsonb not null default '[]', add column "sequence" int not null default 0, add column "list_price_cents" int null, add column "package_purchase_id" uuid null, add column "credits_used" int not null default 0, add column "membership_id" uuid null;`);
    this.addSql(`alter table "appointments" alter column "team_staff_ids" drop default;`);
    this.addSql(`alter table "appointments" add constraint appointments_seats_positive check(seats > 0);`);
    // Seats of one group session share session_key and may overlap; a one-to-one booking's key is its own id.
    this.addSql(`alter table "appointments" drop constraint "appointments_no_overlap";`);
    this.addSql(`alter table "appointments" add constraint "appointments_no_overlap" exclude using gist ("staff_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&, (coalesce("session_key", "id"::text)) with <>) where ("staff_id" is not null and "status" <> 'cancelled');`);

    this.addSql(`alter table "payments" add column "provider" varchar(40) not null default 'manual', add column "package_purchase_id" uuid null, add column "membership_id" uuid null, add column "receipt_number" varchar(40) null, add column "note" text null, add column "due_at" timestamptz null, add column "recorded_by_user_id" uuid null;`);
    this.addSql(`create index "payments_tenant_id_customer_id_created_at_index" on "payments" ("tenant_id", "customer_id", "created_at");`);
    this.addSql(`alter table "payments" add constraint payments_amount_nonnegative check(amount_cents >= 0);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "package_purchases" drop constraint "package_purchases_package_id_foreign";`);

    this.addSql(`alter table "memberships" drop constraint "memberships_plan_id_foreign";`);

    this.addSql(`alter table "waitlist_offers" drop constraint "waitlist_offers_entry_id_foreign";`);

    this.addSql(`drop table if exists "packages" cascade;`);

    this.addSql(`drop table if exists "membership_plans" cascade;`);

    this.addSql(`drop table if exists "funnel_events" cascade;`);

    this.addSql(`drop table if exists "external_busy" cascade;`);

    this.addSql(`drop table if exists "portal_sessions" cascade;`);

    this.addSql(`drop table if exists "portal_login_links" cascade;`);

    this.addSql(`drop table if exists "pet_documents" cascade;`);

    this.addSql(`drop table if exists "package_purchases" cascade;`);

    this.addSql(`drop table if exists "memberships" cascade;`);

    this.addSql(`drop table if exists "calendar_feeds" cascade;`);

    this.addSql(`drop table if exists "reviews" cascade;`);

    this.addSql(`drop table if exists "waitlist_entries" cascade;`);

    this.addSql(`drop table if exists "waitlist_offers" cascade;`);

    this.addSql(`alter table "appointments" drop constraint "appointments_no_overlap";`);
    this.addSql(`alter table "appointments" add constraint "appointments_no_overlap" exclude using gist ("staff_id" with =, tstzrange("starts_at", "ends_at", '[)') with &&) where ("staff_id" is not null and "status" <> 'cancelled');`);
    this.addSql(`alter table "appointments" drop constraint appointments_seats_positive;`);
    this.addSql(`alter table "appointments" drop column "seats", drop column "session_key", drop column "team_staff_ids", drop column "sequence", drop column "list_price_cents", drop column "package_purchase_id", drop column "credits_used", drop column "membership_id";`);

    this.addSql(`alter table "customers" drop column "marketing_opt_in", drop column "notifications_enabled", drop column "deletion_requested_at";`);

    this.addSql(`drop index "payments_tenant_id_customer_id_created_at_index";`);
    this.addSql(`alter table "payments" drop constraint payments_amount_nonnegative;`);
    this.addSql(`alter table "payments" drop column "provider", drop column "package_purchase_id", drop column "membership_id", drop column "receipt_number", drop column "note", drop column "due_at", drop column "recorded_by_user_id";`);

    this.addSql(`alter table "services" drop constraint services_slot_interval_positive;`);
    this.addSql(`alter table "services" drop column "min_notice_minutes", drop column "max_advance_days", drop column "slot_interval_minutes", drop column "group_price_tiers", drop column "bookable_online";`);

    this.addSql(`drop type "billing_interval";`);
    this.addSql(`drop type "funnel_step";`);
    this.addSql(`drop type "pet_document_status";`);
    this.addSql(`drop type "package_purchase_status";`);
    this.addSql(`drop type "membership_status";`);
    this.addSql(`drop type "calendar_feed_owner";`);
    this.addSql(`drop type "waitlist_status";`);
    this.addSql(`drop type "waitlist_offer_status";`);
  }

}
