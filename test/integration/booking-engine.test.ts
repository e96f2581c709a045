import '../helpers/fresh-orm-metadata';
import { DateTime } from 'luxon';
import { createChargeMembershipPeriod } from '../../activities/billing/charge-membership-period';
import { Appointment, AuditLog, Payment, Vaccination } from '../../db/entities';
import { createLogger } from '../../runtime/logger';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type Loose, type SignedUp, signup } from '../helpers/http';

const ZONE = 'America/New_York';
/** A Monday comfortably ahead, so notice and "now" never get in the way. */
const monday = DateTime.now().setZone(ZONE).plus({ weeks: 3 }).startOf('week');
const day = (offset = 0) => monday.plus({ days: offset }).toISODate() as string;
const at = (offset: number, time: string) => DateTime.fromISO(`${day(offset)}T${time}`, { zone: ZONE }).toUTC().toISO() as string;
const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);

describe('booking engine', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  let ana: string;
  let ben: string;
  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };
  const weekdays = (start: string, end: string) => ({ rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: start, endTime: end })) });
  const customer = async (name: string, extra: Loose = {}) => (await owner.api.post('/api/customers', { name, email: `${name.toLowerCase().replace(/\W/g, '')}-${Math.random().toString(36).slice(2, 7)}@example.com`, ...extra })).body.id as string;
  const putHours = async (staffId: string, body: Loose) =>
    (await fetch(`${app.baseUrl}/api/staff/${staffId}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).status;
  const book = (body: Loose) => apiClient(app.baseUrl).post(`/api/public/${owner.tenant.slug}/bookings`, body);

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: ZONE });
    serviceId = (await owner.api.post('/api/services', { name: 'Bath & brush', durationMinutes: 60, priceCents: 5000, bufferAfterMinutes: 15, slotIntervalMinutes: 30 })).body.id;
    ana = (await owner.api.post('/api/staff', { name: 'Ana', email: 'ana@example.com', serviceIds: [serviceId] })).body.id;
    ben = (await owner.api.post('/api/staff', { name: 'Ben', email: 'ben@example.com', serviceIds: [serviceId], weight: 1 })).body.id;
    for (const id of [ana, ben]) expect(await putHours(id, weekdays('09:00', '17:00'))).toBe(200);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('availability comes from hours, time off, busy blocks, holidays and bookings, with who can take each slot', async () => {
    const res = await owner.api.get(`/api/availability?serviceId=${serviceId}&from=${day(0)}&to=${day(0)}`);
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe(ZONE);
    // 09:00 … 16:00 on a 30-minute grid: 15 starts, both staff free at each.
    expect(res.body.slots).toHaveLength(15);
    expect(res.body.slots[0]).toMatchObject({ startsAt: `${day(0)}T09:00:00${monday.toFormat('ZZ')}` });
    expect(res.body.slots[0].staffIds.sort()).toEqual([ana, ben].sort());

    await owner.api.post('/api/time-off', { staffId: ana, startsAt: at(0, '09:00'), endsAt: at(0, '12:00'), reason: 'Vet visit' });
    await owner.api.post('/api/external-busy', { staffId: ben, startsAt: at(0, '09:00'), endsAt: at(0, '10:00'), source: 'google', externalId: 'evt-1' });
    const after = (await owner.api.get(`/api/availability?serviceId=${serviceId}&from=${day(0)}&to=${day(0)}`)).body.slots as Loose[];
    const nine = after.find((s) => same(s.startsAt, at(0, '09:00')));
    expect(nine).toBeUndefined();
    expect(after.find((s) => same(s.startsAt, at(0, '10:00')))?.staffIds).toEqual([ben]);
    expect(after.find((s) => same(s.startsAt, at(0, '12:00')))?.staffIds.sort()).toEqual([ana, ben].sort());

    await owner.api.post('/api/date-overrides', { date: day(1), closed: true, reason: 'Holiday' });
    expect((await owner.api.get(`/api/availability?serviceId=${serviceId}&from=${day(1)}&to=${day(1)}`)).body.slots).toEqual([]);
    expect((await owner.api.get(`/api/availability?serviceId=${serviceId}&from=${day(1)}&to=${day(1)}&staffId=${ana}`)).body.slots).toEqual([]);

    const bad = await owner.api.get(`/api/availability?serviceId=${serviceId}&from=${day(3)}&to=${day(0)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  test('a public booking takes an offered slot (round robin when no staff is named) and the slot disappears; an unoffered time is 409 with next free slots', async () => {
    const first = await book({ serviceId, startsAt: at(2, '13:00'), customer: { name: 'Cora Web', email: 'cora@example.com' }, sessionId: 'session-abcdef12' });
    expect(first.status).toBe(201);
    expect(first.body.appointment).toMatchObject({ source: 'online', status: 'pending', priceCents: 5000 });
    expect([ana, ben]).toContain(first.body.appointment.staffId);
    const second = await book({ serviceId, startsAt: at(2, '13:00'), customer: { name: 'Dov Web', email: 'dov@example.com' } });
    expect(second.status).toBe(201);
    // Round robin gives the second booking at the same time to the other person.
    expect(second.body.appointment.staffId).not.toBe(first.body.appointment.staffId);

    const slots = (await apiClient(app.baseUrl).get(`/api/public/${owner.tenant.slug}/availability?serviceId=${serviceId}&from=${day(2)}&to=${day(2)}`)).body.slots as Loose[];
    // Both are busy 13:00–14:15 with the clean-up buffer: 13:00, 13:30 and 14:00 are gone.
    for (const time of ['13:00', '13:30', '14:00']) expect(slots.find((s) => same(s.startsAt, at(2, time)))).toBeUndefined();
    expect(slots.find((s) => same(s.startsAt, at(2, '14:30')))).toBeDefined();

    const third = await book({ serviceId, startsAt: at(2, '13:30'), customer: { name: 'Eli Web', email: 'eli@example.com' } });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('SLOT_TAKEN');
    const next = third.body.error.details.filter((d: Loose) => d.code === 'NEXT_FREE_SLOT');
    expect(next.length).toBeGreaterThan(0);
    expect(same(next[0].slot.startsAt, at(2, '14:30'))).toBe(true);

    const offGrid = await book({ serviceId, startsAt: at(2, '09:10'), customer: { name: 'Fay Web', email: 'fay@example.com' } });
    expect(offGrid.status).toBe(409);
    expect(offGrid.body.error.code).toBe('SLOT_UNAVAILABLE');

    // The same email is the same customer.
    const again = await book({ serviceId, startsAt: at(2, '15:00'), customer: { name: 'Cora W.', email: 'CORA@example.com' } });
    expect(again.body.customer).toEqual({ id: first.body.customer.id, created: false });
  });

  test('the front desk books any free time, unassigned services included; outside hours needs an owner override, audit-logged', async () => {
    const cust = await customer('Gil Desk');
    const walkIn = await owner.api.post('/api/appointments', { serviceId, staffId: ana, customerId: cust, startsAt: at(3, '10:07'), source: 'phone' });
    expect(walkIn.status).toBe(201);
    expect(walkIn.body.source).toBe('phone');
    const late = await owner.api.post('/api/appointments', { serviceId, staffId: ana, customerId: cust, startsAt: at(3, '18:00') });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('SLOT_UNAVAILABLE');
    const forced = await owner.api.post('/api/appointments', { serviceId, staffId: ana, customerId: cust, startsAt: at(3, '18:00'), override: true, overrideReason: 'Stays late for a regular' });
    expect(forced.status).toBe(201);
    const audit = await em().findOneOrFail(AuditLog, { entityId: forced.body.id, action: 'appointment.override' });
    expect(audit.reason).toBe('Stays late for a regular');
    expect(audit.changes).toMatchObject({ policiesBypassed: ['availability'] });

    const nobodyOffers = (await owner.api.post('/api/services', { name: 'House call', durationMinutes: 45, priceCents: 9000 })).body.id;
    const request = await owner.api.post('/api/appointments', { serviceId: nobodyOffers, customerId: cust, startsAt: at(3, '11:00') });
    expect(request.status).toBe(201);
    expect(request.body.staffId).toBeNull();
  });

  test('a customer may hold at most maxActiveBookings upcoming bookings (a policy the owner sets)', async () => {
    const set = await owner.api.patch('/api/settings/policies', { maxActiveBookings: 2 });
    expect(set.body).toMatchObject({ maxActiveBookings: 2, cancelWindowHours: 24, rescheduleWindowHours: 2 });
    try {
      const cust = await customer('Hal Busy');
      for (const time of ['09:00', '10:30']) {
        expect((await owner.api.post('/api/appointments', { serviceId, staffId: ben, customerId: cust, startsAt: at(4, time) })).status).toBe(201);
      }
      const third = await owner.api.post('/api/appointments', { serviceId, staffId: ben, customerId: cust, startsAt: at(4, '13:00') });
      expect(third.status).toBe(409);
      expect(third.body.error.code).toBe('BOOKING_LIMIT_REACHED');
      const forced = await owner.api.post('/api/appointments', { serviceId, staffId: ben, customerId: cust, startsAt: at(4, '13:00'), override: true });
      expect(forced.status).toBe(201);
    } finally {
      await owner.api.patch('/api/settings/policies', { maxActiveBookings: 10 });
    }
    expect(await em().count(AuditLog, { action: 'tenant.policies' })).toBe(2);
  });

  test('a vaccination-required service refuses a pet whose vaccine will have expired; staff can override, audit-logged', async () => {
    const groomId = (await owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 60, priceCents: 8000, requiresVaccination: true })).body.id;
    await owner.api.patch(`/api/staff/${ana}`, { serviceIds: [serviceId, groomId] });
    const cust = await customer('Ivy Pet');
    const pet = (await owner.api.post('/api/pets', { customerId: cust, name: 'Rex', species: 'dog' })).body.id;
    await owner.api.post('/api/vaccinations', { petId: pet, name: 'Rabies', administeredOn: '2024-01-01', expiresOn: day(7) });
    await owner.api.post('/api/vaccinations', { petId: pet, name: 'Bordetella', administeredOn: '2024-01-01', expiresOn: day(1) });

    const refused = await owner.api.post('/api/appointments', { serviceId: groomId, staffId: ana, customerId: cust, petId: pet, startsAt: at(7, '09:00') });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('VACCINATION_EXPIRED');
    expect(refused.body.error.message).toMatch(/Bordetella/);
    // Before the expiry it is fine.
    expect((await owner.api.post('/api/appointments', { serviceId: groomId, staffId: ana, customerId: cust, petId: pet, startsAt: at(0, '15:00') })).status).toBe(201);
    const overridden = await owner.api.post('/api/appointments', { serviceId: groomId, staffId: ana, customerId: cust, petId: pet, startsAt: at(7, '09:00'), overrideVaccination: true, overrideReason: 'Record shown at the desk' });
    expect(overridden.status).toBe(201);
    const audit = await em().findOneOrFail(AuditLog, { entityId: overridden.body.id, action: 'appointment.override' });
    expect(audit.changes).toMatchObject({ policiesBypassed: ['vaccinationRequired'] });
    expect(await em().count(Vaccination, { petId: pet })).toBe(2);
  });

  test('group sessions: participants share a session up to capacity, priced per seat with group tiers', async () => {
    const classId = (await owner.api.post('/api/services', { name: 'Puppy class', durationMinutes: 60, priceCents: 3000, capacity: 5, groupPriceTiers: [{ minSeats: 3, perSeatCents: 2500 }] })).body.id;
    const coach = (await owner.api.post('/api/staff', { name: 'Coach Kim', email: 'kim@example.com', serviceIds: [classId] })).body.id;
    expect(await putHours(coach, weekdays('09:00', '12:00'))).toBe(200);
    const party = await book({ serviceId: classId, startsAt: at(0, '10:00'), participants: [{ name: 'Jo' }, { name: 'Jo’s sister' }, { name: 'Jo’s friend' }], customer: { name: 'Jo Class', email: 'jo@example.com' } });
    expect(party.status).toBe(201);
    expect(party.body.appointment).toMatchObject({ seats: 3, priceCents: 7500, listPriceCents: 7500, staffId: coach });
    const slot = (await owner.api.get(`/api/availability?serviceId=${classId}&from=${day(0)}&to=${day(0)}`)).body.slots.find((s: Loose) => same(s.startsAt, at(0, '10:00')));
    expect(slot.seatsLeft).toBe(2);
    const pair = await book({ serviceId: classId, startsAt: at(0, '10:00'), seats: 2, customer: { name: 'Kai Class', email: 'kai@example.com' } });
    expect(pair.status).toBe(201);
    expect(pair.body.appointment.priceCents).toBe(6000);
    const full = await book({ serviceId: classId, startsAt: at(0, '10:00'), customer: { name: 'Lu Class', email: 'lu@example.com' } });
    expect(full.status).toBe(409);
    const seats = await em().find(Appointment, { serviceId: classId, status: { $ne: 'cancelled' } });
    expect(new Set(seats.map((s) => s.sessionKey)).size).toBe(1);
  });

  test('a collective service books a whole team, and every member is busy afterwards', async () => {
    const duoId = (await owner.api.post('/api/services', { name: 'Two-person groom', durationMinutes: 60, priceCents: 12000, staffCount: 2 })).body.id;
    const ids = [ana, ben];
    for (const id of ids) {
      const staff = (await owner.api.get(`/api/staff/${id}`)).body;
      await owner.api.patch(`/api/staff/${id}`, { serviceIds: [...staff.serviceIds, duoId] });
    }
    const booked = await book({ serviceId: duoId, startsAt: at(10, '09:00'), customer: { name: 'Pia Duo', email: 'pia@example.com' } });
    expect(booked.status).toBe(201);
    const team = [booked.body.appointment.staffId, ...booked.body.appointment.teamStaffIds].sort();
    expect(team).toEqual(ids.sort());
    const solo = (await owner.api.get(`/api/availability?serviceId=${serviceId}&from=${day(10)}&to=${day(10)}`)).body.slots as Loose[];
    expect(solo.find((s) => same(s.startsAt, at(10, '09:00')))).toBeUndefined();
    const desk = await owner.api.post('/api/appointments', { serviceId, staffId: booked.body.appointment.teamStaffIds[0], customerId: await customer('Quin Clash'), startsAt: at(10, '09:30') });
    expect(desk.status).toBe(409);
    expect(desk.body.error.code).toBe('SLOT_TAKEN');
  });

  test('package credits pay for a booking and come back on an in-policy cancel; member pricing applies otherwise', async () => {
    const cust = await customer('Max Credits');
    const pkg = (await owner.api.post('/api/packages', { name: 'Five baths', priceCents: 20000, credits: 5, serviceIds: [serviceId], validityDays: 365 })).body.id;
    const sold = await owner.api.post(`/api/packages/${pkg}/sell`, { customerId: cust, collect: { method: 'cash' } });
    expect(sold.status).toBe(201);
    expect(sold.body.payment).toMatchObject({ status: 'paid', kind: 'package', amountCents: 20000 });
    expect(sold.body.payment.receiptNumber).toMatch(/^R-\d{8}-[0-9A-F]{6}$/);

    const booked = await owner.api.post('/api/appointments', { serviceId, staffId: ben, customerId: cust, startsAt: at(8, '09:00') });
    expect(booked.body).toMatchObject({ priceCents: 0, creditsUsed: 1, packagePurchaseId: sold.body.purchase.id });
    const purchases = async () => (await owner.api.get(`/api/package-purchases?customerId=${cust}`)).body.items[0];
    expect((await purchases()).creditsRemaining).toBe(4);
    expect((await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Changed plans' })).status).toBe(200);
    expect((await purchases()).creditsRemaining).toBe(5);

    const plan = (await owner.api.post('/api/membership-plans', { name: 'Club', priceCents: 2900, discountPercent: 20 })).body.id;
    const member = await customer('Nia Member');
    const membership = await owner.api.post('/api/memberships', { planId: plan, customerId: member });
    expect(membership.status).toBe(201);
    expect((await app.temporal.workflow.getHandle(membership.body.workflowId).describe()).status.name).toBe('RUNNING');
    const memberBooking = await owner.api.post('/api/appointments', { serviceId, staffId: ben, customerId: member, startsAt: at(8, '11:00') });
    expect(memberBooking.body).toMatchObject({ priceCents: 4000, listPriceCents: 5000, membershipId: membership.body.id });
    const balance = await owner.api.get(`/api/payments/balance/${member}`);
    expect(balance.body.outstandingCents).toBe(2900);

    // The billing workflow's activity records the next period once it is due, once.
    const charge = createChargeMembershipPeriod({ orm: app.orm, logger: createLogger({ level: 'silent' }), now: () => new Date(Date.now() + 32 * 86_400_000) });
    const input = { tenantId: owner.tenant.id, membershipId: membership.body.id };
    expect(await charge(input)).toMatchObject({ status: 'charged', period: 2 });
    expect(await charge(input)).toMatchObject({ status: 'not_due', period: 3 });
    expect(await em().count(Payment, { membershipId: membership.body.id, kind: 'membership' })).toBe(2);
    await owner.api.post(`/api/memberships/${membership.body.id}/cancel`);
  });

  test('payments: deposits, settling, partial refunds, balance and PDF receipts and invoices', async () => {
    const depositService = (await owner.api.post('/api/services', { name: 'Spa day', durationMinutes: 60, priceCents: 12000, depositCents: 3000 })).body.id;
    await owner.api.patch(`/api/staff/${ben}`, { serviceIds: [serviceId, depositService] });
    const cust = await customer('Olive Pay');
    const booked = await owner.api.post('/api/appointments', { serviceId: depositService, staffId: ben, customerId: cust, startsAt: at(9, '09:00') });
    const deposit = await em().findOneOrFail(Payment, { appointmentId: booked.body.id, kind: 'deposit' });
    expect(deposit).toMatchObject({ status: 'pending', amountCents: 3000 });
    expect((await owner.api.get(`/api/payments/balance/${cust}`)).body.outstandingCents).toBe(3000);
    const settled = await owner.api.post(`/api/payments/${deposit.id}/settle`, { method: 'card' });
    expect(settled.body).toMatchObject({ status: 'paid', method: 'card' });

    await owner.api.post(`/api/appointments/${booked.body.id}/check-in`);
    await owner.api.post(`/api/appointments/${booked.body.id}/complete`);
    expect((await owner.api.get(`/api/payments/balance/${cust}`)).body.outstandingCents).toBe(9000);
    const rest = await owner.api.post('/api/payments', { customerId: cust, appointmentId: booked.body.id, kind: 'service', amountCents: 9000, method: 'cash' }, { headers: { 'Idempotency-Key': `pay-${booked.body.id}` } });
    expect(rest.status).toBe(201);
    expect((await owner.api.get(`/api/payments/balance/${cust}`)).body.outstandingCents).toBe(0);
    const refund = await owner.api.post(`/api/payments/${rest.body.id}/refund`, { amountCents: 1000, reason: 'Nail trim skipped' });
    expect(refund.body).toMatchObject({ status: 'partially_refunded', refundedCents: 1000 });
    expect((await em().findOneOrFail(AuditLog, { entityId: rest.body.id, action: 'payment.refunded' })).reason).toBe('Nail trim skipped');

    const receipt = await fetch(`${app.baseUrl}/api/payments/${rest.body.id}/receipt.pdf`, { headers: { Authorization: `Bearer ${owner.token}` } });
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await receipt.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const invoice = await fetch(`${app.baseUrl}/api/payments/invoices/${booked.body.id}.pdf`, { headers: { Authorization: `Bearer ${owner.token}` } });
    expect(invoice.status).toBe(200);
    expect(Buffer.from(await invoice.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
