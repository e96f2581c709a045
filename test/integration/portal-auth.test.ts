import '../helpers/fresh-orm-metadata';
import { Message, PortalLoginLink } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type SignedUp, signup } from '../helpers/http';

describe('portal magic-link sign-in and isolation', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };
  const anon = () => apiClient(app.baseUrl);

  /** Asks for a link and reads it from the outbox, as the customer would from their inbox. */
  async function requestLink(email: string): Promise<string> {
    const before = await em().count(Message, { to: email });
    const res = await anon().post('/api/portal/login', { slug: owner.tenant.slug, email });
    expect(res.status).toBe(202);
    const messages = await em().find(Message, { to: email }, { orderBy: { createdAt: 'desc' } });
    expect(messages.length).toBe(before + 1);
    const token = /\/portal\/login\?token=([A-Za-z0-9_-]+)/.exec(messages[0]?.body ?? '')?.[1];
    if (!token) throw new Error(`no link in ${messages[0]?.body}`);
    return token;
  }
  async function signIn(email: string) {
    const session = await anon().post('/api/portal/session', { token: await requestLink(email) });
    expect(session.status).toBe(201);
    expect(session.headers.get('set-cookie')).toMatch(/af_portal=.*HttpOnly/i);
    return apiClient(app.baseUrl, session.body.token);
  }

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
    serviceId = (await owner.api.post('/api/services', { name: 'Wash', durationMinutes: 30, priceCents: 2500 })).body.id;
    for (const [name, email] of [['Amy Own', 'amy@example.com'], ['Bob Other', 'bob@example.com']]) {
      await owner.api.post('/api/customers', { name, email, emailOptIn: true });
    }
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a link signs the customer in once; reusing it is refused', async () => {
    const token = await requestLink('amy@example.com');
    const first = await anon().post('/api/portal/session', { token });
    expect(first.status).toBe(201);
    const me = await apiClient(app.baseUrl, first.body.token).get('/api/portal/me');
    expect(me.body.customer).toMatchObject({ name: 'Amy Own', email: 'amy@example.com' });

    const reused = await anon().post('/api/portal/session', { token });
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('LOGIN_LINK_INVALID');
  });

  test('two clicks on one link at once get one session', async () => {
    const token = await requestLink('amy@example.com');
    const both = await Promise.all([anon().post('/api/portal/session', { token }), anon().post('/api/portal/session', { token })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 401]);
  });

  test('an expired link is refused', async () => {
    const token = await requestLink('amy@example.com');
    await em().nativeUpdate(PortalLoginLink, { usedAt: null }, { expiresAt: new Date(Date.now() - 1000) });
    const res = await anon().post('/api/portal/session', { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('LOGIN_LINK_INVALID');
  });

  test('an unknown address gets the same answer and no email; too many requests for one address are rate-limited', async () => {
    const unknown = await anon().post('/api/portal/login', { slug: owner.tenant.slug, email: 'nobody@example.com' });
    expect(unknown.status).toBe(202);
    expect(await em().count(Message, { to: 'nobody@example.com' })).toBe(0);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await anon().post('/api/portal/login', { slug: owner.tenant.slug, email: 'bob@example.com' })).status);
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses[5]).toBe(429);
  });

  test('a customer cannot read or change another customer’s booking (404), and the two kinds of session never mix', async () => {
    const amy = await signIn('amy@example.com');
    const bobId = (await owner.api.get('/api/customers?email=bob@example.com')).body.items[0].id;
    const bobs = await owner.api.post('/api/appointments', { serviceId, customerId: bobId, startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    expect(bobs.status).toBe(201);

    expect((await amy.get(`/api/portal/appointments/${bobs.body.id}`)).status).toBe(404);
    expect((await amy.post(`/api/portal/appointments/${bobs.body.id}/cancel`, {})).status).toBe(404);
    expect((await amy.patch(`/api/portal/appointments/${bobs.body.id}`, { startsAt: new Date(Date.now() + 11 * 86_400_000).toISOString() })).status).toBe(404);
    expect((await amy.get(`/api/portal/appointments/${bobs.body.id}/ics`)).status).toBe(404);
    expect((await amy.post(`/api/portal/appointments/${bobs.body.id}/rebook`, { startsAt: new Date(Date.now() + 12 * 86_400_000).toISOString() })).status).toBe(404);
    expect((await amy.get('/api/portal/appointments?scope=upcoming')).body.items).toEqual([]);
    expect((await owner.api.get(`/api/appointments/${bobs.body.id}`)).body.status).toBe('pending');

    // A portal token is not a staff token, and a staff token is not a portal session.
    expect((await amy.get('/api/customers')).status).toBe(401);
    expect((await owner.api.get('/api/portal/me')).status).toBe(401);
  });

  test('signing out ends the session', async () => {
    const amy = await signIn('amy@example.com');
    expect((await amy.post('/api/portal/logout')).status).toBe(204);
    expect((await amy.get('/api/portal/me')).status).toBe(401);
  });
});
