import type pg from 'pg';

/**
 * One business with a million appointments, generated inside PostgreSQL (`INSERT … SELECT` over
 * `generate_series`) so nothing crosses the wire row by row. Ids are `md5(<kind>-<n>)::uuid`, so
 * every table can point at another by arithmetic. Appointment n belongs to staff n % 100 and
 * takes that person's (n / 100)-th hourly slot (9 a day from 08:00 local), so no two overlap and
 * the exclusion constraint holds; the span runs from ~3 years ago to ~2 months ahead of the seed.
 */
export const BENCH = {
  appointments: 1_000_000,
  staff: 100,
  customers: 50_000,
  services: 10,
  locations: 3,
  timezone: 'America/New_York',
} as const;

const uuid = (kind: string, n: string) => `md5('${kind}-' || (${n}))::uuid`;

export async function seedBenchReports(client: pg.Client, tenantId: string, log: (step: string, ms: number) => void): Promise<void> {
  const step = async (name: string, sql: string) => {
    const t = performance.now();
    await client.query(sql);
    log(name, performance.now() - t);
  };
  // A bulk load of rows consistent by construction: skip the per-row foreign-key checks and the
  // live-event triggers (replica mode fires neither), then re-enable them.
  await client.query(`set session_replication_role = replica`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  const t = `'${tenantId}'::uuid`;
  const days = Math.ceil(BENCH.appointments / BENCH.staff / 9);
  await step('locations, services, staff, hours', `
    insert into locations (id, tenant_id, name) select ${uuid('location', 'g')}, ${t}, 'Location ' || g from generate_series(0, ${BENCH.locations - 1}) g;
    insert into services (id, tenant_id, name, duration_minutes, price_cents, group_price_tiers)
      select ${uuid('service', 'g')}, ${t}, 'Service ' || g, 30 + 15 * (g % 3), 2000 + 500 * g, '[]' from generate_series(0, ${BENCH.services - 1}) g;
    insert into staff (id, tenant_id, name, email, service_ids, location_id)
      select ${uuid('staff', 'g')}, ${t}, 'Staff ' || lpad(g::text, 3, '0'), 'staff' || g || '@bench.example', '[]', ${uuid('location', `g % ${BENCH.locations}`)} from generate_series(0, ${BENCH.staff - 1}) g;
    insert into availability_rules (id, tenant_id, staff_id, weekday, start_time, end_time)
      select gen_random_uuid(), ${t}, ${uuid('staff', 's')}, d, '08:00', '17:00' from generate_series(0, ${BENCH.staff - 1}) s, generate_series(1, 6) d;`);
  await step('customers', `
    insert into customers (id, tenant_id, name, email, channel_preferences, tags, created_at)
      select ${uuid('customer', 'g')}, ${t}, 'Customer ' || g, 'c' || g || '@bench.example', '[]', '[]', now() - make_interval(days => 1200 - g % 1150)
        from generate_series(0, ${BENCH.customers - 1}) g;`);
  await step(`appointments (${BENCH.appointments.toLocaleString('en-US')})`, `
    insert into appointments (id, tenant_id, service_id, staff_id, customer_id, location_id, starts_at, ends_at, status, source, price_cents, participants,
                              calendar_event_ids, team_staff_ids, workflow_id, cancel_reason, created_at)
    select ${uuid('appointment', 'n')}, ${t}, ${uuid('service', `n % ${BENCH.services}`)}, ${uuid('staff', `n % ${BENCH.staff}`)},
           ${uuid('customer', `(n * 48271) % ${BENCH.customers}`)}, ${uuid('location', `(n % ${BENCH.staff}) % ${BENCH.locations}`)},
           x.starts_at, x.starts_at + make_interval(mins => (30 + 15 * ((n % ${BENCH.services}) % 3))::int),
           (case when x.starts_at > now() then (case when r between 75 and 84 then 'cancelled' when r < 50 then 'confirmed' else 'pending' end)
                 when r between 75 and 84 then 'cancelled' when r between 85 and 89 then 'no_show' else 'completed' end)::appointment_status,
           (array['online', 'admin', 'portal', 'phone'])[(1 + (n / 7) % 4)::int]::appointment_source,
           2000 + 500 * (n % ${BENCH.services}), '[]', '[]', '[]', 'appointment:bench:' || n,
           case when r between 75 and 84 then (array['Sick', 'Schedule conflict', null, 'Moved away'])[(1 + r % 4)::int] end,
           x.starts_at - make_interval(days => (n % 30)::int, hours => (n % 11)::int)
      from generate_series(0::bigint, ${BENCH.appointments - 1}) n
      cross join lateral (select (n * 7919) % 100 as r) h
      cross join lateral (select (((current_date - ${days - 60}) + ((n / ${BENCH.staff}) / 9)::int) + make_time(8 + ((n / ${BENCH.staff}) % 9)::int, 0, 0))
                                   at time zone '${BENCH.timezone}' as starts_at) x;`);
  await step('payments (one per completed visit, 2 % partly refunded, no-show fees)', `
    insert into payments (id, tenant_id, customer_id, appointment_id, kind, method, status, amount_cents, refunds, paid_at, created_at)
    select gen_random_uuid(), ${t}, a.customer_id, a.id, 'service', (array['card', 'cash', 'card', 'manual'])[1 + abs(hashtext(a.id::text)) % 4]::payment_method,
           case when abs(hashtext(a.id::text)) % 50 = 0 then 'partially_refunded' else 'paid' end::payment_status, a.price_cents,
           case when abs(hashtext(a.id::text)) % 50 = 0 then jsonb_build_array(jsonb_build_object('amountCents', a.price_cents / 2, 'at', a.ends_at + interval '3 days', 'reason', 'Goodwill')) else '[]'::jsonb end,
           a.ends_at, a.ends_at
      from appointments a where a.tenant_id = ${t} and a.status = 'completed';
    insert into payments (id, tenant_id, customer_id, appointment_id, kind, method, status, amount_cents, refunds, paid_at, created_at)
    select gen_random_uuid(), ${t}, a.customer_id, a.id, 'no_show_fee', 'card', case when abs(hashtext(a.id::text)) % 3 = 0 then 'pending' else 'paid' end::payment_status, 2500, '[]',
           case when abs(hashtext(a.id::text)) % 3 = 0 then null else a.ends_at + interval '1 day' end, a.ends_at
      from appointments a where a.tenant_id = ${t} and a.status = 'no_show';`);
  await step('messages (a reminder per appointment, replies to 10 %)', `
    insert into messages (id, tenant_id, customer_id, appointment_id, channel, direction, "to", body, status, provider, price_micros, campaign_id, variant, created_at)
    select gen_random_uuid(), ${t}, a.customer_id, a.id, (case when h % 10 = 0 then 'email' when h % 10 = 1 then 'whatsapp' else 'sms' end)::message_channel, 'outbound', '+15555550100',
           'Reminder', (case when h % 100 < 90 then 'delivered' when h % 100 < 95 then 'failed' when h % 100 < 98 then 'undelivered' else 'suppressed' end)::message_status,
           'twilio', case when h % 10 = 0 then null else -7900 end,
           case when h % 10 = 3 then md5('campaign-' || (h % 5))::uuid end, case when h % 10 = 3 then (array['A', 'B'])[1 + h % 2] end,
           a.starts_at - interval '1 day'
      from appointments a cross join lateral (select abs(hashtext(a.id::text)) as h) x where a.tenant_id = ${t};
    insert into messages (id, tenant_id, customer_id, channel, direction, "to", body, status, provider, created_at)
    select gen_random_uuid(), ${t}, a.customer_id, 'sms', 'inbound', '+15005550006', 'C', 'received', 'twilio', a.starts_at - interval '20 hours'
      from appointments a where a.tenant_id = ${t} and abs(hashtext(a.id::text)) % 10 = 7;`);
  await step('reviews, funnel events, automation runs and steps', `
    insert into reviews (id, tenant_id, appointment_id, customer_id, staff_id, service_id, rating, created_at)
    select gen_random_uuid(), ${t}, a.id, a.customer_id, a.staff_id, a.service_id, 1 + abs(hashtext(a.id::text)) % 5, a.ends_at + interval '2 hours'
      from appointments a where a.tenant_id = ${t} and a.status = 'completed' and abs(hashtext(a.id::text)) % 10 = 4;
    insert into funnel_events (id, tenant_id, session_id, step, source, occurred_at)
    select gen_random_uuid(), ${t}, 'bench-' || s, (array['view', 'service_selected', 'slot_selected', 'form_completed', 'booked'])[k]::funnel_step,
           (array['instagram', 'google', null, 'newsletter'])[1 + s % 4], now() - make_interval(days => s % 1100, mins => s % 1440) + make_interval(mins => k)
      from generate_series(0, 199999) s cross join lateral generate_series(1, 1 + (s * 31) % 5) k;
    insert into automations (id, tenant_id, name, trigger_event, status, draft)
    select ${uuid('automation', 'g')}, ${t}, 'Bench automation ' || g, 'appointment.booked', 'active', '{}' from generate_series(0, 3) g;
    insert into automation_runs (id, tenant_id, automation_id, version, automation_version_id, workflow_id, trigger_event, status, path, started_at)
    select ${uuid('run', 'n')}, ${t}, ${uuid('automation', 'n % 4')}, 1, ${uuid('automation', 'n % 4')}, 'bench-run-' || n, 'appointment.booked',
           (array['completed', 'completed', 'completed', 'failed', 'cancelled', 'waiting'])[1 + n % 6]::run_status, '[]',
           now() - make_interval(days => n % 1100, mins => n % 1440)
      from generate_series(0, 199999) n;
    insert into run_steps (id, tenant_id, run_id, sequence, node_id, node_type, status)
    select gen_random_uuid(), ${t}, ${uuid('run', 'n')}, k, (array['t', 'w1', 's1'])[k], (array['trigger', 'wait', 'sendSms'])[k],
           (case when k = 3 and n % 6 = 3 then 'failed' else 'succeeded' end)::step_status
      from generate_series(0, 199999) n cross join lateral generate_series(1, 1 + n % 3) k;`);
  await client.query(`set session_replication_role = origin`);
  await step('report rollups (their triggers were off for the load)', `select report_rollups_rebuild(${t}), report_appointment_rollups_rebuild(${t}), report_message_rollups_rebuild(${t}),
      report_customer_stats_rebuild(${t}), report_run_nodes_rebuild(${t}), report_funnel_rebuild(${t})`);
  await step('vacuum analyze', 'vacuum analyze');
}
