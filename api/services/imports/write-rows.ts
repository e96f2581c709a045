import type { EntityManager } from '@mikro-orm/postgresql';
import { Customer, type ImportKind, type ImportRow, Pet, Vaccination } from '../../../db/entities';

const pick = (data: Record<string, unknown>, fields: string[]) =>
  Object.fromEntries(fields.filter((f) => data[f] !== undefined).map((f) => [f, data[f]]));

/** Creates the rows of one chunk (not flushed): customers, pets for their owners, vaccinations for their pets. */
export function writeRows(em: EntityManager, tenantId: string, kind: ImportKind, rows: ImportRow[], refs: Map<number, Record<string, string>>): void {
  for (const row of rows) {
    const d = row.data;
    if (kind === 'customers') {
      em.create(Customer, { tenantId, name: String(d.name), ...pick(d, ['email', 'phone', 'smsOptIn', 'emailOptIn', 'marketingOptIn', 'birthday', 'timezone', 'tags', 'notes']) });
    } else if (kind === 'pets') {
      em.create(Pet, {
        tenantId,
        customerId: refs.get(row.line)?.customerId as string,
        name: String(d.name),
        species: String(d.species).toLowerCase(),
        ...pick(d, ['breed', 'birthDate', 'notes']),
        ...(d.weightKg !== undefined ? { weightKg: String(d.weightKg) } : {}),
      });
    } else {
      em.create(Vaccination, {
        tenantId,
        petId: refs.get(row.line)?.petId as string,
        name: String(d.vaccine),
        administeredOn: String(d.administeredOn),
        expiresOn: String(d.expiresOn),
        ...pick(d, ['provider', 'notes']),
      });
    }
  }
}
