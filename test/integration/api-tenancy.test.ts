import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

/** One row of every resource for a business, created through the api. */
async function seedBusiness(owner: SignedUp, label: string) {
  const post = async (path: string, body: object) => {
    const res = await owner.api.post(path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const locationId = await post('/api/locations', { name: `${label} Main Street` });
  const serviceId = await post('/api/services', { name: `${label} bath`, durationMinutes: 45, priceCents: 3000, locationId });
  const staffId = await post('/api/staff', { name: `${label} groomer`, email: `${label}@example.com`, serviceIds: [serviceId] });
  const customerId = await post('/api/customers', { name: `${label} customer`, email: `${label}-customer@example.com` });
  const petId = await post('/api/pets', { customerId, name: `${label} Rex`, species: 'dog' });
  const vaccinationId = await post('/api/vaccinations', {
    petId, name: 'Rabies', administeredOn: '2025-01-10', expiresOn: '2028-01-10',
  });
  const appointmentId = await post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-05-05T14:00:00Z' });
  return {
    '/api/locations': locationId,
    '/api/services': serviceId,
    '/api/staff': staffId,
    '/api/customers': customerId,
    '/api/pets': petId,
    '/api/vaccinations': vaccinationId,
    '/api/appointments': appointmentId,
  } as Record<string, string>;
}

describe('tenant isolation', () => {
  let app: TestApp;
  let alpha: SignedUp;
  let beta: SignedUp;
  let alphaRows: Record<string, string>;
  let betaRows: Record<string, string>;

  beforeAll(async () => {
    app = await startTestApp();
    [alpha, beta] = await Promise.all([signup(app.baseUrl), signup(app.baseUrl)]);
    [alphaRows, betaRows] = await Promise.all([seedBusiness(alpha, 'alpha'), seedBusiness(beta, 'beta')]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const paths = ['/api/locations', '/api/services', '/api/staff', '/api/customers', '/api/pets', '/api/vaccinations', '/api/appointments'];

  test.each(paths)('%s lists only the caller’s rows', async (path) => {
    for (const [owner, rows] of [[alpha, alphaRows], [beta, betaRows]] as const) {
      const res = await owner.api.get(path);
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: { id: string }) => r.id)).toEqual([rows[path]]);
      expect(res.body.total).toBe(1);
      expect(res.body.items.every((r: { tenantId: string }) => r.tenantId === owner.tenant.id)).toBe(true);
    }
  });

  test.each(paths)('%s/:id of another business is 404, and so are its updates and deletes', async (path) => {
    const foreignId = betaRows[path];
    const res = await alpha.api.get(`${path}/${foreignId}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect((await beta.api.get(`${path}/${foreignId}`)).status).toBe(200);

    if (path === '/api/appointments') {
      expect((await alpha.api.post(`${path}/${foreignId}/cancel`, {})).status).toBe(404);
      expect((await beta.api.get(`${path}/${foreignId}`)).body.status).toBe('pending');
      return;
    }
    expect((await alpha.api.patch(`${path}/${foreignId}`, { name: 'hijacked' })).status).toBe(404);
    expect((await alpha.api.delete(`${path}/${foreignId}`)).status).toBe(404);
    const after = await beta.api.get(`${path}/${foreignId}`);
    expect(after.status).toBe(200);
    expect(after.body.name).not.toBe('hijacked');
  });

  test('another business’s ids cannot be referenced in a body', async () => {
    const pet = await alpha.api.post('/api/pets', { customerId: betaRows['/api/customers'], name: 'Stray', species: 'cat' });
    expect(pet.status).toBe(400);
    expect(pet.body.error.details).toEqual([expect.objectContaining({ path: 'customerId' })]);

    const booking = await alpha.api.post('/api/appointments', {
      serviceId: betaRows['/api/services'], staffId: betaRows['/api/staff'], customerId: alphaRows['/api/customers'],
      startsAt: '2031-06-01T10:00:00Z',
    });
    expect(booking.status).toBe(400);
    expect(booking.body.error.details.map((d: { path: string }) => d.path)).toEqual(['serviceId', 'staffId']);
  });

  test('a tenantId in the body cannot move a row to another business', async () => {
    const res = await alpha.api.post('/api/customers', { name: 'Sneaky', tenantId: beta.tenant.id });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'tenantId', message: 'Unknown field "tenantId"' }]);
  });

  test('two businesses may reuse one Idempotency-Key independently', async () => {
    const headers = { 'Idempotency-Key': 'shared-key-1' };
    const book = (owner: SignedUp, rows: Record<string, string>) =>
      owner.api.post('/api/appointments', {
        serviceId: rows['/api/services'], customerId: rows['/api/customers'], startsAt: '2031-07-01T10:00:00Z',
      }, { headers });
    const [a, b] = await Promise.all([book(alpha, alphaRows), book(beta, betaRows)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.tenantId).toBe(alpha.tenant.id);
    expect(b.body.tenantId).toBe(beta.tenant.id);
  });
});
