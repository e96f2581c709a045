import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { Automation, Tenant } from '../../../db/entities';
import type { Logger } from '../../../runtime/logger';
import { automationScheduleId } from '../../../workflows/automation-schedule-contract';
import { ensureVaccinationSweepSchedule } from '../vaccinations/vaccination-sweep-schedule';
import { scheduledAutomationOf } from './scheduled-automation';
import { syncAutomationSchedule } from './sync-automation-schedule';

const PREFIX = 'automation-schedule:';

/**
 * At start-up: every schedule-triggered automation (all tenants) gets its Schedule as it should
 * be, Schedules of automations that are gone or off a schedule are deleted, and the daily
 * vaccination sweep exists. Cheap: one query and one call per schedule automation.
 */
export async function reconcileAutomationSchedules(options: { orm: MikroORM; temporal: Client; taskQueue: string; logger: Logger }): Promise<{ synced: number; deleted: number }> {
  const { temporal, taskQueue, logger } = options;
  const em = options.orm.em.fork();
  const automations = await em.find(Automation, { triggerEvent: 'schedule', status: { $in: ['active', 'paused'] } }, { filters: false });
  const wantedIds = new Set<string>();
  let synced = 0;
  for (const automation of automations) {
    const wanted = await scheduledAutomationOf(em, automation);
    if (wanted) wantedIds.add(automationScheduleId(automation.tenantId, automation.id));
    try {
      await syncAutomationSchedule({ temporal, taskQueue, logger }, { tenantId: automation.tenantId, automationId: automation.id, wanted });
      synced += 1;
    } catch (error) {
      logger.error({ err: error, automationId: automation.id }, 'could not reconcile an automation schedule');
    }
  }
  // Only this database's tenants: other deployments (or test databases) may share the namespace.
  const tenantIds = new Set((await em.find(Tenant, {}, { fields: ['id'], filters: false })).map((t) => t.id));
  let deleted = 0;
  for await (const schedule of temporal.schedule.list()) {
    if (!schedule.scheduleId.startsWith(PREFIX) || wantedIds.has(schedule.scheduleId)) continue;
    if (!tenantIds.has(schedule.scheduleId.slice(PREFIX.length).split(':')[0] ?? '')) continue;
    await temporal.schedule.getHandle(schedule.scheduleId).delete().catch(() => undefined);
    deleted += 1;
  }
  await ensureVaccinationSweepSchedule({ temporal, taskQueue, logger });
  logger.info({ synced, deleted }, 'automation schedules reconciled');
  return { synced, deleted };
}
