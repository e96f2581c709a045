import type { EntityManager } from '@mikro-orm/postgresql';
import { Tenant } from '../../../db/entities';
import { notFound } from '../../errors';
import { appointmentsReport } from './appointments-report';
import { automationsReport } from './automations-report';
import { customersReport } from './customers-report';
import { funnelReport } from './funnel-report';
import { offsetSpans } from './local-time-sql';
import { messagingReport } from './messaging-report';
import type { ReportDefinition, ReportOptions } from './report-definition';
import { bucketLabels, describePeriod, type Preset, resolvePeriod } from './report-period';
import { change, type GroupBy, type Report } from './report-types';
import { revenueReport } from './revenue-report';
import { staffReport } from './staff-report';

export const reportDefinitions: Record<string, ReportDefinition> = Object.fromEntries(
  [revenueReport, appointmentsReport, customersReport, staffReport, messagingReport, automationsReport, funnelReport].map((d) => [d.name, d]),
);
export const reportNames = Object.keys(reportDefinitions);

export interface ReportRequest {
  name: string;
  from?: string;
  to?: string;
  preset?: Preset;
  groupBy?: GroupBy;
  churnDays?: number;
  now?: Date;
}

/** Computes a report for the period and the one before it, in the tenant's time zone. */
export async function runReport(em: EntityManager, tenantId: string, request: ReportRequest): Promise<Report> {
  const definition = reportDefinitions[request.name];
  if (!definition) throw notFound('Report', request.name);
  const tenant = await em.findOneOrFail(Tenant, { id: tenantId });
  const tz = tenant.timezone;
  const period = resolvePeriod(request, tz, request.now);
  const options: ReportOptions = { churnDays: request.churnDays ?? 90, current: true };
  const scope = (from: Date, to: Date) => ({ tenant: tenantId, from, to, tz, unit: period.groupBy, spans: offsetSpans(tz, from, to) });
  const [current, previous] = await Promise.all([
    definition.compute(em, scope(period.from, period.to), bucketLabels(period.from, period.to, tz, period.groupBy), options),
    definition.compute(em, scope(period.previousFrom, period.previousTo), bucketLabels(period.previousFrom, period.previousTo, tz, period.groupBy), { ...options, current: false }),
  ]);
  return {
    report: definition.name,
    title: definition.title,
    tenant: { id: tenant.id, name: tenant.name, timezone: tz, currency: tenant.currency },
    generatedAt: new Date().toISOString(),
    groupBy: period.groupBy,
    preset: period.preset,
    period: describePeriod(period.from, period.to, tz),
    previousPeriod: describePeriod(period.previousFrom, period.previousTo, tz),
    metrics: current.metrics.map((m) => {
      const prev = m.compare === false ? null : (previous.metrics.find((p) => p.key === m.key)?.value ?? null);
      return { key: m.key, label: m.label, unit: m.unit, value: m.value, previous: prev, change: change(m.value, prev) };
    }),
    series: current.series,
    previousSeries: previous.series,
    tables: current.tables,
    notes: definition.notes,
  };
}
