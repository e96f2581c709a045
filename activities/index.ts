import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../runtime/logger';
import { createAppointmentSnapshotActivity } from './appointment-snapshot';
import { createAutomationActivities } from './automation';
import { createMessagingActivities, type MessagingActivityDeps } from './messaging';
import { createWaitlistActivities } from './waitlist';
import { createBillingActivities } from './billing';
import { type CalendarActivityDeps, createCalendarActivities } from './calendar/activities';
import { createScheduleActivities } from './schedule';
import { createVaccinationActivities } from './vaccination';
import { createCampaignActivitiesFor } from './campaign';
import { createReportActivities } from './reports';
import { openWorkflows } from './temporal/open-workflows';

export interface ActivityDeps {
  orm: MikroORM;
  logger: Logger;
  /** Providers and settings for sends; default: picked from the environment (outbox in dev). */
  messaging?: Pick<MessagingActivityDeps, 'providers' | 'config'>;
  /** For webhook calls; tests pass their own. */
  fetch?: typeof fetch;
  /** Calendar endpoints and clock; default: from the environment. */
  calendar?: Pick<CalendarActivityDeps, 'env' | 'config' | 'now'>;
}

/** Every activity the worker registers, built from its dependencies so tests can pass their own. */
export function createActivities(deps: ActivityDeps) {
  return {
    loadAppointmentSnapshot: createAppointmentSnapshotActivity(deps),
    ...createAutomationActivities(deps),
    ...createMessagingActivities({ orm: deps.orm, logger: deps.logger, ...deps.messaging }),
    ...createBillingActivities({ orm: deps.orm, logger: deps.logger }),
    ...createScheduleActivities({ orm: deps.orm }),
    ...createVaccinationActivities({ orm: deps.orm }),
    ...createCalendarActivities({ orm: deps.orm, logger: deps.logger, ...(deps.messaging?.config ? { config: deps.messaging.config } : {}), ...(deps.messaging?.providers ? { providers: deps.messaging.providers } : {}), ...deps.calendar }),
    ...createWaitlistActivities({ orm: deps.orm, logger: deps.logger, ...(deps.messaging ? { messaging: deps.messaging } : {}) }),
    ...createCampaignActivitiesFor({ orm: deps.orm, logger: deps.logger, ...(deps.messaging ? { messaging: deps.messaging } : {}) }),
    openWorkflows,
    ...createReportActivities({ orm: deps.orm, logger: deps.logger, ...(deps.messaging ? { messaging: deps.messaging } : {}) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { AppointmentSnapshot } from './appointment-snapshot';
export type { SendMessageInput, SendMessageResult } from './messaging';
export type { ActionOutcome, TriggeredAutomation } from './automation';
