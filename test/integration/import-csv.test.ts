/**
 * CSV import of customers, pets and vaccinations through the API: the preview lists every
 * problem with its line, field and reason and imports nothing; the import is refused while
 * errors remain unless the user skips the bad rows; duplicates are caught by email or phone,
 * in the file and against existing customers; an import is all or nothing; progress is readable
 * while a large file imports; imported vaccination records get their watches from the sweep.
 */
import { randomBytes } from 'node:crypto';
import { AuditLog, Customer, Pet, Vaccination, VaccinationWatch } from '../../db/entities';
import type { Loose } from '../helpers/http';
import { waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack({ businessName: 'Fern Grooming' });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

async function upload(kind: string, csv: string, fileName = `${kind}.csv`): Promise<{ status: number; body: Loose }> {
  const form = new FormData();
  form.append('kind', kind);
  form.append('file', new Blob([csv], { type: 'text/csv' }), fileName);
  const res = await fetch(`${stack.app.baseUrl}/api/imports`, { method: 'POST', headers: { Authorization: `Bearer ${stack.owner.token}` }, body: form });
  return { status: res.status, body: await res.json() };
}

/** Commits and waits for the import to finish (completed or failed). */
async function commit(id: string, body: Record<string, unknown> = {}): Promise<Loose> {
  const started = await stack.owner.api.post(`/api/imports/${id}/commit`, body);
  expect(started.status).toBe(202);
  return (await waitFor(() => stack.owner.api.get(`/api/imports/${id}`), (res) => ['completed', 'failed'].includes(res.body.status), 60_000)).body;
}

const countCustomers = () => stack.em().count(Customer, {});
const tag = () => randomBytes(3).toString('hex');

test('a malformed CSV shows per-row errors (line, field, reason) and imports nothing', async () => {
  const t = tag();
  const csv = [
    'Name,Email,Phone,SMS opt-in,Birthday',
    `Ada Byron,ada-${t}@example.com,+12125550101,yes,1990-04-01`,
    `,nobody-${t}@example.com,+12125550102,no,`,
    `Bea Bad,not-an-email,+12125550103,maybe,1990-02-30`,
    `"Cy Quote,cy-${t}@example.com,+12125550104,yes,`,
  ].join('\n');
  const before = await countCustomers();

  const preview = await upload('customers', csv);
  expect(preview.status).toBe(201);
  expect(preview.body).toMatchObject({ kind: 'customers', status: 'previewed', totalRows: 4, validRows: 1, invalidRows: 3 });
  expect(preview.body.errors.map((e: Loose) => [e.line, e.field, e.code])).toEqual([
    [3, 'name', 'REQUIRED'],
    [4, 'email', 'INVALID_EMAIL'],
    [4, 'smsOptIn', 'INVALID_BOOLEAN'],
    [4, 'birthday', 'INVALID_DATE'],
    [5, '', 'MALFORMED_ROW'],
  ]);
  expect(preview.body.errors[1].reason).toBe('"not-an-email" is not an email address');
  expect(preview.body.sample).toEqual([{ line: 2, data: expect.objectContaining({ name: 'Ada Byron', email: `ada-${t}@example.com`, smsOptIn: true }) }]);

  const refused = await stack.owner.api.post(`/api/imports/${preview.body.id}/commit`, {});
  expect(refused.status).toBe(422);
  expect(refused.body.error.code).toBe('IMPORT_HAS_ERRORS');
  expect(refused.body.error.details[0]).toMatchObject({ path: 'line 3.name', message: 'is required' });
  expect(await countCustomers()).toBe(before);
  expect((await stack.owner.api.get(`/api/imports/${preview.body.id}`)).body.status).toBe('previewed');
});

test('a file without a required column is refused, naming the column', async () => {
  const res = await upload('pets', 'Name,Breed\nRex,Beagle\n');
  expect(res.status).toBe(400);
  expect(res.body.error.details.map((d: Loose) => d.path)).toEqual(['file.columns.species', 'file.columns.customerEmail or customerPhone']);
});

test('duplicates by email or phone, in the file and against existing customers; skipping bad rows imports the rest', async () => {
  const t = tag();
  const existing = await stack.customer({ name: 'Existing One' });
  const csv = [
    'name,email,phone,tags,marketing',
    `Dee New,dee-${t}@example.com,+1 (646) 555-0${t.slice(0, 3).replace(/\D/g, '1')},vip;dogs,yes`,
    `Dee Again,DEE-${t}@example.com,,,`,
    `Phone Clash,clash-${t}@example.com,${existing.phone},,`,
    `Email Clash,${existing.email},,,`,
    `Eve Fine,eve-${t}@example.com,,,no`,
  ].join('\r\n');
  const preview = await upload('customers', csv);
  expect(preview.body.errors.map((e: Loose) => [e.line, e.field, e.code])).toEqual([
    [3, 'email', 'DUPLICATE'],
    [4, 'phone', 'DUPLICATE'],
    [5, 'email', 'DUPLICATE'],
  ]);
  expect(preview.body.errors[0].reason).toBe('duplicate: line 2 has the same email');
  expect(preview.body.errors[1].reason).toBe('duplicate: Existing One already has this phone');

  const done = await commit(preview.body.id, { skipInvalid: true });
  expect(done).toMatchObject({ status: 'completed', importedRows: 2, progress: 1 });
  const dee = await stack.em().findOneOrFail(Customer, { email: `dee-${t}@example.com` });
  expect(dee).toMatchObject({ name: 'Dee New', tags: ['vip', 'dogs'], marketingOptIn: true });
  expect(dee.phone).toMatch(/^\+1646555/);
  expect(await stack.em().count(Customer, { email: `eve-${t}@example.com` })).toBe(1);
  expect(await stack.em().findOne(AuditLog, { action: 'import.completed', entityId: preview.body.id })).toMatchObject({ changes: { kind: 'customers', imported: 2 } });
  // Imported once: a second commit is refused.
  expect((await stack.owner.api.post(`/api/imports/${preview.body.id}/commit`, { skipInvalid: true })).status).toBe(409);
});

test('all or nothing: a row that became a duplicate after the preview fails the whole import', async () => {
  const t = tag();
  const preview = await upload('customers', `name,email\nFay One,fay-${t}@example.com\nGus Two,gus-${t}@example.com\n`);
  expect(preview.body.invalidRows).toBe(0);
  await stack.owner.api.post('/api/customers', { name: 'Gus Meanwhile', email: `gus-${t}@example.com` });
  const failed = await commit(preview.body.id);
  expect(failed).toMatchObject({ status: 'failed', importedRows: 0 });
  expect(failed.failure).toMatch(/conflict with data added since the preview.*line 3, email/);
  expect(await stack.em().count(Customer, { email: `fay-${t}@example.com` })).toBe(0);
});

test('a large file reports its progress while it imports', async () => {
  const t = tag();
  const lines = ['name,email'];
  for (let i = 0; i < 6000; i++) lines.push(`Bulk ${i},bulk-${i}-${t}@example.com`);
  const preview = await upload('customers', lines.join('\n'));
  expect(preview.body).toMatchObject({ totalRows: 6000, invalidRows: 0 });
  const started = await stack.owner.api.post(`/api/imports/${preview.body.id}/commit`, {});
  const seen: number[] = [];
  await waitFor(
    async () => {
      const body = (await stack.owner.api.get(`/api/imports/${preview.body.id}`)).body;
      seen.push(body.progress);
      return body;
    },
    (body) => body.status === 'completed',
    120_000,
  );
  expect(started.body.status).toBe('running');
  expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
  expect(seen.every((p, i) => i === 0 || p >= seen[i - 1]!)).toBe(true);
  expect(await stack.em().count(Customer, { email: { $like: `bulk-%-${t}@example.com` } })).toBe(6000);
});

test('pets and vaccinations find their owners by email or phone; imported records get watched', async () => {
  const t = tag();
  const owner = await stack.customer({ name: 'Hal Owner' });
  const automation = await stack.owner.api.post('/api/automations', { name: 'Vaccination alerts', fromTemplate: 'vaccination-expiry' });
  await stack.owner.api.post(`/api/automations/${automation.body.id}/publish`);

  const pets = await upload('pets', ['customer_email,customer_phone,pet name,species,weight', `${owner.email},,Rex ${t},Dog,12.5`, `,${owner.phone},Mia ${t},cat,`, `nobody-${t}@example.com,,Ghost,dog,`].join('\n'));
  expect(pets.body.errors).toEqual([{ line: 4, field: 'customerEmail', reason: `no customer with email nobody-${t}@example.com`, code: 'UNKNOWN_CUSTOMER' }]);
  expect(await commit(pets.body.id, { skipInvalid: true })).toMatchObject({ status: 'completed', importedRows: 2 });
  expect((await stack.em().find(Pet, { customerId: owner.id }, { orderBy: { name: 'asc' } })).map((p) => [p.name, p.species, p.weightKg])).toEqual([
    [`Mia ${t}`, 'cat', null],
    [`Rex ${t}`, 'dog', '12.50'],
  ]);

  const far = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
  const vaccinations = await upload(
    'vaccinations',
    ['email,pet,vaccine,administered_on,expires_on', `${owner.email},rex ${t},Rabies,2025-06-01,${far}`, `${owner.email},Nobody,Rabies,2025-06-01,${far}`, `${owner.email},Mia ${t},FVRCP,2025-06-01,2025-05-01`].join('\n'),
  );
  expect(vaccinations.body.errors.map((e: Loose) => [e.line, e.field, e.code])).toEqual([
    [3, 'petName', 'UNKNOWN_PET'],
    [4, 'expiresOn', 'INVALID_DATE'],
  ]);
  expect(await commit(vaccinations.body.id, { skipInvalid: true })).toMatchObject({ status: 'completed', importedRows: 1 });
  const record = await stack.em().findOneOrFail(Vaccination, { name: 'Rabies', expiresOn: far });
  // The import triggers the daily sweep at once: the record is watched within seconds.
  await waitFor(() => stack.em().findOne(VaccinationWatch, { vaccinationId: record.id }), (row) => row !== null, 30_000);
});
