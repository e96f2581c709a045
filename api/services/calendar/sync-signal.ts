import type { Client } from '@temporalio/client';
import type { Logger } from '../../../runtime/logger';
import {
  calendarChangedSignal,
  calendarDisconnectedSignal,
  type CalendarSyncInput,
  calendarSyncWorkflowId,
  calendarSyncWorkflowType,
} from '../../../workflows/calendar-sync-contract';

/**
 * Wakes the connection's sync workflow, starting it when it is not running (after a connect, or
 * when it ended on an error). A Temporal failure is logged, not raised: the poll of the next
 * start, or the next notification, catches up.
 */
export async function signalCalendarSync(options: { temporal: Client; taskQueue: string; logger: Logger; input: CalendarSyncInput }): Promise<boolean> {
  const workflowId = calendarSyncWorkflowId(options.input.tenantId, options.input.connectionId);
  try {
    await options.temporal.workflow.signalWithStart(calendarSyncWorkflowType, {
      workflowId,
      taskQueue: options.taskQueue,
      args: [options.input],
      signal: calendarChangedSignal,
      signalArgs: [],
    });
    return true;
  } catch (err) {
    options.logger.error({ err, workflowId }, 'could not signal the calendar sync workflow');
    return false;
  }
}

/** Ends the sync workflow of a removed connection (it would find the row gone anyway). */
export async function stopCalendarSync(options: { temporal: Client; logger: Logger; tenantId: string; connectionId: string }): Promise<void> {
  const workflowId = calendarSyncWorkflowId(options.tenantId, options.connectionId);
  await options.temporal.workflow
    .getHandle(workflowId)
    .signal(calendarDisconnectedSignal)
    .catch((err: unknown) => options.logger.debug({ err, workflowId }, 'calendar sync workflow not running'));
}
