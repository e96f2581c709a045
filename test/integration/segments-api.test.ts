/**
 * Segments: saved filters over customers, compiled to SQL with the tenant filter, and the live
 * preview (count and sample) the UI shows while the owner edits a filter.
 */
import { startTestApp, type TestApp } from '../helpers/app';
import { type Loose, type SignedUp, signup } from '../helpers/http';

let app: TestApp;
let owner: SignedUp;
let other: SignedUp;
const ids: Record<string, string> = {};
let groomId = '';
let bathId = '';

async function customer(key: string, body: Record<string, unknown>): Promise<void> {
  const res = await owner.api.post('/api/customers', { name: key, ...body });
  if (res.status !== 201) throw new Error(`customer answered ${res.status}: ${JSON.stringify(res.body)}`);
  ids[key] = res.body.id;
}

const sql = (text: string, bindings: unknown[]) => app.orm.em.getKnex().raw(text, bindings as never);

async function completedVisit(customerKey: string, serviceId: string, priceCents: number, daysAgo: number): Promise<void> {
  await sql(
    `insert into appointments (id, tenant_id, service_id, customer_id, starts_at, ends_at, status, price_cents, participants, calendar_event_ids, team_staff_ids, workflow_id)
     values (gen_random_uuid(), ?, ?, ?, now() - make_interval(days => ?), now() - make_interval(days => ?) + interval '1 hour', 'completed', ?, '[]', '[]', '[]', 'seg-test-' || gen_random_uuid())`,
    [owner.tenant.id, serviceId, ids[customerKey], daysAgo, daysAgo, priceCents],
  );
}

async function preview(filter: Record<string, unknown>, as: SignedUp = owner): Promise<{ count: number; names: string[] }> {
  const res = await as.api.post('/api/segments/preview', { filter, sampleSize: 50 });
  expect(res.status).toBe(200);
  return { count: res.body.count, names: res.body.sample.map((c: Loose) => c.name).sort() };
}

beforeAll(async () => {
  app = await startTestApp();
  owner = await signup(app.baseUrl, { businessName: 'Segment Salon' });
  other = await signup(app.baseUrl, { businessName: 'Other Salon' });
  groomId = (await owner.api.post('/api/services', { name: 'Groom', durationMinutes: 60, priceCents: 6000 })).body.id;
  bathId = (await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 30, priceCents: 3000 })).body.id;
  await customer('ana', { phone: '+12125550101', smsOptIn: true, marketingOptIn: true, tags: ['vip', 'dog'], birthday: '1990-03-14' });
  await customer('ben', { email: 'ben@example.com', emailOptIn: true, tags: ['dog'], birthday: '1985-07-02' });
  await customer('cy', { phone: '+12125550103', smsOptIn: true, tags: ['cat'] });
  await customer('dee', { phone: '+12125550104', whatsappOptIn: true, marketingOptIn: true });
  await sql(`update customers set sms_opted_out_at = now() where id = ?`, [ids.cy]);
  await sql(`update customers set reputation_score = 20 where id = ?`, [ids.dee]);
  await sql(`update customers set last_visit_at = now() - interval '10 days', visit_count = 5 where id = ?`, [ids.ana]);
  await sql(`update customers set last_visit_at = now() - interval '200 days', visit_count = 1 where id = ?`, [ids.ben]);
  await completedVisit('ana', groomId, 6000, 10);
  await completedVisit('ana', bathId, 3000, 40);
  await completedVisit('ben', bathId, 3000, 200);

  const pet = async (key: string, species: string, vaccine?: { name: string; expiresInDays: number }) => {
    const created = await owner.api.post('/api/pets', { customerId: ids[key], name: `${key}'s ${species}`, species });
    if (created.status !== 201) throw new Error(`pet answered ${created.status}: ${JSON.stringify(created.body)}`);
    if (!vaccine) return;
    await sql(
      `insert into vaccinations (id, tenant_id, pet_id, name, administered_on, expires_on) values (gen_random_uuid(), ?, ?, ?, current_date - 300, current_date + ?::int)`,
      [owner.tenant.id, created.body.id, vaccine.name, vaccine.expiresInDays],
    );
  };
  await pet('ana', 'dog', { name: 'Rabies', expiresInDays: 200 });
  await pet('ben', 'dog', { name: 'Rabies', expiresInDays: -5 });
  await pet('cy', 'cat', { name: 'FVRCP', expiresInDays: 10 });
  await pet('dee', 'Dog');

  // Another business's customer matches every filter below but must never show up.
  await other.api.post('/api/customers', { name: 'zed', phone: '+12125550199', smsOptIn: true, marketingOptIn: true, tags: ['vip', 'dog'] });
}, 60_000);

