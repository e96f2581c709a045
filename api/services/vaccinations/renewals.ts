import type { EntityManager } from '@mikro-orm/postgresql';
import { isNewer, vaccineKey } from '../../../activities/vaccination/newer-record';
import { Vaccination } from '../../../db/entities';

/** Records of the same vaccine for the same pet that `record` replaces (they expire earlier). */
export async function recordsRenewedBy(em: EntityManager, record: Vaccination): Promise<Vaccination[]> {
  const siblings = await em.find(Vaccination, { petId: record.petId, id: { $ne: record.id } });
  return siblings.filter((other) => vaccineKey(other.name) === vaccineKey(record.name) && isNewer(record, other));
}
