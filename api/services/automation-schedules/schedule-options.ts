import type { ScheduleOptions } from '@temporalio/client';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import type { AutomationDefinition } from '../../../workflows/dsl';
import {
  automationScheduleId,
  type AutomationScheduleInput,
  automationScheduleWorkflowType,
} from '../../../workflows/automation-schedule-contract';

export interface ScheduledAutomation {
  tenantId: string;
  id: string;
  name: string;
  /** Whether fires should start runs now (paused automations keep their Schedule, paused). */
  active: boolean;
  version: number;
  definition: AutomationDefinition;
}

/** Shown as the Schedule's note in the Temporal UI, and how a describe tells the version it runs. */
export function scheduleNote(automation: ScheduledAutomation): string {
  const schedule = automation.definition.trigger.schedule;
  return `${automation.name} · v${automation.version} · cron "${schedule?.cron}" in ${schedule?.timezone}${automation.active ? '' : ' · paused with the automation'}`;
}

/**
 * The Temporal Schedule of a schedule-triggered automation: its cron in its zone, starting the
 * fan-out workflow. A fire that overlaps a fan-out still running is skipped; a server outage
 * catches up at most one hour late (a birthday greeting a day late is worse than none).
 */
export function scheduleOptions(automation: ScheduledAutomation, taskQueue: string): ScheduleOptions {
  const schedule = automation.definition.trigger.schedule;
  if (!schedule) throw new Error(`automation ${automation.id} has no schedule trigger`);
  const scheduleId = automationScheduleId(automation.tenantId, automation.id);
  return {
    scheduleId,
    spec: { cronExpressions: [schedule.cron], timezone: schedule.timezone },
    action: {
      type: 'startWorkflow',
      workflowType: automationScheduleWorkflowType,
      workflowId: `${scheduleId}:fire`,
      taskQueue,
      args: [{ tenantId: automation.tenantId, automationId: automation.id } satisfies AutomationScheduleInput],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    state: { paused: !automation.active, note: scheduleNote(automation) },
  };
}
