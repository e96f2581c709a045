import type { MikroORM } from '@mikro-orm/postgresql';
import { createFindUnwatchedVaccinationsActivity } from './find-unwatched-vaccinations';
import { createLoadVaccinationWatchActivity } from './load-vaccination-watch';
import { createRecordVaccinationWatchActivity } from './record-vaccination-watch';

/** What the vaccination watches and their daily sweep read and write. */
export function createVaccinationActivities(deps: { orm: MikroORM }) {
  return {
    loadVaccinationWatch: createLoadVaccinationWatchActivity(deps),
    recordVaccinationWatch: createRecordVaccinationWatchActivity(deps),
    findUnwatchedVaccinations: createFindUnwatchedVaccinationsActivity(deps),
  };
}

export type { VaccinationWatchSnapshot } from './load-vaccination-watch';
export type { RecordVaccinationWatchInput } from './record-vaccination-watch';
export type { UnwatchedVaccinationsPage } from './find-unwatched-vaccinations';
export { dateAnchor } from './load-vaccination-watch';
export { isNewer, newerRecordOf, vaccineKey } from './newer-record';
