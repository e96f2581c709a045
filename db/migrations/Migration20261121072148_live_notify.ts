import { Migration } from '@mikro-orm/migrations';

/**
 * Live events (/api/live): triggers NOTIFY the `appointflow_live` channel with a compact
 * `{tenantId, type, data}` payload when bookings, availability inputs, automation runs and
 * messages change. NOTIFY is delivered on commit, so listeners only see committed rows, from
 * whichever process (api or worker) wrote them. `SET appointflow.live_notify = 'off'` in a
 * session (bulk seeding) skips them.
 */
export class Migration20261121072148_live_notify extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create or replace function "live_notify"(tenant uuid, kind text, data jsonb) returns void language plpgsql as $$
begin
  if coalesce(current_setting('appointflow.live_notify', true), 'on') = 'off' then return; end if;
  perform pg_notify('appointflow_live', json_build_object('tenantId', tenant, 'type', kind, 'data', data)::text);
end $$;`);

    this.addSql(`create or replace function "live_appointments_notify"() returns trigger language plpgsql as $$
declare
  kind text;
begin
  if tg_op = 'INSERT' then
    kind := 'booking.created';
  elsif new.status = 'cancelled' and old.status is distinct from 'cancelled' then
    kind := 'booking.cancelled';
  elsif (new.status, new.starts_at, new.ends_at, new.staff_id, new.service_id, new.customer_id, new.location_id, new.notes, new.participants)
        is distinct from (old.status, old.starts_at, old.ends_at, old.staff_id, old.service_id, old.customer_id, old.location_id, old.notes, old.participants) then
    kind := 'booking.updated';
  else
    return null;
  end if;
  perform "live_notify"(new.tenant_id, kind, jsonb_build_object(
    'appointmentId', new.id, 'status', new.status, 'staffId', new.staff_id, 'serviceId', new.service_id,
    'customerId', new.customer_id, 'startsAt', new.starts_at, 'endsAt', new.ends_at, 'source', new.source));
  if tg_op = 'INSERT' or (new.status = 'cancelled') is distinct from (old.status = 'cancelled')
     or (new.starts_at, new.ends_at, new.staff_id) is distinct from (old.starts_at, old.ends_at, old.staff_id) then
    perform "live_notify"(new.tenant_id, 'availability.changed', jsonb_build_object(
      'staffId', new.staff_id, 'from', least(new.starts_at, coalesce(old.starts_at, new.starts_at)),
      'to', greatest(new.ends_at, coalesce(old.ends_at, new.ends_at)), 'reason', 'booking'));
  end if;
  return null;
end $$;`);
    this.addSql(`create trigger "appointments_live_notify" after insert or update on "appointments" for each row execute function "live_appointments_notify"();`);

    this.addSql(`create or replace function "live_availability_notify"() returns trigger language plpgsql as $$
declare
  r record;
begin
  if tg_op = 'DELETE' then r := old; else r := new; end if;
  perform "live_notify"(r.tenant_id, 'availability.changed', jsonb_build_object('staffId', r.staff_id, 'reason', tg_table_name));
  return null;
end $$;`);
    for (const table of ['availability_rules', 'time_off', 'date_overrides', 'external_busy']) {
      this.addSql(`create trigger "${table}_live_notify" after insert or update or delete on "${table}" for each row execute function "live_availability_notify"();`);
    }

    this.addSql(`create or replace function "live_runs_notify"() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (new.status, new.current_node_id) is not distinct from (old.status, old.current_node_id) then return null; end if;
  perform "live_notify"(new.tenant_id, 'execution.status', jsonb_build_object(
    'runId', new.id, 'automationId', new.automation_id, 'status', new.status, 'currentNodeId', new.current_node_id,
    'appointmentId', new.appointment_id, 'customerId', new.customer_id));
  return null;
end $$;`);
    this.addSql(`create trigger "automation_runs_live_notify" after insert or update on "automation_runs" for each row execute function "live_runs_notify"();`);

    this.addSql(`create or replace function "live_messages_notify"() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then return null; end if;
  perform "live_notify"(new.tenant_id, 'message.status', jsonb_build_object(
    'messageId', new.id, 'status', new.status, 'channel', new.channel, 'direction', new.direction,
    'appointmentId', new.appointment_id, 'customerId', new.customer_id, 'automationRunId', new.automation_run_id));
  return null;
end $$;`);
    this.addSql(`create trigger "messages_live_notify" after insert or update on "messages" for each row execute function "live_messages_notify"();`);
  }

  override async down(): Promise<void> {
    for (const table of ['appointments', 'availability_rules', 'time_off', 'date_overrides', 'external_busy', 'automation_runs', 'messages']) {
      this.addSql(`drop trigger if exists "${table}_live_notify" on "${table}";`);
    }
    for (const fn of ['live_appointments_notify', 'live_availability_notify', 'live_runs_notify', 'live_messages_notify']) {
      this.addSql(`drop function if exists "${fn}"();`);
    }
    this.addSql(`drop function if exists "live_notify"(uuid, text, jsonb);`);
  }

}
