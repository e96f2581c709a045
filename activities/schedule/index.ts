import type { MikroORM } from '@mikro-orm/postgresql';
import { createFindScheduleAudienceActivity } from './find-schedule-audience';
import { createLoadScheduledAutomationActivity } from './load-scheduled-automation';

/** What a schedule-triggered automation's fan-out workflow reads. */
export function createScheduleActivities(deps: { orm: MikroORM }) {
  return {
    loadScheduledAutomation: createLoadScheduledAutomationActivity(deps),
    findScheduleAudience: createFindScheduleAudienceActivity(deps),
  };
}

export type { ScheduleAudienceInput, ScheduleAudiencePage } from './find-schedule-audience';
export { customerSection, petSection, tenantSection } from './customer-context';
