import { ScheduleNotFoundError } from '@temporalio/client';
import { AuditLog, type ReportFrequency, reportFrequencies, ReportSchedule, Tenant, User } from '../../../../db/entities';
import type { RequestContext } from '../../../context';
import { AppError } from '../../../errors';
import { createInTenant } from '../../tenant-scope';
import { reportScheduleId } from '../../../../workflows/report-schedule-contract';
import { type ReportScheduleSyncDeps, syncReportSchedule } from './sync-report-schedule';

export interface ReportScheduleInput {
  enabled?: boolean | undefined;
  recipients?: string[] | undefined;
  weekday?: number | undefined;
  dayOfMonth?: number | undefined;
  time?: string | undefined;
}

export interface ReportScheduleView {
  frequency: ReportFrequency;
  enabled: boolean;
  recipients: string[];
  weekday: number;
  dayOfMonth: number;
  time: string;
  timezone: string;
  lastPeriodStart: string | null;
  lastSentAt: string | null;
  /** When the Schedule fires next (from Temporal), while enabled. */
  nextRunAt: string | null;
}

async function ownerEmails(ctx: RequestContext): Promise<string[]> {
  const owners = await ctx.em.find(User, { role: 'owner', active: true }, { orderBy: { createdAt: 'asc' } });
  return owners.map((u) => u.email);
}

async function view(deps: Pick<ReportScheduleSyncDeps, 'temporal'>, row: ReportSchedule, timezone: string): Promise<ReportScheduleView> {
  let nextRunAt: string | null = null;
  if (row.enabled) {
    try {
      const description = await deps.temporal.schedule.getHandle(reportScheduleId(row.tenantId, row.frequency)).describe();
      nextRunAt = description.info.nextActionTimes[0]?.toISOString() ?? null;
    } catch (error) {
      if (!(error instanceof ScheduleNotFoundError)) throw error;
    }
  }
  return {
    frequency: row.frequency, enabled: row.enabled, recipients: row.recipients, weekday: row.weekday, dayOfMonth: row.dayOfMonth, time: row.time, timezone,
    lastPeriodStart: row.lastPeriodStart ?? null, lastSentAt: row.lastSentAt?.toISOString() ?? null, nextRunAt,
  };
}

/** Both scheduled reports; one never saved reads as off, addressed to the owners. */
export async function listReportSchedules(ctx: RequestContext, deps: Pick<ReportScheduleSyncDeps, 'temporal'>): Promise<ReportScheduleView[]> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const rows = await ctx.em.find(ReportSchedule, { tenantId: ctx.tenantId });
  const owners = await ownerEmails(ctx);
  return Promise.all(reportFrequencies.map((frequency) => {
    const row = rows.find((r) => r.frequency === frequency) ?? ctx.em.create(ReportSchedule, { tenantId: ctx.tenantId, frequency, recipients: owners }, { persist: false });
    return view(deps, row, tenant.timezone);
  }));
}

/**
 * Changes one scheduled report (fields left out keep their value; a new one is addressed to the
 * owners) and makes its Temporal Schedule match before committing, so a Temporal failure leaves
 * the setting as it was. Audit-logged.
 */
export async function updateReportSchedule(ctx: RequestContext, deps: ReportScheduleSyncDeps, frequency: ReportFrequency, input: ReportScheduleInput): Promise<ReportScheduleView> {
  const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
  const existing = await ctx.em.findOne(ReportSchedule, { tenantId: ctx.tenantId, frequency });
  const row = existing ?? createInTenant(ctx, ReportSchedule, { frequency });
  const before = existing ? { enabled: row.enabled, recipients: row.recipients, weekday: row.weekday, dayOfMonth: row.dayOfMonth, time: row.time } : null;
  if (input.enabled !== undefined) row.enabled = input.enabled;
  if (input.recipients !== undefined) row.recipients = [...new Set(input.recipients.map((r) => r.trim().toLowerCase()))];
  else if (!existing) row.recipients = await ownerEmails(ctx);
  if (row.enabled && row.recipients.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Add at least one recipient to turn the summary on', [{ path: 'recipients', message: 'Add at least one recipient to turn the summary on' }]);
  }
  if (input.weekday !== undefined) row.weekday = input.weekday;
  if (input.dayOfMonth !== undefined) row.dayOfMonth = input.dayOfMonth;
  if (input.time !== undefined) row.time = input.time;
  await syncReportSchedule({ ...deps, logger: ctx.logger }, row, tenant.timezone);
  const after = { enabled: row.enabled, recipients: row.recipients, weekday: row.weekday, dayOfMonth: row.dayOfMonth, time: row.time };
  createInTenant(ctx, AuditLog, { userId: ctx.user.id, action: 'report_schedule.update', entityType: 'report_schedule', entityId: row.id, changes: { before, after }, requestId: ctx.requestId });
  await ctx.em.flush();
  return view(deps, row, tenant.timezone);
}
