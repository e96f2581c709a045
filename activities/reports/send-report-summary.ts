import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { summaryEmail } from '../../api/services/reports/schedules/summary-email';
import { summaryPeriod } from '../../api/services/reports/schedules/summary-period';
import { runReport } from '../../api/services/reports/run-report';
import { ReportSchedule, Tenant } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import type { ReportSummaryInput, ReportSummaryResult } from '../../workflows/report-schedule-contract';
import type { EmailProvider } from '../messaging/providers';

/** The reports a summary carries, in this order. */
export const SUMMARY_REPORTS = ['revenue', 'appointments', 'customers', 'staff'] as const;

export interface SendReportSummaryDeps {
  orm: MikroORM;
  logger: Logger;
  email: EmailProvider;
  /** Base URL of the app, for the links to the full reports. */
  appUrl: string;
}

/**
 * Computes the summarised reports for the period just past and emails them, in one message, to
 * the schedule's recipients. The schedule row remembers the last period sent, so a retry after
 * the email left (or a second fire for the same period) sends nothing; a setting switched off
 * in the meantime wins over a fire already queued.
 */
export function createSendReportSummary(deps: SendReportSummaryDeps) {
  return async function sendReportSummary(input: ReportSummaryInput & { firedAt: string }): Promise<ReportSummaryResult> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const tenant = await em.findOne(Tenant, { id: input.tenantId });
    if (!tenant) throw ApplicationFailure.create({ message: `tenant ${input.tenantId} no longer exists`, type: 'TenantNotFound', nonRetryable: true });
    const schedule = await em.findOne(ReportSchedule, { tenantId: input.tenantId, frequency: input.frequency });
    const log = deps.logger.child({ tenantId: input.tenantId, frequency: input.frequency });
    if (!schedule?.enabled) return { status: 'disabled' };
    const period = summaryPeriod(input.frequency, new Date(input.firedAt), tenant.timezone);
    if (schedule.lastPeriodStart === period.from) return { status: 'already_sent', fromDate: period.from, toDate: period.to };
    if (schedule.recipients.length === 0) return { status: 'no_recipients', fromDate: period.from, toDate: period.to };

    const reports = [];
    for (const name of SUMMARY_REPORTS) reports.push(await runReport(em, tenant.id, { name, from: period.from, to: period.to }));
    const email = summaryEmail({ frequency: input.frequency, businessName: tenant.name, reports, appUrl: deps.appUrl });
    const key = `report-summary.${input.frequency}.${period.from}.${tenant.id}`;
    await deps.email.send({
      to: schedule.recipients.join(', '),
      fromName: tenant.name,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageIdHeader: `<${key}@appointflow>`,
      messageId: key,
    });
    schedule.lastPeriodStart = period.from;
    schedule.lastSentAt = new Date();
    await em.flush();
    log.info({ from: period.from, to: period.to, recipients: schedule.recipients.length }, 'report summary sent');
    return { status: 'sent', fromDate: period.from, toDate: period.to, recipients: schedule.recipients.length };
  };
}
