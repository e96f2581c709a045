import type { EntityManager } from '@mikro-orm/postgresql';
import { Vaccination } from '../../db/entities';

/** Records of one vaccine for one pet are the same vaccine whatever the case or spacing of the name. */
export const vaccineKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Orders records of one vaccine: the one that expires last is current (then the latest given, then the newest row). */
export function isNewer(a: Pick<Vaccination, 'expiresOn' | 'administeredOn' | 'createdAt' | 'id'>, b: Pick<Vaccination, 'expiresOn' | 'administeredOn' | 'createdAt' | 'id'>): boolean {
  if (a.expiresOn !== b.expiresOn) return a.expiresOn > b.expiresOn;
  if (a.administeredOn !== b.administeredOn) return a.administeredOn > b.administeredOn;
  if (a.createdAt.getTime() !== b.createdAt.getTime()) return a.createdAt > b.createdAt;
  return a.id > b.id;
}

/** The current record of the same vaccine for the same pet when it is not `record` itself. */
export async function newerRecordOf(em: EntityManager, record: Vaccination): Promise<Vaccination | undefined> {
  const siblings = await em.find(Vaccination, { petId: record.petId, id: { $ne: record.id } });
  const key = vaccineKey(record.name);
  let current: Vaccination | undefined;
  for (const other of siblings) {
    if (vaccineKey(other.name) !== key || !isNewer(other, record)) continue;
    if (!current || isNewer(other, current)) current = other;
  }
  return current;
}
