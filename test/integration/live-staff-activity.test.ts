import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, type Loose, type SignedUp, signup } from '../helpers/http';

describe('staff activity log', () => {
  let app: TestApp;
  let owner: SignedUp;
  let other: SignedUp;
  let desk: Awaited<ReturnType<typeof addUser>>;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
    other = await signup(app.baseUrl);
    desk = await addUser(app.baseUrl, owner, 'staff');
  });
  afterAll(async () => {
    await app?.close();
  });

  test('bookings, cancels, automation publishes and settings changes are listed with who did them', async () => {
    const serviceId = (await owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 60, priceCents: 6000 })).body.id;
    const staffId = (await owner.api.post('/api/staff', { name: 'Lee', email: 'lee@example.com' })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Dana Activity', email: 'dana.activity@example.com' })).body.id;
    const booked = await desk.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-06-02T14:00:00.000Z' });
    expect(booked.status).toBe(201);
    expect((await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Customer called' })).status).toBe(200);
    const automation = ((await owner.api.get('/api/automations')).body.items as Loose[])[0];
    expect((await owner.api.post(`/api/automations/${automation.id}/publish`)).status).toBe(201);
    expect((await owner.api.patch('/api/settings/policies', { cancelWindowHours: 12 })).status).toBe(200);

    const log = (await owner.api.get('/api/activity?limit=100')).body;
    const mine = (log.items as Loose[]).filter((e) => ['appointment.booked', 'appointment.cancelled', 'automation.published', 'tenant.policies'].includes(e.action) && Date.parse(e.at) > Date.now() - 60_000);
    expect(mine.map((e) => [e.action, e.userName])).toEqual([
      ['tenant.policies', owner.user.name],
      ['automation.published', owner.user.name],
      ['appointment.cancelled', owner.user.name],
      ['appointment.booked', desk.user.name],
    ]);
    expect(mine[0].summary).toBe('changed the business policies');
    expect(mine[1].summary).toMatch(new RegExp(`^published an automation — ${automation.name} v\\d+$`));
    expect(mine[2]).toMatchObject({ summary: 'cancelled an appointment — Dana Activity', entityId: booked.body.id, reason: 'Customer called' });
    expect(mine[3]).toMatchObject({ summary: 'booked an appointment — Dana Activity', userId: desk.user.id });

    // Filters: by person and by kind; pages follow each other without gaps.
    const byDesk = (await owner.api.get(`/api/activity?userId=${desk.user.id}`)).body;
    expect(byDesk.items.map((e: Loose) => e.action)).toEqual(['appointment.booked']);
    const bookings = (await owner.api.get('/api/activity?kind=bookings')).body;
    expect(bookings.items.map((e: Loose) => e.action)).toEqual(['appointment.cancelled', 'appointment.booked']);
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await owner.api.get(`/api/activity?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      ids.push(...page.items.map((e: Loose) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(log.items.map((e: Loose) => e.id));
    expect(log.total).toBe(ids.length);
  });

  test('staff see only their own actions, and another business sees none', async () => {
    const asStaff = (await desk.api.get(`/api/activity?userId=${owner.user.id}`)).body;
    expect(asStaff.items.length).toBeGreaterThan(0);
    expect(asStaff.items.every((e: Loose) => e.userId === desk.user.id)).toBe(true);
    const theirs = (await other.api.get('/api/activity?limit=100')).body.items as Loose[];
    expect(theirs.every((e) => e.userId === other.user.id)).toBe(true);
    expect(theirs.some((e) => e.entityLabel === 'Dana Activity')).toBe(false);
  });

  test('bad filters are refused naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['kind=everything', 'kind'],
      ['userId=bob', 'userId'],
      ['from=yesterday', 'from'],
      ['from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z', 'to'],
      ['limit=1000', 'limit'],
      ['cursor=%25%25', 'cursor'],
      ['sort=asc', 'sort'],
    ];
    for (const [query, field] of cases) {
      const res = await owner.api.get(`/api/activity?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.error.details.map((d: Loose) => d.path)).toContain(field);
    }
  });
});
