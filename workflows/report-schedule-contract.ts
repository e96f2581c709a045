/** What the scheduled-report workflow receives from its Temporal Schedule. */
export const reportSummaryWorkflowType = 'reportSummaryWorkflow';

export type ReportSummaryFrequency = 'weekly' | 'monthly';

export interface ReportSummaryInput {
  tenantId: string;
  frequency: ReportSummaryFrequency;
}

export interface ReportSummaryResult {
  status: 'sent' | 'already_sent' | 'disabled' | 'no_recipients';
  /** First and last local day summarised. */
  fromDate?: string;
  toDate?: string;
  recipients?: number;
}

export function reportScheduleId(tenantId: string, frequency: ReportSummaryFrequency): string {
  return `report-summary:${tenantId}:${frequency}`;
}
