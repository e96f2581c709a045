import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../runtime/config';
import type { Logger } from '../../runtime/logger';
import { createProviders, type MessagingConfig, type Providers } from '../messaging/providers';
import { calendarEnvFrom, type CalendarConfig, type CalendarEnv } from './calendar-env';
import { createSendCalendarInvite } from './itip-invite';
import { createPushAppointment } from './push-appointment';
import { createSyncConnection } from './sync-connection';
import { createWatchConnection } from './watch-connection';

export interface CalendarActivityDeps {
  orm: MikroORM;
  logger: Logger;
  /** Default: from the environment (loadConfig()). */
  env?: CalendarEnv;
  /** Over the environment's config (loadConfig()): PUBLIC_URL, SMTP, calendar variables. */
  config?: Partial<MessagingConfig> & Partial<CalendarConfig>;
  /** Where invites go out; default the email provider the config picks. */
  providers?: Partial<Providers>;
  now?: () => Date;
}

/** Calendar push, busy sync, push-notification upkeep and iTIP invites, as the worker registers them. */
export function createCalendarActivities(deps: CalendarActivityDeps) {
  // Tests pass partial configs (messaging options only): the environment fills in the rest.
  const config = { ...loadConfig(), ...deps.config };
  const env = deps.env ?? calendarEnvFrom(config);
  const email = deps.providers?.email ?? createProviders(config).email;
  const clock = deps.now ? { now: deps.now } : {};
  return {
    pushAppointmentToCalendars: createPushAppointment({ orm: deps.orm, logger: deps.logger, env }),
    syncCalendarConnection: createSyncConnection({ orm: deps.orm, logger: deps.logger, env, ...clock }),
    watchCalendarConnection: createWatchConnection({ orm: deps.orm, logger: deps.logger, env, ...clock }),
    sendCalendarInvite: createSendCalendarInvite({ orm: deps.orm, logger: deps.logger, email, config }),
  };
}

export type CalendarActivities = ReturnType<typeof createCalendarActivities>;
