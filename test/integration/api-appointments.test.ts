import '../helpers/fresh-orm-metadata';
import { Appointment, AuditLog, IdempotencyKey } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, type SignedUp, signup } from '../helpers/http';

describe('api appointments', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  let staffId: string;
  let otherStaffId: string;
  let customerId: string;

  /** Distinct hours far in the future, so tests never collide with each other's bookings. */
  let hour = 0;
  const nextSlot = () => new Date(Date.UTC(2031, 0, 6, 0, 0) + hour++ * 6 * 3_600_000).toISOString();

  const countAppointments = () => {
    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return em.count(Appointment, {});
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
    serviceId = (await owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 90, priceCents: 6500 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Alex Groomer', email: 'alex@example.com' })).body.id;
    otherStaffId = (await owner.api.post('/api/staff', { name: 'Sam Groomer', email: 'sam@example.com' })).body.id;
    customerId = (await owner.api.post('/api/customers', { name: 'Dana Doe', email: 'dana@example.com' })).body.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  test('booking stores the appointment and starts appointment:<tenant>:<id> in Temporal', async () => {
    const startsAt = nextSlot();
    const res = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt, notes: 'Nervous dog' });
    expect(res.status).toBe(201);
    const body = res.body;
    expect(body).toMatchObject({
      status: 'pending',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 90 * 60_000).toISOString(),
      priceCents: 6500,
      staffId,
      customerId,
      workflowId: `appointment:${owner.tenant.id}:${body.id}`,
    });

    const description = await app.temporal.workflow.getHandle(body.workflowId).describe();
    expect(description.workflowId).toBe(body.workflowId);
    expect(description.type).toBe('appointmentWorkflow');
    expect(description.taskQueue).toBe(app.config.TEMPORAL_TASK_QUEUE);
    expect(description.status.name).toBe('RUNNING');

    const fetched = await owner.api.get(`/api/appointments/${body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(body);
  });

  test('the same Idempotency-Key twice creates one appointment and replays the answer', async () => {
    const before = await countAppointments();
    const input = { serviceId, staffId, customerId, startsAt: nextSlot() };
    const headers = { 'Idempotency-Key': `book-${Date.now()}` };
    const first = await owner.api.post('/api/appointments', input, { headers });
    const second = await owner.api.post('/api/appointments', { ...input }, { headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await countAppointments()).toBe(before + 1);
  });

  test('reusing an Idempotency-Key for a different body is refused and writes nothing', async () => {
    const headers = { 'Idempotency-Key': `reuse-${Date.now()}` };
    const first = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: nextSlot() }, { headers });
    expect(first.status).toBe(201);
    const before = await countAppointments();
    const other = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: nextSlot() }, { headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countAppointments()).toBe(before);
  });

  test('concurrent requests with one Idempotency-Key create exactly one appointment', async () => {
    const before = await countAppointments();
    const input = { serviceId, staffId: otherStaffId, customerId, startsAt: nextSlot() };
    const headers = { 'Idempotency-Key': `race-${Date.now()}` };
    const answers = await Promise.all([1, 2, 3].map(() => owner.api.post('/api/appointments', input, { headers })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await countAppointments()).toBe(before + 1);
    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    expect(await em.count(IdempotencyKey, { key: headers['Idempotency-Key'] })).toBe(1);
  });

  test('two concurrent overlapping bookings for one staff member: one 201, one 409 SLOT_TAKEN', async () => {
    const before = await countAppointments();
    const startsAt = nextSlot();
    const overlapping = new Date(Date.parse(startsAt) + 30 * 60_000).toISOString();
    const [a, b] = await Promise.all([
      owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt }),
      owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: overlapping }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('SLOT_TAKEN');
    expect(loser.body.error.message).toMatch(/Alex Groomer is already booked/);
    expect(loser.body.error.details[0].path).toBe('startsAt');
    expect(await countAppointments()).toBe(before + 1);

    // Another staff member is free at the same time, and back-to-back bookings fit.
    expect((await owner.api.post('/api/appointments', { serviceId, staffId: otherStaffId, customerId, startsAt })).status).toBe(201);
    const winner = a.status === 201 ? a : b;
    const backToBack = winner.body.endsAt;
    expect((await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: backToBack })).status).toBe(201);
  });

  test('cancelling frees the slot, records why, and signals the workflow', async () => {
    const startsAt = nextSlot();
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt });
    const cancelled = await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Dog is sick' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Dog is sick', cancelledAt: expect.any(String) });

    const again = await owner.api.post(`/api/appointments/${booked.body.id}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body.cancelledAt).toBe(cancelled.body.cancelledAt);

    const rebooked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt });
    expect(rebooked.status).toBe(201);

    const handle = app.temporal.workflow.getHandle(booked.body.workflowId);
    const history = await handle.fetchHistory();
    const signals = (history.events ?? [])
      .filter((e) => e.workflowExecutionSignaledEventAttributes)
      .map((e) => e.workflowExecutionSignaledEventAttributes?.signalName);
    expect(signals).toEqual(['appointmentEvent', 'appointmentEvent']);
  });

  test('override is for owners and admins only, and is audit-logged', async () => {
    const staff = await addUser(app.baseUrl, owner, 'staff');
    const input = { serviceId, staffId, customerId, startsAt: nextSlot(), override: true };
    const byStaff = await staff.api.post('/api/appointments', input);
    expect(byStaff.status).toBe(403);

    const byOwner = await owner.api.post('/api/appointments', input);
    expect(byOwner.status).toBe(201);
    expect(byOwner.body.overridden).toBe(true);
    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    const audit = await em.findOne(AuditLog, { entityId: byOwner.body.id, action: 'appointment.override' });
    expect(audit?.userId).toBe(owner.user.id);

    // Staff can still book without override.
    expect((await staff.api.post('/api/appointments', { ...input, override: undefined, startsAt: nextSlot() })).status).toBe(201);
  });

  test('referencing a missing service, staff member or customer is a 400 naming the field', async () => {
    const before = await countAppointments();
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await owner.api.post('/api/appointments', { serviceId: missing, staffId: missing, customerId, startsAt: nextSlot() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_REFERENCE');
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['serviceId', 'staffId']);
    expect(await countAppointments()).toBe(before);
  });

  test('lists filter by staff, customer, status and time window, ordered by start', async () => {
    const res = await owner.api.get(`/api/appointments?staffId=${staffId}&status=pending&limit=2`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.total).toBeGreaterThan(2);
    expect(res.body.items.every((a: { staffId: string }) => a.staffId === staffId)).toBe(true);
    expect(Date.parse(res.body.items[0].startsAt)).toBeLessThan(Date.parse(res.body.items[1].startsAt));

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.api.get(`/api/appointments?staffId=${staffId}&status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.body.items.map((a: { id: string }) => a.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(res.body.total);
    expect(new Set(seen).size).toBe(seen.length);

    const window = await owner.api.get(`/api/appointments?from=2031-01-06T00:00:00Z&to=2031-01-06T03:00:00Z`);
    expect(window.body.items.every((a: { startsAt: string }) => a.startsAt < '2031-01-06T03:00:00.000Z')).toBe(true);
  });
});
