import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../runtime/logger';
import { createAppointmentSnapshotActivity } from './appointment-snapshot';

export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
}

/** Every activity the worker registers, built from its dependencies so tests can pass their own. */
export function createActivities(deps: ActivityDeps) {
  return {
    loadAppointmentSnapshot: createAppointmentSnapshotActivity(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { AppointmentSnapshot } from './appointment-snapshot';
