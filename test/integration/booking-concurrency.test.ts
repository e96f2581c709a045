import '../helpers/fresh-orm-metadata';
import { DateTime } from 'luxon';
import { Appointment, Customer, IdempotencyKey, Payment } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type Loose, type SignedUp, signup } from '../helpers/http';

const ZONE = 'Europe/London';
const day = DateTime.now().setZone(ZONE).plus({ weeks: 2 }).startOf('week').plus({ days: 1 });
const slotAt = DateTime.fromISO(`${day.toISODate()}T10:00`, { zone: ZONE }).toUTC().toISO() as string;

/** Every appointment workflow of the tenant Temporal knows about (visibility is eventually consistent). */
async function workflowIdsOf(app: TestApp, tenantId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of app.temporal.workflow.list({ query: `WorkflowType = 'appointmentWorkflow'` })) {
    if (execution.workflowId.startsWith(`appointment:${tenantId}:`)) ids.push(execution.workflowId);
  }
  return ids;
}

describe('booking under contention', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  let staffId: string;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: ZONE });
    serviceId = (await owner.api.post('/api/services', { name: 'Consultation', durationMinutes: 30, priceCents: 4000, depositCents: 1000, slotIntervalMinutes: 30 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Dr Ada', email: 'ada@example.com', serviceIds: [serviceId] })).body.id;
    const hours = { rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })) };
    const put = await fetch(`${app.baseUrl}/api/staff/${staffId}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(hours) });
    expect(put.status).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('50 concurrent requests for one slot: one appointment, 49 × 409 with the next free slots, no orphan rows or workflows', async () => {
    const publicApi = apiClient(app.baseUrl);
    const requests = Array.from({ length: 50 }, (_, i) =>
      publicApi.post(
        `/api/public/${owner.tenant.slug}/bookings`,
        { serviceId, staffId, startsAt: slotAt, customer: { name: `Racer ${i}`, email: `racer${i}@example.com` } },
        { headers: { 'Idempotency-Key': `race-${i}` } },
      ),
    );
    const answers = await Promise.all(requests);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const lost of answers.filter((a) => a.status === 409)) {
      expect(lost.body.error.code).toBe('SLOT_TAKEN');
      const next = lost.body.error.details.filter((d: Loose) => d.code === 'NEXT_FREE_SLOT');
      expect(next.length).toBeGreaterThan(0);
      expect(Date.parse(next[0].slot.startsAt)).toBeGreaterThan(Date.parse(slotAt));
    }
    const winner = answers.find((a) => a.status === 201)?.body.appointment as Loose;

    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    const rows = await em.find(Appointment, {});
    expect(rows.map((r) => r.id)).toEqual([winner.id]);
    // Only the winner's deposit charge and idempotency key were kept: the losers' transactions rolled back whole.
    expect(await em.count(Payment, {})).toBe(1);
    expect((await em.find(Customer, {})).map((c) => c.id)).toEqual([winner.customerId]);
    expect((await em.find(IdempotencyKey, {})).map((k) => k.key)).toEqual([answers.findIndex((a) => a.status === 201)].map((i) => `race-${i}`));

    expect((await app.temporal.workflow.getHandle(winner.workflowId).describe()).status.name).toBe('RUNNING');
    let workflows: string[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      workflows = await workflowIdsOf(app, owner.tenant.id);
      if (workflows.length >= 1) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(workflows).toEqual([winner.workflowId]);
  }, 180_000);

  test('retrying the winner with its Idempotency-Key replays the booking instead of losing to itself', async () => {
    const body = { serviceId, staffId, startsAt: DateTime.fromISO(`${day.toISODate()}T15:00`, { zone: ZONE }).toUTC().toISO(), customer: { name: 'Retry', email: 'retry@example.com' } };
    const headers = { 'Idempotency-Key': 'retry-once' };
    const first = await apiClient(app.baseUrl).post(`/api/public/${owner.tenant.slug}/bookings`, body, { headers });
    const again = await apiClient(app.baseUrl).post(`/api/public/${owner.tenant.slug}/bookings`, body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.appointment.id).toBe(first.body.appointment.id);
  });
});
