import type { EntityManager } from '@mikro-orm/postgresql';
import type { ImportKind, ImportRow, ImportRowError } from '../../../db/entities';

export interface ResolvedRows {
  /** Problems only the database (or the rest of the file) reveals: duplicates, unknown owners or pets. */
  errors: ImportRowError[];
  /** Ids found for each line: the owner of a pet (`customerId`), the pet of a vaccination (`petId`). */
  refs: Map<number, Record<string, string>>;
}

const CHUNK = 1000;
const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));
const lower = (v: unknown) => String(v).trim().toLowerCase();

interface Contact {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
}

async function customersByContact(em: EntityManager, tenantId: string, emails: string[], phones: string[]): Promise<Contact[]> {
  const found: Contact[] = [];
  for (const part of chunks(emails)) {
    found.push(...(await em.execute<Contact[]>('select id, name, lower(email) as email, phone from customers where tenant_id = ? and lower(email) in (?)', [tenantId, part])));
  }
  for (const part of chunks(phones)) {
    found.push(...(await em.execute<Contact[]>('select id, name, lower(email) as email, phone from customers where tenant_id = ? and phone in (?)', [tenantId, part])));
  }
  return found;
}

/** Customers: one per email and per phone, in the file and against the business's customers. */
async function resolveCustomers(em: EntityManager, tenantId: string, rows: ImportRow[], out: ResolvedRows): Promise<void> {
  const emails = [...new Set(rows.map((r) => r.data.email).filter(Boolean).map(lower))];
  const phones = [...new Set(rows.map((r) => r.data.phone).filter(Boolean).map(String))];
  const existing = await customersByContact(em, tenantId, emails, phones);
  const byEmail = new Map(existing.filter((c) => c.email).map((c) => [c.email as string, c]));
  const byPhone = new Map(existing.filter((c) => c.phone).map((c) => [c.phone as string, c]));
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    for (const field of ['email', 'phone'] as const) {
      const value = row.data[field];
      if (value === undefined) continue;
      const key = field === 'email' ? lower(value) : String(value);
      const match = (field === 'email' ? byEmail : byPhone).get(key);
      if (match) {
        out.errors.push({ line: row.line, field, reason: `duplicate: ${match.name} already has this ${field}`, code: 'DUPLICATE' });
        continue;
      }
      const seen = firstLine.get(`${field}:${key}`);
      if (seen !== undefined) out.errors.push({ line: row.line, field, reason: `duplicate: line ${seen} has the same ${field}`, code: 'DUPLICATE' });
      else firstLine.set(`${field}:${key}`, row.line);
    }
  }
}

/** The owner named by a row's customerEmail/customerPhone; an error when none (or two different ones) match. */
function ownerOf(row: ImportRow, byEmail: Map<string, Contact>, byPhone: Map<string, Contact>, out: ResolvedRows): Contact | undefined {
  const email = row.data.customerEmail === undefined ? undefined : byEmail.get(lower(row.data.customerEmail));
  const phone = row.data.customerPhone === undefined ? undefined : byPhone.get(String(row.data.customerPhone));
  if (email && phone && email.id !== phone.id) {
    out.errors.push({ line: row.line, field: 'customerPhone', reason: `belongs to ${phone.name}, but the email to ${email.name}`, code: 'AMBIGUOUS' });
    return undefined;
  }
  const owner = email ?? phone;
  if (!owner) {
    const field = row.data.customerEmail !== undefined ? 'customerEmail' : 'customerPhone';
    out.errors.push({ line: row.line, field, reason: `no customer with ${field === 'customerEmail' ? 'email' : 'phone'} ${String(row.data[field])}`, code: 'UNKNOWN_CUSTOMER' });
  }
  return owner;
}

async function ownersOf(em: EntityManager, tenantId: string, rows: ImportRow[]) {
  const emails = [...new Set(rows.map((r) => r.data.customerEmail).filter(Boolean).map(lower))];
  const phones = [...new Set(rows.map((r) => r.data.customerPhone).filter(Boolean).map(String))];
  const found = await customersByContact(em, tenantId, emails, phones);
  return { byEmail: new Map(found.filter((c) => c.email).map((c) => [c.email as string, c])), byPhone: new Map(found.filter((c) => c.phone).map((c) => [c.phone as string, c])) };
}

interface PetRow {
  id: string;
  customer_id: string;
  name: string;
}

async function petsOf(em: EntityManager, tenantId: string, customerIds: string[]): Promise<PetRow[]> {
  const pets: PetRow[] = [];
  for (const part of chunks(customerIds)) {
    pets.push(...(await em.execute<PetRow[]>('select id, customer_id, lower(btrim(name)) as name from pets where tenant_id = ? and active and customer_id in (?)', [tenantId, part])));
  }
  return pets;
}

