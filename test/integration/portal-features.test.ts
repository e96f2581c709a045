import '../helpers/fresh-orm-metadata';
import { DateTime } from 'luxon';
import { AuditLog, Customer, Message } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type ApiClient, type Loose, type SignedUp, signup } from '../helpers/http';

const ZONE = 'America/Chicago';
/** Whole half hours, so times land on the 30-minute grid. */
const inHours = (hours: number) => {
  const t = DateTime.now().setZone(ZONE).plus({ hours }).startOf('hour');
  return t.toUTC().toISO() as string;
};

describe('customer portal', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  let staffId: string;
  let customerId: string;
  let portal: ApiClient;
  let portalToken: string;
  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: ZONE });
    serviceId = (await owner.api.post('/api/services', { name: 'Nail trim', durationMinutes: 30, priceCents: 1500, slotIntervalMinutes: 30 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Pat', email: 'pat@example.com', serviceIds: [serviceId] })).body.id;
    const hours = { rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '00:00', endTime: '24:00' })) };
    await fetch(`${app.baseUrl}/api/staff/${staffId}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(hours) });
    customerId = (await owner.api.post('/api/customers', { name: 'Quinn Portal', email: 'quinn@example.com', emailOptIn: true })).body.id;
    await apiClient(app.baseUrl).post('/api/portal/login', { slug: owner.tenant.slug, email: 'quinn@example.com' });
    const message = await em().findOneOrFail(Message, { to: 'quinn@example.com' });
    const token = /token=([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    const session = await apiClient(app.baseUrl).post('/api/portal/session', { token });
    portalToken = session.body.token;
    portal = apiClient(app.baseUrl, portalToken);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('cancel and reschedule follow the policy windows, with the rule explained; staff may override, audit-logged', async () => {
    const soon = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: inHours(5) });
    const listed = (await portal.get(`/api/portal/appointments/${soon.body.id}`)).body;
    expect(listed).toMatchObject({ serviceName: 'Nail trim', staffName: 'Pat', canCancel: false, canReschedule: true });
    expect(listed.policyNote).toMatch(/24 hours before the start/);

    const refused = await portal.post(`/api/portal/appointments/${soon.body.id}/cancel`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CANCEL_WINDOW_CLOSED');
    expect(refused.body.error.message).toMatch(/cancelled online up to 24 hours before the start.*Please call/);

    const moved = await portal.patch(`/api/portal/appointments/${soon.body.id}`, { startsAt: inHours(30) });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ sequence: 1, canCancel: true });

    const imminent = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: inHours(1) });
    const late = await portal.patch(`/api/portal/appointments/${imminent.body.id}`, { startsAt: inHours(40) });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('RESCHEDULE_WINDOW_CLOSED');
    expect(late.body.error.message).toMatch(/2 hours before the start/);

    const byStaff = await owner.api.post(`/api/appointments/${imminent.body.id}/cancel`, { reason: 'Customer called, dog unwell' });
    expect(byStaff.status).toBe(200);
    const audit = await em().findOneOrFail(AuditLog, { entityId: imminent.body.id, action: 'appointment.policy_override' });
    expect(audit).toMatchObject({ userId: owner.user.id, reason: 'Customer called, dog unwell' });
    expect(audit.changes).toMatchObject({ policy: 'cancelWindowHours', windowHours: 24 });

    const cancelled = await portal.post(`/api/portal/appointments/${moved.body.id}/cancel`, { reason: 'Away that day' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', canCancel: false, sequence: 2 });
  });

  test('books an offered slot, rebooks in one click, and lists upcoming and past visits with stats', async () => {
    const slots = (await portal.get(`/api/portal/availability?serviceId=${serviceId}&from=${inHours(48)}&to=${inHours(60)}`)).body.slots as Loose[];
    const booked = await portal.post('/api/portal/bookings', { serviceId, startsAt: slots[0].startsAt });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ source: 'portal', staffId, customerId });

    const options = (await portal.get(`/api/portal/appointments/${booked.body.id}/rebook-slots`)).body.slots as Loose[];
    const free = options.find((s) => Date.parse(s.startsAt) > Date.parse(booked.body.endsAt) + 7 * 86_400_000) ?? options[options.length - 1];
    const rebooked = await portal.post(`/api/portal/appointments/${booked.body.id}/rebook`, { startsAt: free.startsAt });
    expect(rebooked.status).toBe(201);
    expect(rebooked.body).toMatchObject({ serviceId, staffId, source: 'portal' });

    const upcoming = (await portal.get('/api/portal/appointments?scope=upcoming')).body.items as Loose[];
    expect(upcoming.map((a) => a.id)).toEqual(expect.arrayContaining([booked.body.id, rebooked.body.id]));
    const past = (await portal.get('/api/portal/appointments?scope=past')).body.items as Loose[];
    expect(past.every((a) => a.status === 'cancelled' || Date.parse(a.endsAt) <= Date.now())).toBe(true);
    const stats = (await portal.get('/api/portal/stats')).body;
    expect(stats).toMatchObject({ visits: 0, cancelled: 2 });
    expect(stats.upcoming).toBeGreaterThanOrEqual(2);
  });

  test('reviews only completed visits, once; payments come with receipts and the balance', async () => {
    const visit = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: inHours(-3) });
    expect((await portal.post(`/api/portal/appointments/${visit.body.id}/review`, { rating: 5 })).status).toBe(409);
    await owner.api.post(`/api/appointments/${visit.body.id}/check-in`);
    await owner.api.post(`/api/appointments/${visit.body.id}/complete`);
    const review = await portal.post(`/api/portal/appointments/${visit.body.id}/review`, { rating: 5, comment: 'Gentle and quick' });
    expect(review.status).toBe(201);
    expect((await portal.post(`/api/portal/appointments/${visit.body.id}/review`, { rating: 1 })).status).toBe(409);
    await owner.api.patch(`/api/reviews/${review.body.id}`, { published: true });
    expect((await apiClient(app.baseUrl).get(`/api/public/${owner.tenant.slug}/reviews`)).body.items).toEqual([expect.objectContaining({ rating: 5, comment: 'Gentle and quick' })]);

    let payments = (await portal.get('/api/portal/payments')).body;
    expect(payments.balance.outstandingCents).toBe(1500);
    await owner.api.post('/api/payments', { customerId, appointmentId: visit.body.id, kind: 'service', amountCents: 1500, method: 'card' });
    payments = (await portal.get('/api/portal/payments')).body;
    expect(payments.balance.outstandingCents).toBe(0);
    const receiptUrl = payments.items[0].receiptUrl as string;
    const receipt = await fetch(receiptUrl, { headers: { Authorization: `Bearer ${portalToken}` } });
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect((await portal.get('/api/portal/stats')).body).toMatchObject({ visits: 1, spentCents: 1500 });
  });

  test('preferences, pets with an uploaded vaccination record, the waitlist, GDPR export and a deletion request', async () => {
    const prefs = await portal.patch('/api/portal/preferences', { channelPreferences: ['email'], preferredStaffId: staffId, marketingOptIn: true, notificationsEnabled: false });
    expect(prefs.body).toMatchObject({ channelPreferences: ['email'], preferredStaffId: staffId, marketingOptIn: true, notificationsEnabled: false });
    expect(await em().count(AuditLog, { entityId: customerId, action: 'customer.preferences' })).toBe(1);

    const pet = (await portal.post('/api/portal/pets', { name: 'Mochi', species: 'cat' })).body;
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('%PDF-1.4\n% vaccination record\n')], { type: 'application/pdf' }), 'rabies.pdf');
    form.set('name', 'Rabies');
    form.set('expiresOn', DateTime.now().plus({ years: 1 }).toISODate() as string);
    const upload = await fetch(`${app.baseUrl}/api/portal/pets/${pet.id}/documents`, { method: 'POST', headers: { Authorization: `Bearer ${portalToken}` }, body: form });
    expect(upload.status).toBe(201);
    const uploaded = (await upload.json()) as Loose;
    expect(uploaded.document).toMatchObject({ filename: 'rabies.pdf', status: 'pending_review', uploadedBy: 'customer' });
    expect((await portal.get('/api/portal/pets')).body.items[0].vaccinations).toEqual([expect.objectContaining({ name: 'Rabies' })]);
    const fake = new FormData();
    fake.set('file', new Blob([Buffer.from('MZ not a pdf')], { type: 'application/pdf' }), 'virus.pdf');
    expect((await fetch(`${app.baseUrl}/api/portal/pets/${pet.id}/documents`, { method: 'POST', headers: { Authorization: `Bearer ${portalToken}` }, body: fake })).status).toBe(415);
    const file = await fetch(`${app.baseUrl}/api/portal/documents/${uploaded.document.id}/file`, { headers: { Authorization: `Bearer ${portalToken}` } });
    expect(await file.text()).toMatch(/^%PDF-1.4/);

    const joined = await portal.post('/api/portal/waitlist', { serviceId, fromDate: DateTime.now().toISODate(), toDate: DateTime.now().plus({ days: 14 }).toISODate() });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ position: 1, status: 'waiting' });

    const exported = await portal.get('/api/portal/export');
    expect(exported.body.customer).toMatchObject({ name: 'Quinn Portal', email: 'quinn@example.com' });
    expect(exported.body.appointments.length).toBeGreaterThan(2);
    expect(exported.body.pets).toEqual([expect.objectContaining({ name: 'Mochi' })]);
    expect(exported.body.documents).toEqual([expect.objectContaining({ filename: 'rabies.pdf' })]);
    expect(exported.body.messages.length).toBeGreaterThan(0);
    expect(JSON.stringify(exported.body)).not.toMatch(/tokenHash|feedToken/);

    const deletion = await portal.post('/api/portal/delete-request', { reason: 'Moving away' });
    expect(deletion.status).toBe(202);
    expect((await em().findOneOrFail(Customer, { id: customerId })).deletionRequestedAt).toBeInstanceOf(Date);
    expect(await em().count(AuditLog, { entityId: customerId, action: 'customer.deletion_requested' })).toBe(1);
  });
});