afterAll(async () => {
  await app?.close();
});

test('each condition selects the customers a shop owner would expect', async () => {
  expect(await preview({})).toEqual({ count: 4, names: ['ana', 'ben', 'cy', 'dee'] });
  expect((await preview({ tags: { any: ['vip', 'cat'] } })).names).toEqual(['ana', 'cy']);
  expect((await preview({ tags: { all: ['vip', 'dog'] } })).names).toEqual(['ana']);
  expect((await preview({ tags: { none: ['dog'] } })).names).toEqual(['cy', 'dee']);
  expect((await preview({ lastVisit: { withinDays: 30 } })).names).toEqual(['ana']);
  expect((await preview({ lastVisit: { notWithinDays: 90 } })).names).toEqual(['ben', 'cy', 'dee']);
  expect((await preview({ lastVisit: { never: true } })).names).toEqual(['cy', 'dee']);
  expect((await preview({ visitCount: { min: 2 } })).names).toEqual(['ana']);
  expect((await preview({ spendCents: { min: 5000 } })).names).toEqual(['ana']);
  expect((await preview({ spendCents: { max: 3000 } })).names).toEqual(['ben', 'cy', 'dee']);
  expect((await preview({ servicesUsed: { serviceIds: [bathId] } })).names).toEqual(['ana', 'ben']);
  expect((await preview({ servicesUsed: { serviceIds: [bathId, groomId], match: 'all' } })).names).toEqual(['ana']);
  expect((await preview({ reputation: { max: 30 } })).names).toEqual(['dee']);
  expect((await preview({ pets: { species: ['DOG'] } })).names).toEqual(['ana', 'ben', 'dee']);
  expect((await preview({ pets: { species: ['dog'], vaccination: 'expired' } })).names).toEqual(['ben']);
  expect((await preview({ pets: { vaccination: 'valid' } })).names).toEqual(['ana', 'cy']);
  expect((await preview({ pets: { vaccination: 'expiring', expiringWithinDays: 30 } })).names).toEqual(['cy']);
  expect((await preview({ pets: { vaccination: 'missing' } })).names).toEqual(['dee']);
  expect((await preview({ channels: { sms: true } })).names).toEqual(['ana']);
  expect((await preview({ channels: { email: true } })).names).toEqual(['ben']);
  expect((await preview({ channels: { whatsapp: true, marketing: true } })).names).toEqual(['dee']);
  expect((await preview({ birthdayMonths: [3, 12] })).names).toEqual(['ana']);
  expect((await preview({ tags: { any: ['dog'] }, channels: { sms: true }, lastVisit: { withinDays: 30 } })).names).toEqual(['ana']);
});

test('a saved segment previews like its filter, and stays inside its business', async () => {
  const created = await owner.api.post('/api/segments', { name: 'VIP dogs', filter: { tags: { all: ['vip', 'dog'] } } });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ name: 'VIP dogs', filter: { tags: { all: ['vip', 'dog'] } } });
  const saved = await owner.api.get(`/api/segments/${created.body.id}/preview`);
  expect(saved.body).toMatchObject({ count: 1, sample: [{ id: ids.ana, name: 'ana' }] });
  expect((await owner.api.get('/api/segments')).body).toMatchObject({ total: 1, items: [{ id: created.body.id }] });

  expect((await other.api.get(`/api/segments/${created.body.id}`)).status).toBe(404);
  expect((await other.api.get(`/api/segments/${created.body.id}/preview`)).status).toBe(404);
  expect(await preview({ tags: { all: ['vip', 'dog'] } }, other)).toEqual({ count: 1, names: ['zed'] });

  const renamed = await owner.api.patch(`/api/segments/${created.body.id}`, { name: 'VIPs', filter: { tags: { any: ['vip'] } } });
  expect(renamed.body).toMatchObject({ name: 'VIPs', filter: { tags: { any: ['vip'] } } });
});

test('a bad filter is refused with the field named, and nothing is saved', async () => {
  const bad = await owner.api.post('/api/segments', { name: 'Bad', filter: { visitCount: { min: 5, max: 2 }, birthdayMonths: [13], colour: 'red' } });
  expect(bad.status).toBe(400);
  const paths = bad.body.error.details.map((d: Loose) => d.path);
  expect(paths).toEqual(expect.arrayContaining(['filter.visitCount.max', 'filter.birthdayMonths.0', 'filter.colour']));
  expect((await owner.api.post('/api/segments/preview', { filter: { servicesUsed: { serviceIds: ['nope'] } } })).status).toBe(400);
  expect((await owner.api.get('/api/segments')).body.items.map((s: Loose) => s.name)).not.toContain('Bad');
});