/** Pets: an owner that exists, and no second pet of the same name for that owner. */
async function resolvePets(em: EntityManager, tenantId: string, rows: ImportRow[], out: ResolvedRows): Promise<void> {
  const { byEmail, byPhone } = await ownersOf(em, tenantId, rows);
  const owners = new Map<number, Contact>();
  for (const row of rows) {
    const owner = ownerOf(row, byEmail, byPhone, out);
    if (owner) owners.set(row.line, owner);
  }
  const existing = new Set((await petsOf(em, tenantId, [...new Set([...owners.values()].map((o) => o.id))])).map((p) => `${p.customer_id}:${p.name}`));
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const owner = owners.get(row.line);
    if (!owner) continue;
    const key = `${owner.id}:${lower(row.data.name)}`;
    if (existing.has(key)) out.errors.push({ line: row.line, field: 'name', reason: `duplicate: ${owner.name} already has a pet named ${String(row.data.name)}`, code: 'DUPLICATE' });
    else if (firstLine.has(key)) out.errors.push({ line: row.line, field: 'name', reason: `duplicate: line ${firstLine.get(key)} adds the same pet`, code: 'DUPLICATE' });
    else {
      firstLine.set(key, row.line);
      out.refs.set(row.line, { customerId: owner.id });
    }
  }
}

/** Vaccinations: the owner's pet by name, and no second record of the same vaccine given the same day. */
async function resolveVaccinations(em: EntityManager, tenantId: string, rows: ImportRow[], out: ResolvedRows): Promise<void> {
  const { byEmail, byPhone } = await ownersOf(em, tenantId, rows);
  const owners = new Map<number, Contact>();
  for (const row of rows) {
    const owner = ownerOf(row, byEmail, byPhone, out);
    if (owner) owners.set(row.line, owner);
  }
  const pets = await petsOf(em, tenantId, [...new Set([...owners.values()].map((o) => o.id))]);
  const petsByOwnerName = new Map<string, PetRow[]>();
  for (const pet of pets) petsByOwnerName.set(`${pet.customer_id}:${pet.name}`, [...(petsByOwnerName.get(`${pet.customer_id}:${pet.name}`) ?? []), pet]);
  const existing = new Set<string>();
  for (const part of chunks(pets.map((p) => p.id))) {
    const rowsFound = await em.execute<Array<{ pet_id: string; name: string; administered_on: string }>>(
      "select pet_id, lower(btrim(name)) as name, to_char(administered_on, 'YYYY-MM-DD') as administered_on from vaccinations where tenant_id = ? and pet_id in (?)",
      [tenantId, part],
    );
    for (const v of rowsFound) existing.add(`${v.pet_id}:${v.name}:${v.administered_on}`);
  }
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    const owner = owners.get(row.line);
    if (!owner) continue;
    const candidates = petsByOwnerName.get(`${owner.id}:${lower(row.data.petName)}`) ?? [];
    if (candidates.length !== 1) {
      const reason = candidates.length === 0 ? `${owner.name} has no pet named ${String(row.data.petName)}` : `${owner.name} has several pets named ${String(row.data.petName)}`;
      out.errors.push({ line: row.line, field: 'petName', reason, code: candidates.length === 0 ? 'UNKNOWN_PET' : 'AMBIGUOUS' });
      continue;
    }
    const pet = candidates[0] as PetRow;
    const key = `${pet.id}:${lower(row.data.vaccine)}:${String(row.data.administeredOn)}`;
    if (existing.has(key)) out.errors.push({ line: row.line, field: 'vaccine', reason: `duplicate: ${String(row.data.vaccine)} given on ${String(row.data.administeredOn)} is already on record`, code: 'DUPLICATE' });
    else if (firstLine.has(key)) out.errors.push({ line: row.line, field: 'vaccine', reason: `duplicate: line ${firstLine.get(key)} has the same record`, code: 'DUPLICATE' });
    else {
      firstLine.set(key, row.line);
      out.refs.set(row.line, { petId: pet.id });
    }
  }
}

/** Checks rows that passed the cell checks against the business's data (and each other). */
export async function resolveRows(em: EntityManager, tenantId: string, kind: ImportKind, rows: ImportRow[]): Promise<ResolvedRows> {
  const out: ResolvedRows = { errors: [], refs: new Map() };
  if (kind === 'customers') await resolveCustomers(em, tenantId, rows, out);
  else if (kind === 'pets') await resolvePets(em, tenantId, rows, out);
  else await resolveVaccinations(em, tenantId, rows, out);
  return out;
}
