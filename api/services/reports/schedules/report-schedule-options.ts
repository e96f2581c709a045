import { type DayOfWeek, type ScheduleOptions, ScheduleOverlapPolicy } from '@temporalio/client';
import type { ReportSchedule } from '../../../../db/entities';
import { reportScheduleId, type ReportSummaryInput, reportSummaryWorkflowType } from '../../../../workflows/report-schedule-contract';

const isoWeekdays: DayOfWeek[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/**
 * The Temporal Schedule of one scheduled report: its weekday (or day of month) and local time in
 * the business's zone, starting the summary workflow. Overlapping fires are skipped; a fire missed
 * during an outage still goes out within a day.
 */
export function reportScheduleOptions(schedule: Pick<ReportSchedule, 'tenantId' | 'frequency' | 'weekday' | 'dayOfMonth' | 'time'>, timezone: string, taskQueue: string): ScheduleOptions {
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const scheduleId = reportScheduleId(schedule.tenantId, schedule.frequency);
  const day = schedule.frequency === 'weekly' ? { dayOfWeek: isoWeekdays[schedule.weekday - 1] as DayOfWeek } : { dayOfMonth: schedule.dayOfMonth };
  return {
    scheduleId,
    spec: { calendars: [{ ...day, hour, minute, comment: `${schedule.frequency} report summary` }], timezone },
    action: {
      type: 'startWorkflow',
      workflowType: reportSummaryWorkflowType,
      workflowId: `${scheduleId}:fire`,
      taskQueue,
      args: [{ tenantId: schedule.tenantId, frequency: schedule.frequency } satisfies ReportSummaryInput],
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    state: { note: `${schedule.frequency} report summary at ${schedule.time} ${timezone}` },
  };
}
