import '../helpers/fresh-orm-metadata';
import { User } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, apiClient, signup } from '../helpers/http';

describe('api auth', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  test('signup creates a business and its owner and returns a working token', async () => {
    const owner = await signup(app.baseUrl, { businessName: 'Paws & Claws Grooming' });
    expect(owner.tenant).toMatchObject({ slug: 'paws-claws-grooming', name: 'Paws & Claws Grooming', timezone: 'America/New_York' });
    expect(owner.user).toMatchObject({ role: 'owner', email: owner.email });

    const me = await owner.api.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.tenant.id).toBe(owner.tenant.id);
    expect(me.body.user).toMatchObject({ id: owner.user.id, role: 'owner' });
    expect(JSON.stringify(me.body)).not.toContain('passwordHash');
  });

  test('a second business with the same name gets its own slug', async () => {
    const first = await signup(app.baseUrl, { businessName: 'Same Name Salon' });
    const second = await signup(app.baseUrl, { businessName: 'Same Name Salon' });
    expect(first.tenant.slug).toBe('same-name-salon');
    expect(second.tenant.slug).toBe('same-name-salon-2');
  });

  test('signing up twice with one email is refused with 409 and creates nothing', async () => {
    const owner = await signup(app.baseUrl);
    const before = await app.orm.em.fork().count(User, {}, { filters: false });
    const res = await apiClient(app.baseUrl).post('/api/auth/signup', {
      businessName: 'Copycat',
      email: owner.email.toUpperCase(),
      password: 'Whatever-Passw0rd',
      timezone: 'Europe/Paris',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('EMAIL_TAKEN');
    expect(await app.orm.em.fork().count(User, {}, { filters: false })).toBe(before);
  });

  test('signup refuses a time zone that is not an IANA zone', async () => {
    const res = await apiClient(app.baseUrl).post('/api/auth/signup', {
      businessName: 'Nowhere',
      email: 'tz@example.com',
      password: 'Correct-Horse-Battery-42',
      timezone: 'Mars/Olympus_Mons',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'timezone' })]);
  });

  test('login answers the same shape as signup, and 401 without saying which part was wrong', async () => {
    const owner = await signup(app.baseUrl);
    const client = apiClient(app.baseUrl);
    const ok = await client.post('/api/auth/login', { email: owner.email, password: owner.password });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token: expect.any(String), tenant: { id: owner.tenant.id }, user: { id: owner.user.id } });
    expect(ok.headers.get('set-cookie')).toMatch(/af_session=.*HttpOnly/i);

    const wrongPassword = await client.post('/api/auth/login', { email: owner.email, password: 'not-the-password' });
    const unknownEmail = await client.post('/api/auth/login', { email: 'nobody@example.com', password: owner.password });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  test('the session cookie set at login authenticates too', async () => {
    const owner = await signup(app.baseUrl);
    const login = await apiClient(app.baseUrl).post('/api/auth/login', { email: owner.email, password: owner.password });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const me = await apiClient(app.baseUrl).get('/api/auth/me', { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(owner.user.id);
  });

  test('requests without a valid token get 401', async () => {
    const client = apiClient(app.baseUrl);
    for (const path of ['/api/auth/me', '/api/customers', '/api/services', '/api/appointments']) {
      const res = await client.get(path);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    const forged = await client.get('/api/customers', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' });
    expect(forged.status).toBe(401);
  });

  test('a staff user on an owner-only route gets 403; owner-only writes stay owner/admin', async () => {
    const owner = await signup(app.baseUrl);
    const staff = await addUser(app.baseUrl, owner, 'staff');
    const admin = await addUser(app.baseUrl, owner, 'admin');

    const service = { name: 'Bath', durationMinutes: 30, priceCents: 2500 };
    const byStaff = await staff.api.post('/api/services', service);
    expect(byStaff.status).toBe(403);
    expect(byStaff.body.error.code).toBe('FORBIDDEN');
    const addUserByStaff = await staff.api.post('/api/auth/users', {
      email: 'x@example.com', name: 'X', password: 'Long-enough-1', role: 'staff',
    });
    expect(addUserByStaff.status).toBe(403);

    expect((await admin.api.post('/api/services', service)).status).toBe(201);
    // Staff can read the catalogue and manage customers.
    expect((await staff.api.get('/api/services')).status).toBe(200);
    expect((await staff.api.post('/api/customers', { name: 'Walk-in' })).status).toBe(201);
  });

  test('nobody can create a second owner', async () => {
    const owner = await signup(app.baseUrl);
    const res = await owner.api.post('/api/auth/users', {
      email: 'owner2@example.com', name: 'Owner 2', password: 'Long-enough-1', role: 'owner',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('role');
  });

  test('X-Request-Id is honoured and echoed', async () => {
    const res = await apiClient(app.baseUrl).get('/healthz', { headers: { 'X-Request-Id': 'trace-abc-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
    const generated = await apiClient(app.baseUrl).get('/healthz');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
