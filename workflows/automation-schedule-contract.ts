import type { TriggeredAutomation } from '../activities';

/** The workflow a schedule-triggered automation's Temporal Schedule starts at each fire. */
export const automationScheduleWorkflowType = 'automationSchedule';

/** One Temporal Schedule per schedule-triggered automation. */
export function automationScheduleId(tenantId: string, automationId: string): string {
  return `automation-schedule:${tenantId}:${automationId}`;
}

export interface AutomationScheduleInput {
  tenantId: string;
  automationId: string;
}

/** What a fan-out carries into its next execution on continue-as-new. */
export interface AutomationScheduleCarry {
  /** ISO-8601: the fire time (the filter's `now`, and part of each run's id and send keys). */
  firedAt: string;
  automation: TriggeredAutomation;
  after?: string;
  scanned: number;
  started: number;
}

export interface AutomationScheduleResult {
  firedAt: string;
  /** Customers whose filter was evaluated. */
  scanned: number;
  /** Runs started (one per matched customer). */
  started: number;
  /** Why nothing ran: the automation is paused, archived, deleted or no longer on a schedule. */
  skipped?: 'inactive';
}
