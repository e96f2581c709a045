import '../helpers/fresh-orm-metadata';
import { startReportsApp } from '../fixtures/reports-app';
import type { TestApp } from '../helpers/app';
import type { SignedUp } from '../helpers/http';

/**
 * The report rollups are kept by triggers: after updates and deletes of the rows they summarise
 * they must equal a rebuild from scratch, and deleting a tenant (which cascades to its rows after
 * the tenant and its rollups are gone) must go through.
 */
describe('report rollups kept by triggers', () => {
  let app: TestApp;
  let owner: SignedUp;
  const sql = <T>(text: string, params: unknown[] = []) => app.orm.em.getConnection().execute<T[]>(text, params);
  const snapshot = async () => ({
    appointments: await sql(`select day::text, dim, key, n, seconds::text from report_appointments_daily where tenant_id = ? and (n <> 0 or seconds <> 0) order by dim, day, key`, [owner.tenant.id]),
    revenue: await sql(`select day::text, dim, key, gross_cents::text, refunds_cents::text, payments from report_revenue_daily
                         where tenant_id = ? and (gross_cents <> 0 or refunds_cents <> 0 or payments <> 0) order by dim, day, key`, [owner.tenant.id]),
    balances: await sql(`select appointment_id, owed_cents from report_open_balances where tenant_id = ? order by appointment_id`, [owner.tenant.id]),
    messages: await sql(`select day::text, channel, campaign, variant, status, n, cost_micros::text from report_messages_daily
                          where tenant_id = ? and (n <> 0 or cost_micros <> 0) order by day, channel, campaign, variant, status`, [owner.tenant.id]),
    customers: await sql(`select customer_id, first_booked_at, visits, first_visit_at, last_visit_at, first_paid_at from report_customer_stats
                           where tenant_id = ? order by customer_id`, [owner.tenant.id]),
    runNodes: await sql(`select run_id, node_id, automation_id, run_started_at, node_type, first_sequence, failed from report_run_nodes
                          where tenant_id = ? order by run_id, node_id`, [owner.tenant.id]),
    lastSteps: await sql(`select id, last_step_node_id from automation_runs where tenant_id = ? order by id`, [owner.tenant.id]),
    funnel: await sql(`select day::text, source, step, n from report_funnel_daily where tenant_id = ? and n <> 0 order by day, source, step`, [owner.tenant.id]),
  });

  beforeAll(async () => {
    ({ app, owner } = await startReportsApp());
  });
  afterAll(async () => {
    await app?.close();
  });

  test('after cancelling, rescheduling, re-sourcing and deleting appointments and changing messages the rollups equal a rebuild', async () => {
    const ids = (await sql<{ id: string }>(`select id from appointments where tenant_id = ? order by starts_at`, [owner.tenant.id])).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(6);
    const before = await snapshot();
    expect(before.appointments.length).toBeGreaterThan(0);

    await sql(`update appointments set status = 'cancelled', cancel_reason = 'Moved away', cancelled_at = now() where id = ?`, [ids[0]]);
    await sql(`update appointments set starts_at = starts_at + interval '3 days 5 hours', ends_at = ends_at + interval '3 days 5 hours' where id = ?`, [ids[1]]);
    await sql(`update appointments set source = 'portal', created_at = created_at - interval '20 days' where id = ?`, [ids[2]]);
    await sql(`update appointments set notes = 'no rollup change' where id = ?`, [ids[3]]);
    await sql(`update appointments set staff_id = (select staff_id from appointments where id = ?), ends_at = ends_at + interval '15 minutes' where id = ?`, [ids[6], ids[5]]);
    await sql(`delete from payments where appointment_id = ?`, [ids[4]]);
    await sql(`delete from appointments where id = ?`, [ids[4]]);
    const messages = (await sql<{ id: string }>(`select id from messages where tenant_id = ? and direction = 'outbound' order by created_at`, [owner.tenant.id])).map((r) => r.id);
    expect(messages.length).toBeGreaterThan(2);
    await sql(`update messages set status = 'failed', price_micros = -7500 where id = ?`, [messages[0]]);
    await sql(`update messages set created_at = created_at - interval '9 days', variant = 'B' where id = ?`, [messages[1]]);
    await sql(`update messages set direction = 'inbound' where id = ?`, [messages[2]]);
    await sql(`update payments set status = 'pending', paid_at = null where id = (select id from payments where tenant_id = ? and status = 'paid' order by paid_at limit 1)`, [owner.tenant.id]);
    const steps = await sql<{ id: string; run_id: string }>(`select id, run_id from run_steps where tenant_id = ? order by run_id, sequence desc`, [owner.tenant.id]);
    expect(steps.length).toBeGreaterThan(2);
    await sql(`update run_steps set status = 'failed' where id = ?`, [steps[0]?.id]);
    await sql(`update run_steps set node_id = 'moved' where id = ?`, [steps[1]?.id]);
    await sql(`delete from run_steps where id = ?`, [steps[2]?.id]);
    await sql(`update automation_runs set started_at = started_at - interval '40 days' where id = ?`, [steps[0]?.run_id]);
    const events = await sql<{ id: string }>(`select id from funnel_events where tenant_id = ? order by occurred_at`, [owner.tenant.id]);
    expect(events.length).toBeGreaterThan(2);
    await sql(`update funnel_events set occurred_at = occurred_at + interval '2 days', source = 'newsletter' where id = ?`, [events[0]?.id]);
    await sql(`delete from funnel_events where id = ?`, [events[1]?.id]);
    const maintained = await snapshot();
    expect(maintained.runNodes.length).toBeGreaterThan(0);
    expect(maintained.customers.length).toBeGreaterThan(0);
    expect(maintained.funnel.length).toBeGreaterThan(0);
    expect(maintained.appointments).not.toEqual(before.appointments);
    expect(maintained.messages).not.toEqual(before.messages);

    await sql(`select report_rollups_rebuild(?::uuid), report_appointment_rollups_rebuild(?::uuid), report_message_rollups_rebuild(?::uuid)`, [owner.tenant.id, owner.tenant.id, owner.tenant.id]);
    await sql(`select report_customer_stats_rebuild(?::uuid), report_run_nodes_rebuild(?::uuid), report_funnel_rebuild(?::uuid)`, [owner.tenant.id, owner.tenant.id, owner.tenant.id]);
    expect(await snapshot()).toEqual(maintained);
  });

  test('deleting the tenant cascades through the rollup triggers', async () => {
    await sql(`delete from tenants where id = ?`, [owner.tenant.id]);
    expect(await sql(`select 1 from report_appointments_daily where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
    expect(await sql(`select 1 from report_revenue_daily where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
    expect(await sql(`select 1 from report_messages_daily where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
    expect(await sql(`select 1 from report_customer_stats where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
    expect(await sql(`select 1 from report_run_nodes where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
    expect(await sql(`select 1 from report_funnel_daily where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
    expect(await sql(`select 1 from appointments where tenant_id = ?`, [owner.tenant.id])).toEqual([]);
  });
});
