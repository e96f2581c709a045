import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

describe('api CRUD resources', () => {
  let app: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('customers: create, read, update, search, paginate, delete', async () => {
    const names = ['Ava Stone', 'Ben Carter', 'Cleo Park', 'Dev Patel', 'Eli Brook'];
    for (const name of names) {
      const res = await owner.api.post('/api/customers', {
        name, email: `${name.split(' ')[0].toLowerCase()}@Example.com`, phone: '+15550100000', smsOptIn: true, tags: ['vip'],
      });
      expect(res.status).toBe(201);
    }
    const created = await owner.api.post('/api/customers', { name: 'Zoe Quinn', phone: '+15550109999' });
    expect(created.body).toMatchObject({ id: expect.any(String), name: 'Zoe Quinn', smsOptIn: false, reputationScore: 100, tags: [] });
    expect(created.body).not.toHaveProperty('feedToken');

    const patched = await owner.api.patch(`/api/customers/${created.body.id}`, { email: 'zoe@example.com', phone: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ email: 'zoe@example.com', phone: null });

    const search = await owner.api.get('/api/customers?q=cle');
    expect(search.body.items.map((c: { name: string }) => c.name)).toEqual(['Cleo Park']);
    expect((await owner.api.get('/api/customers?email=BEN@example.com')).body.total).toBe(1);
    expect((await owner.api.get('/api/customers?tag=vip')).body.total).toBe(5);

    const first = await owner.api.get('/api/customers?limit=4');
    expect(first.body.items.map((c: { name: string }) => c.name)).toEqual(names.slice(0, 4));
    expect(first.body.total).toBe(6);
    const second = await owner.api.get(`/api/customers?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { name: string }) => c.name)).toEqual(['Eli Brook', 'Zoe Quinn']);
    expect(second.body.nextCursor).toBeUndefined();

    expect((await owner.api.delete(`/api/customers/${created.body.id}`)).status).toBe(204);
    expect((await owner.api.get(`/api/customers/${created.body.id}`)).status).toBe(404);
  });

  test('services are deactivated on delete and leave the default list', async () => {
    const svc = await owner.api.post('/api/services', {
      name: 'Nail trim', category: 'grooming', durationMinutes: 15, priceCents: 1500, depositCents: 500,
    });
    expect(svc.status).toBe(201);
    expect(svc.body).toMatchObject({ priceCents: 1500, depositCents: 500, capacity: 1, active: true });
    expect((await owner.api.get('/api/services?category=grooming')).body.total).toBe(1);
    expect((await owner.api.delete(`/api/services/${svc.body.id}`)).status).toBe(204);
    expect((await owner.api.get(`/api/services/${svc.body.id}`)).body.active).toBe(false);
    expect((await owner.api.get('/api/services?category=grooming')).body.total).toBe(0);
    expect((await owner.api.get('/api/services?category=grooming&active=all')).body.total).toBe(1);
  });

  test('staff link to existing services and locations only', async () => {
    const location = await owner.api.post('/api/locations', { name: 'Uptown', timezone: 'America/Chicago' });
    const service = await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 30, priceCents: 2000 });
    const staff = await owner.api.post('/api/staff', {
      name: 'Robin', email: 'Robin@Example.com', locationId: location.body.id, serviceIds: [service.body.id],
    });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({ email: 'robin@example.com', serviceIds: [service.body.id], weight: 1 });
    expect((await owner.api.get(`/api/staff?serviceId=${service.body.id}`)).body.total).toBe(1);

    const missing = '00000000-0000-4000-8000-000000000001';
    const bad = await owner.api.post('/api/staff', { name: 'Kim', email: 'kim@example.com', serviceIds: [service.body.id, missing] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ path: 'serviceIds', message: `No service with id ${missing}` }] });
  });

  test('pets and vaccinations: filters by owner, pet and expiry', async () => {
    const customer = await owner.api.post('/api/customers', { name: 'Pet Owner' });
    const rex = await owner.api.post('/api/pets', { customerId: customer.body.id, name: 'Rex', species: 'dog', weightKg: 12.5 });
    expect(rex.status).toBe(201);
    expect(rex.body.weightKg).toBe(12.5);
    const tom = await owner.api.post('/api/pets', { customerId: customer.body.id, name: 'Tom', species: 'cat' });
    const pets = await owner.api.get(`/api/pets?customerId=${customer.body.id}`);
    expect(pets.body.items.map((p: { name: string }) => p.name)).toEqual(['Rex', 'Tom']);

    await owner.api.post('/api/vaccinations', { petId: rex.body.id, name: 'Rabies', administeredOn: '2025-02-01', expiresOn: '2026-02-01' });
    await owner.api.post('/api/vaccinations', { petId: rex.body.id, name: 'DHPP', administeredOn: '2025-02-01', expiresOn: '2028-02-01' });
    await owner.api.post('/api/vaccinations', { petId: tom.body.id, name: 'FVRCP', administeredOn: '2025-03-01', expiresOn: '2026-03-01' });
    const expiring = await owner.api.get('/api/vaccinations?expiringBefore=2027-01-01');
    expect(expiring.body.items.map((v: { name: string }) => v.name)).toEqual(['Rabies', 'FVRCP']);
    const rexVaccines = await owner.api.get(`/api/vaccinations?petId=${rex.body.id}`);
    expect(rexVaccines.body.total).toBe(2);
    expect(rexVaccines.body.items[0]).toMatchObject({ administeredOn: '2025-02-01', expiresOn: '2026-02-01' });

    const backwards = await owner.api.post('/api/vaccinations', { petId: tom.body.id, name: 'X', administeredOn: '2025-03-01', expiresOn: '2024-03-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toBe('expiresOn');
  });

  test('a customer with appointments cannot be deleted', async () => {
    const customer = await owner.api.post('/api/customers', { name: 'Loyal' });
    const service = await owner.api.post('/api/services', { name: 'Cut', durationMinutes: 30, priceCents: 2000 });
    await owner.api.post('/api/appointments', { serviceId: service.body.id, customerId: customer.body.id, startsAt: '2031-02-02T10:00:00Z' });
    const res = await owner.api.delete(`/api/customers/${customer.body.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect((await owner.api.get(`/api/customers/${customer.body.id}`)).status).toBe(200);
  });
});
