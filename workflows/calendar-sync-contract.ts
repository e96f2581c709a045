import { defineSignal } from '@temporalio/workflow';

/** Names shared by the API (which starts and signals) and the calendar sync workflow. */
export interface CalendarSyncInput {
  tenantId: string;
  connectionId: string;
  /** Minutes between polls when no push notification arrives (15). */
  pollMinutes?: number;
}

export const calendarSyncWorkflowType = 'calendarSyncWorkflow';
/** Something changed in the calendar (a push notification, or "sync now"). */
export const calendarChangedSignal = defineSignal('calendarChanged');
/** The connection was removed: end. */
export const calendarDisconnectedSignal = defineSignal('calendarDisconnected');

export function calendarSyncWorkflowId(tenantId: string, connectionId: string): string {
  return `calendar-sync:${tenantId}:${connectionId}`;
}
