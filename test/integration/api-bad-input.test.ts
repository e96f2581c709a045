import '../helpers/fresh-orm-metadata';
import { Customer, Tenant, User } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type SignedUp, signup } from '../helpers/http';

describe('bad input gets a 4xx naming the problem and writes nothing', () => {
  let app: TestApp;
  let owner: SignedUp;

  const counts = async () => {
    const em = app.orm.em.fork();
    return {
      tenants: await em.count(Tenant, {}),
      users: await em.count(User, {}, { filters: false }),
      customers: await em.count(Customer, {}, { filters: false }),
    };
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
  });
  afterAll(async () => {
    await app?.close();
  });

  const validCustomer = { name: 'Jo Bloggs', email: 'jo@example.com', phone: '+15550100042' };

  test.each([
    ['a wrong email', { ...validCustomer, email: 'not-an-email' }, 'email', /email/i],
    ['a missing required field', { email: 'jo@example.com' }, 'name', /expected string/i],
    ['a wrong type', { ...validCustomer, smsOptIn: 'yes' }, 'smsOptIn', /expected boolean/i],
    ['an unknown field', { ...validCustomer, favouriteColour: 'blue' }, 'favouriteColour', /Unknown field/],
    ['a malformed phone number', { ...validCustomer, phone: '555-0100' }, 'phone', /E\.164/],
  ])('customers: %s', async (_label, body, path, message) => {
    const before = await counts();
    const res = await owner.api.post('/api/customers', body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toContain(path);
    expect(res.body.error.details).toEqual(expect.arrayContaining([{ path, message: expect.stringMatching(message) }]));
    expect(await counts()).toEqual(before);
  });

  test('signup with a wrong email, a short password and a missing time zone names all three', async () => {
    const before = await counts();
    const res = await apiClient(app.baseUrl).post('/api/auth/signup', { businessName: 'Shop', email: 'shop@', password: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['email', 'password', 'timezone']);
    expect(await counts()).toEqual(before);
  });

  test('a body over the size limit gets 413 PAYLOAD_TOO_LARGE', async () => {
    const before = await counts();
    const res = await owner.api.post('/api/customers', undefined, {
      rawBody: JSON.stringify({ ...validCustomer, notes: 'x'.repeat(200 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(res.body.error.message).toMatch(/100 kB/);
    expect(await counts()).toEqual(before);
  });

  test('malformed JSON gets 400 INVALID_JSON', async () => {
    const before = await counts();
    const res = await owner.api.post('/api/customers', undefined, { rawBody: '{"name": "Jo",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
    expect(res.body.error.message).toMatch(/not valid JSON/);
    const signupRes = await apiClient(app.baseUrl).post('/api/auth/signup', undefined, { rawBody: "{'single': 'quotes'}" });
    expect(signupRes.status).toBe(400);
    expect(signupRes.body.error.code).toBe('INVALID_JSON');
    expect(await counts()).toEqual(before);
  });

  test('a body that is not JSON gets 415', async () => {
    const res = await owner.api.post('/api/customers', undefined, { rawBody: 'name=Jo', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('bad list parameters are named: limit, cursor and unknown filters', async () => {
    const tooMany = await owner.api.get('/api/customers?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details[0].path).toBe('limit');
    const badCursor = await owner.api.get('/api/customers?cursor=garbage!!');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.code).toBe('INVALID_CURSOR');
    const unknown = await owner.api.get('/api/customers?colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'colour', message: 'Unknown field "colour"' }]);
  });

  test('appointments: a start time without an offset and an unknown service are refused', async () => {
    const customer = await owner.api.post('/api/customers', validCustomer);
    const noOffset = await owner.api.post('/api/appointments', {
      serviceId: '00000000-0000-4000-8000-000000000000', customerId: customer.body.id, startsAt: '2031-01-01T10:00:00',
    });
    expect(noOffset.status).toBe(400);
    expect(noOffset.body.error.details).toEqual([expect.objectContaining({ path: 'startsAt' })]);
    const badKey = await owner.api.post('/api/appointments', {}, { headers: { 'Idempotency-Key': 'x'.repeat(300) } });
    expect(badKey.status).toBe(400);
  });

  test('an id that is not a uuid is simply not found', async () => {
    const res = await owner.api.get('/api/customers/not-a-uuid');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
  });

  test('unknown /api routes answer 404 in the error shape', async () => {
    const res = await owner.api.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('/api/nothing-here') });
  });
});
