import '../helpers/fresh-orm-metadata';
import { decodeArrayFromPayloads } from '@temporalio/common/lib/internal-non-workflow';
import { AuditLog, Customer } from '../../db/entities';
import type { AppointmentEvent } from '../../workflows/appointment-contract';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, type SignedUp, signup } from '../helpers/http';

describe('appointment lifecycle api', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  let staffId: string;
  let customerId: string;
  let hour = 0;
  /** Distinct far-future slots, so the tests never overlap each other. */
  const nextSlot = () => new Date(Date.UTC(2032, 1, 2, 0, 0) + hour++ * 4 * 3_600_000).toISOString();

  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };

  /** The events the appointment's workflow received, read from its history (no worker needed). */
  async function signalled(workflowId: string): Promise<AppointmentEvent[]> {
    const history = await app.temporal.workflow.getHandle(workflowId).fetchHistory();
    const events: AppointmentEvent[] = [];
    for (const event of history.events ?? []) {
      const signal = event.workflowExecutionSignaledEventAttributes;
      if (!signal) continue;
      const [payload] = await decodeArrayFromPayloads(app.temporal.options.loadedDataConverter, signal.input?.payloads);
      events.push(payload as AppointmentEvent);
    }
    return events;
  }

  const book = async (extra: Record<string, unknown> = {}) => {
    const res = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: nextSlot(), ...extra });
    if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
    serviceId = (await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 50, priceCents: 3000 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Robin', email: 'robin@example.com' })).body.id;
    customerId = (await owner.api.post('/api/customers', { name: 'Noor Haddad', email: 'noor@example.com' })).body.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  test('confirm → check in → complete, each signalled to the workflow; repeating a step changes nothing', async () => {
    const appointment = await book();
    const confirmed = await owner.api.post(`/api/appointments/${appointment.id}/confirm`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect((await owner.api.post(`/api/appointments/${appointment.id}/confirm`)).body.status).toBe('confirmed');

    const staff = await addUser(app.baseUrl, owner, 'staff');
    const checkedIn = await staff.api.post(`/api/appointments/${appointment.id}/check-in`);
    expect(checkedIn.body).toMatchObject({ status: 'checked_in', arrivedAt: expect.any(String) });
    const completed = await staff.api.post(`/api/appointments/${appointment.id}/complete`);
    expect(completed.body).toMatchObject({ status: 'completed', completedAt: expect.any(String) });

    const customer = await em().findOneOrFail(Customer, { id: customerId });
    expect(customer.visitCount).toBe(1);
    expect(customer.lastVisitAt).toBeInstanceOf(Date);
    expect((await signalled(appointment.workflowId)).map((e) => e.type)).toEqual([
      'appointment.booked',
      'appointment.confirmed',
      'appointment.checked_in',
      'appointment.completed',
    ]);
    const audit = await em().find(AuditLog, { entityId: appointment.id }, { orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['appointment.confirmed', 'appointment.checked_in', 'appointment.completed']);
  });

  test('illegal transitions are refused with INVALID_TRANSITION naming from and to, and change nothing', async () => {
    const appointment = await book();
    await owner.api.post(`/api/appointments/${appointment.id}/check-in`);
    const noShow = await owner.api.post(`/api/appointments/${appointment.id}/no-show`);
    expect(noShow.status).toBe(409);
    expect(noShow.body.error.code).toBe('INVALID_TRANSITION');
    expect(noShow.body.error.message).toBe('The appointment is checked-in and cannot become no-show');
    expect(noShow.body.error.details).toEqual([expect.objectContaining({ message: 'checked_in → no_show is not allowed' })]);

    const missed = await book();
    expect((await owner.api.post(`/api/appointments/${missed.id}/no-show`)).body.status).toBe('no_show');
    for (const action of ['confirm', 'check-in', 'complete', 'cancel']) {
      const res = await owner.api.post(`/api/appointments/${missed.id}/${action}`);
      expect([action, res.status, res.body.error?.code]).toEqual([action, 409, 'INVALID_TRANSITION']);
    }
    expect((await owner.api.patch(`/api/appointments/${missed.id}`, { startsAt: nextSlot() })).status).toBe(409);
    expect((await owner.api.get(`/api/appointments/${missed.id}`)).body.status).toBe('no_show');
    expect((await em().findOneOrFail(Customer, { id: customerId })).noShowCount).toBe(1);
    expect((await signalled(missed.workflowId)).map((e) => e.type)).toEqual(['appointment.booked', 'appointment.no_show']);
  });

  test('reschedule moves the appointment, keeps its length and signals the new times; an overlap is SLOT_TAKEN', async () => {
    const appointment = await book();
    const other = await book();
    const startsAt = nextSlot();
    const moved = await owner.api.patch(`/api/appointments/${appointment.id}`, { startsAt });
    expect(moved.status).toBe(200);
    const endsAt = new Date(Date.parse(startsAt) + 50 * 60_000).toISOString();
    expect(moved.body).toMatchObject({ startsAt, endsAt, staffId });
    const events = await signalled(appointment.workflowId);
    expect(events[events.length - 1]).toMatchObject({ type: 'appointment.rescheduled', data: { startsAt, endsAt } });

    const clash = await owner.api.patch(`/api/appointments/${other.id}`, { startsAt: new Date(Date.parse(startsAt) + 20 * 60_000).toISOString() });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('SLOT_TAKEN');
    expect((await owner.api.get(`/api/appointments/${other.id}`)).body.startsAt).toBe(other.startsAt);

    const unknownStaff = await owner.api.patch(`/api/appointments/${other.id}`, { startsAt: nextSlot(), staffId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownStaff.status).toBe(400);
  });

  test('booking is refused below the reputation threshold; an owner can override, audit-logged; staff cannot', async () => {
    const risky = (await owner.api.post('/api/customers', { name: 'Max Late', email: 'max@example.com' })).body.id;
    const fork = em();
    const row = await fork.findOneOrFail(Customer, { id: risky });
    row.reputationScore = 20;
    row.noShowCount = 4;
    await fork.flush();

    const refused = await owner.api.post('/api/appointments', { serviceId, staffId, customerId: risky, startsAt: nextSlot() });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('REPUTATION_TOO_LOW');
    expect(refused.body.error.message).toMatch(/reputation score is 20, below .* threshold of 30/);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'customerId', code: 'REPUTATION_TOO_LOW' })]);

    const staff = await addUser(app.baseUrl, owner, 'staff');
    expect((await staff.api.post('/api/appointments', { serviceId, staffId, customerId: risky, startsAt: nextSlot() })).body.error.code).toBe('REPUTATION_TOO_LOW');
    expect((await staff.api.post('/api/appointments', { serviceId, staffId, customerId: risky, startsAt: nextSlot(), override: true })).status).toBe(403);

    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId: risky, startsAt: nextSlot(), override: true, notes: 'Paid a deposit' });
    expect(booked.status).toBe(201);
    expect(booked.body.overridden).toBe(true);
    const audit = await em().findOneOrFail(AuditLog, { entityId: booked.body.id, action: 'appointment.override' });
    expect(audit).toMatchObject({ userId: owner.user.id, reason: 'Paid a deposit' });
    expect(audit.changes).toMatchObject({ policiesBypassed: ['reputationThreshold'], reputationScore: 20, reputationThreshold: 30 });
  });
});
