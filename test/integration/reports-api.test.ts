import '../helpers/fresh-orm-metadata';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

/** A hand-built dataset for a New York business: one DST fortnight (clocks change 2026-03-08). */
async function seedFixture(app: TestApp, tenantId: string) {
  const conn = app.orm.em.getConnection();
  const id = () => randomUUID();
  const service = id(); const staff = id(); const c1 = id(); const c2 = id();
  await conn.execute(`insert into services (id, tenant_id, name, duration_minutes, price_cents, group_price_tiers) values (?, ?, 'Full groom', 60, 5000, '[]')`, [service, tenantId]);
  await conn.execute(`insert into staff (id, tenant_id, name, email, service_ids) values (?, ?, 'Maya', 'maya@example.com', '[]')`, [staff, tenantId]);
  for (const [cid, name] of [[c1, 'Ann'], [c2, 'Bob']]) {
    await conn.execute(`insert into customers (id, tenant_id, name, channel_preferences, tags) values (?, ?, ?, '[]', '[]')`, [cid, tenantId, name]);
  }
  // Mon–Fri 09:00–17:00: 10 weekdays in the period = 80 available hours.
  for (let weekday = 1; weekday <= 5; weekday += 1) {
    await conn.execute(`insert into availability_rules (id, tenant_id, staff_id, weekday, start_time, end_time) values (?, ?, ?, ?, '09:00', '17:00')`, [id(), tenantId, staff, weekday]);
  }
  const appt = async (customer: string, startsAt: string, status: string, price: number, reason: string | null = null) => {
    const aid = id();
    const start = new Date(startsAt);
    await conn.execute(
      `insert into appointments (id, tenant_id, service_id, staff_id, customer_id, starts_at, ends_at, status, source, price_cents, participants, calendar_event_ids, team_staff_ids, workflow_id, cancel_reason, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, 'admin', ?, '[]', '[]', '[]', ?, ?, '2026-02-01T12:00:00Z')`,
      [aid, tenantId, service, staff, customer, start, new Date(start.getTime() + 3600_000), status, price, `appointment:${tenantId}:${aid}`, reason],
    );
    return aid;
  };
  const a1 = await appt(c1, '2026-03-04T04:30:00Z', 'completed', 5000); // 23:30 on 3 March in New York
  await appt(c1, '2026-03-10T14:00:00Z', 'no_show', 5000); // 10:00 EDT
  await appt(c2, '2026-03-11T15:00:00Z', 'cancelled', 5000, 'Sick');
  const a4 = await appt(c2, '2026-02-20T15:00:00Z', 'completed', 4000); // previous period
  await conn.execute(
    `insert into payments (id, tenant_id, customer_id, appointment_id, kind, method, status, amount_cents, refunds, paid_at)
     values (?, ?, ?, ?, 'service', 'card', 'partially_refunded', 5000, ?, '2026-03-04T05:00:00Z')`,
    [id(), tenantId, c1, a1, JSON.stringify([{ amountCents: 1000, at: '2026-03-12T12:00:00Z', reason: 'Goodwill' }])],
  );
  await conn.execute(
    `insert into payments (id, tenant_id, customer_id, appointment_id, kind, method, status, amount_cents, refunds, paid_at)
     values (?, ?, ?, ?, 'service', 'cash', 'paid', 4000, '[]', '2026-02-20T16:00:00Z')`,
    [id(), tenantId, c2, a4],
  );
}

const range = 'from=2026-03-02&to=2026-03-15';
const metric = (body: { metrics: Array<{ key: string }> }, key: string) => body.metrics.find((m) => m.key === key) as unknown as { value: number | null; previous: number | null; change: number | null };

