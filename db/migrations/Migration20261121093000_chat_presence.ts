import { Migration } from '@mikro-orm/migrations';

/**
 * Live chat between a business and its customers (one conversation per customer, messages,
 * attachments kept in the database) and staff presence (one row per open live socket).
 */
export class Migration20261121093000_chat_presence extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create type "presence_state" as enum ('online', 'away');`);
    this.addSql(`create type "chat_sender" as enum ('customer', 'staff');`);

    this.addSql(`create table "chat_conversations" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "last_message_at" timestamptz null, "customer_read_at" timestamptz null, "staff_read_at" timestamptz null, "staff_read_by_user_id" uuid null, constraint "chat_conversations_pkey" primary key ("id"));`);
    this.addSql(`create index "chat_conversations_tenant_id_index" on "chat_conversations" ("tenant_id");`);
    this.addSql(`create index "chat_conversations_tenant_id_last_message_at_index" on "chat_conversations" ("tenant_id", "last_message_at");`);
    this.addSql(`alter table "chat_conversations" add constraint "chat_conversations_tenant_id_customer_id_unique" unique ("tenant_id", "customer_id");`);

    this.addSql(`create table "chat_attachments" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "customer_id" uuid not null, "filename" varchar(255) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "data" bytea not null, constraint "chat_attachments_pkey" primary key ("id"), constraint chat_attachments_size_limit check (size_bytes > 0 and size_bytes <= 5242880));`);
    this.addSql(`create index "chat_attachments_tenant_id_index" on "chat_attachments" ("tenant_id");`);
    this.addSql(`create index "chat_attachments_tenant_id_customer_id_index" on "chat_attachments" ("tenant_id", "customer_id");`);

    this.addSql(`create table "chat_messages" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "conversation_id" uuid not null, "customer_id" uuid not null, "sender" "chat_sender" not null, "user_id" uuid null, "body" text not null default '', "attachment_id" uuid null, constraint "chat_messages_pkey" primary key ("id"), constraint chat_messages_not_empty check (length(body) > 0 or attachment_id is not null));`);
    this.addSql(`create index "chat_messages_tenant_id_index" on "chat_messages" ("tenant_id");`);
    this.addSql(`create index "chat_messages_conversation_id_created_at_id_index" on "chat_messages" ("conversation_id", "created_at", "id");`);

    this.addSql(`create table "staff_presence" ("id" uuid not null, "tenant_id" uuid not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "user_id" uuid not null, "state" "presence_state" not null default 'online', "seen_at" timestamptz not null, constraint "staff_presence_pkey" primary key ("id"));`);
    this.addSql(`create index "staff_presence_tenant_id_index" on "staff_presence" ("tenant_id");`);
    this.addSql(`create index "staff_presence_seen_at_index" on "staff_presence" ("seen_at");`);
    this.addSql(`create index "staff_presence_tenant_id_user_id_index" on "staff_presence" ("tenant_id", "user_id");`);

    this.addSql(`alter table "chat_conversations" add constraint "chat_conversations_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_conversations" add constraint "chat_conversations_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_attachments" add constraint "chat_attachments_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_attachments" add constraint "chat_attachments_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_conversation_id_foreign" foreign key ("conversation_id") references "chat_conversations" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "chat_messages" add constraint "chat_messages_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "staff_presence" add constraint "staff_presence_tenant_id_foreign" foreign key ("tenant_id") references "tenants" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "staff_presence" add constraint "staff_presence_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "staff_presence" cascade;`);
    this.addSql(`drop table if exists "chat_messages" cascade;`);
    this.addSql(`drop table if exists "chat_attachments" cascade;`);
    this.addSql(`drop table if exists "chat_conversations" cascade;`);
    this.addSql(`drop type if exists "chat_sender";`);
    this.addSql(`drop type if exists "presence_state";`);
  }

}
