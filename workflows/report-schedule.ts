import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ReportSummaryInput, ReportSummaryResult } from './report-schedule-contract';

const { sendReportSummary } = proxyActivities<Pick<Activities, 'sendReportSummary'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 20, nonRetryableErrorTypes: ['TenantNotFound'] },
});

/**
 * Started by the Schedule `report-summary:<tenant>:<frequency>`: emails the summary of the period
 * that ended before this fire (the week or the month just past, in the business's zone). The
 * fire time comes from the workflow clock, so a retry summarises the same period.
 */
export async function reportSummaryWorkflow(input: ReportSummaryInput): Promise<ReportSummaryResult> {
  return sendReportSummary({ ...input, firedAt: new Date(Date.now()).toISOString() });
}