describe('reports', () => {
  let app: TestApp;
  let owner: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    app = await startTestApp();
    [owner, other] = await Promise.all([signup(app.baseUrl, { timezone: 'America/New_York' }), signup(app.baseUrl, { timezone: 'America/New_York' })]);
    await seedFixture(app, owner.tenant.id);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('revenue: net of refunds on their own day, breakdowns, previous period', async () => {
    const res = await owner.api.get(`/api/reports/revenue?${range}`);
    expect(res.status).toBe(200);
    expect(res.body.period).toMatchObject({ fromDate: '2026-03-02', toDate: '2026-03-15' });
    expect(res.body.previousPeriod).toMatchObject({ fromDate: '2026-02-16', toDate: '2026-03-01' });
    expect(metric(res.body, 'grossRevenueCents').value).toBe(5000);
    expect(metric(res.body, 'refundsCents').value).toBe(1000);
    expect(metric(res.body, 'netRevenueCents')).toEqual(expect.objectContaining({ value: 4000, previous: 4000, change: 0 }));
    expect(metric(res.body, 'averageBookingValueCents').value).toBe(5000);
    expect(metric(res.body, 'outstandingCents').value).toBe(1000); // the visit cost 5000, 4000 stays paid after the refund (customerBalance's rule)
    const point = (day: string) => res.body.series.points.find((p: { bucket: string }) => p.bucket === day);
    expect(point('2026-03-04')).toMatchObject({ netCents: 5000 }); // paid at 00:00 local on the 4th
    expect(point('2026-03-12')).toMatchObject({ netCents: -1000, refundsCents: 1000 });
    expect(res.body.series.points).toHaveLength(14);
    const byMethod = res.body.tables.find((t: { key: string }) => t.key === 'byPaymentMethod');
    expect(byMethod.rows).toEqual([{ name: 'card', grossCents: 5000, refundsCents: 1000, netCents: 4000, payments: 1 }]);
    const byService = res.body.tables.find((t: { key: string }) => t.key === 'byService');
    expect(byService.rows[0]).toMatchObject({ name: 'Full groom', netCents: 4000 });
  });

  test('appointments: 23:30 New York lands on its local day; rates; heatmap; reasons', async () => {
    const res = await owner.api.get(`/api/reports/appointments?${range}`);
    expect(res.status).toBe(200);
    expect(metric(res.body, 'appointments').value).toBe(3);
    expect(metric(res.body, 'appointments').previous).toBe(1);
    expect(metric(res.body, 'noShowRate').value).toBe(0.5);
    expect(metric(res.body, 'cancellationRate').value).toBe(0.3333);
    const point = (day: string) => res.body.series.points.find((p: { bucket: string }) => p.bucket === day);
    expect(point('2026-03-03')).toMatchObject({ total: 1, completed: 1 });
    expect(point('2026-03-04')).toMatchObject({ total: 0 });
    const heat = res.body.tables.find((t: { key: string }) => t.key === 'heatmap');
    expect(heat.rows[1]).toMatchObject({ weekday: 'Tue', h23: 1 }); // 3 March 2026 is a Tuesday
    expect(heat.rows[1].h10).toBe(1); // 10 March 10:00 EDT, after the DST change
    const reasons = res.body.tables.find((t: { key: string }) => t.key === 'cancellationReasons');
    expect(reasons.rows).toEqual([{ reason: 'Sick', appointments: 1 }]);
  });

  test('staff utilization and customers', async () => {
    const staff = await owner.api.get(`/api/reports/staff?${range}`);
    expect(staff.status).toBe(200);
    expect(staff.body.tables[0].rows[0]).toMatchObject({ name: 'Maya', appointments: 2, noShows: 1, bookedHours: 2, availableHours: 80, utilization: 0.025, revenueCents: 4000 });
    const customers = await owner.api.get(`/api/reports/customers?${range}`);
    expect(customers.status).toBe(200);
    expect(metric(customers.body, 'activeCustomers').value).toBe(1); // Ann; Bob only cancelled
    expect(metric(customers.body, 'newCustomers').value).toBe(1);
    for (const name of ['messaging', 'automations', 'funnel']) {
      const res = await owner.api.get(`/api/reports/${name}?preset=7d`);
      expect(res.status).toBe(200);
    }
  });

  test('weekly grouping and bad parameters', async () => {
    const res = await owner.api.get(`/api/reports/appointments?${range}&groupBy=week`);
    expect(res.body.series.points.map((p: { bucket: string }) => p.bucket)).toEqual(['2026-03-02', '2026-03-09']);
    const bad = await owner.api.get('/api/reports/revenue?from=2026-03-02');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toContain('to');
    const badGroup = await owner.api.get('/api/reports/revenue?groupBy=hour');
    expect(badGroup.status).toBe(400);
    expect(JSON.stringify(badGroup.body.error.details)).toContain('groupBy');
    expect((await owner.api.get('/api/reports/nope')).status).toBe(400);
  });

  test('exports: CSV, XLSX and PDF carry the same figures', async () => {
    const auth = { Authorization: `Bearer ${owner.token}` };
    const csv = await (await fetch(`${app.baseUrl}/api/reports/revenue?${range}&format=csv`, { headers: auth })).text();
    const netLine = csv.split('\r\n').find((l) => l.startsWith('summary,netRevenueCents,'));
    expect(netLine?.split(',')).toEqual(['summary', 'netRevenueCents', 'Net revenue', 'money', '4000', '4000', '0']);
    const xlsxRes = await fetch(`${app.baseUrl}/api/reports/revenue?${range}&format=xlsx`, { headers: auth });
    expect(xlsxRes.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsxRes.arrayBuffer());
    const summary = wb.getWorksheet('Summary');
    const row = summary?.getRows(1, 20)?.find((r) => r.getCell(1).value === 'Net revenue');
    expect(row?.getCell(2).value).toBe(40);
    const pdf = Buffer.from(await (await fetch(`${app.baseUrl}/api/reports/appointments?${range}&format=pdf`, { headers: auth })).arrayBuffer());
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  });

  test('tenant isolation and roles', async () => {
    const res = await other.api.get(`/api/reports/revenue?${range}`);
    expect(metric(res.body, 'netRevenueCents').value).toBe(0);
    const appts = await other.api.get(`/api/reports/appointments?${range}`);
    expect(metric(appts.body, 'appointments').value).toBe(0);
    const today = await owner.api.get('/api/dashboard/today');
    expect(today.status).toBe(200);
    expect(today.body.timezone).toBe('America/New_York');
  });
});
