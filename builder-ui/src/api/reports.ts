import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ApiError, errorFromBody } from './errors';
import { api, buildUrl } from './client';
import { readToken } from './token';

/** Mirrors api/services/reports/report-types.ts: every report answers with this one shape. */
export type ValueUnit = 'money' | 'count' | 'percent' | 'hours' | 'days' | 'number';
export type ColumnType = ValueUnit | 'string' | 'date';
export type GroupBy = 'day' | 'week' | 'month' | 'year';
export type Preset = '7d' | '30d' | '90d' | '1y';
export type ExportFormat = 'csv' | 'xlsx' | 'pdf' | 'json';
export type Cell = string | number | null;

export const REPORT_NAMES = ['revenue', 'appointments', 'customers', 'staff', 'messaging', 'automations', 'funnel'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface Metric {
  key: string;
  label: string;
  unit: ValueUnit;
  value: number | null;
  previous: number | null;
  change: number | null;
}

export interface SeriesPoint {
  bucket: string;
  [key: string]: string | number;
}

export interface Series {
  unit: ValueUnit;
  keys: Array<{ key: string; label: string }>;
  points: SeriesPoint[];
}

export interface Column {
  key: string;
  label: string;
  type: ColumnType;
}

export interface Table {
  key: string;
  title: string;
  columns: Column[];
  rows: Array<Record<string, Cell>>;
  truncated?: { shown: number; total: number };
}

export interface ReportPeriod {
  from: string;
  to: string;
  fromDate: string;
  toDate: string;
}

export interface Report {
  report: ReportName;
  title: string;
  tenant: { id: string; name: string; timezone: string; currency: string };
  generatedAt: string;
  groupBy: GroupBy;
  preset: string | null;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  metrics: Metric[];
  series: Series;
  previousSeries: Series;
  tables: Table[];
  notes: string[];
}

/** Either a preset or a custom from/to (local dates, `to` included); groupBy left out lets the API choose. */
export type ReportRange = { preset: Preset; from?: undefined; to?: undefined } | { preset?: undefined; from: string; to: string };
export type ReportQuery = ReportRange & { groupBy?: GroupBy };

function queryOf(query: ReportQuery) {
  return { preset: query.preset, from: query.from, to: query.to, groupBy: query.groupBy };
}

export function useReport(name: ReportName, query: ReportQuery) {
  return useQuery({
    queryKey: ['reports', name, queryOf(query)],
    queryFn: ({ signal }) => api.get<Report>(`/api/reports/${name}`, queryOf(query), signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', pdf: 'pdf', json: 'json' };

function filenameFrom(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return match?.[1] ?? fallback;
}

/**
 * Downloads an export with the bearer token (a plain link could not send it): fetch, then save
 * the blob through a temporary object URL.
 */
export async function downloadReport(name: ReportName, query: ReportQuery, format: ExportFormat): Promise<string> {
  const token = readToken();
  const response = await fetch(buildUrl(`/api/reports/${name}`, { ...queryOf(query), format }), {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  }).catch(() => {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection and try again.');
  });
  if (!response.ok) {
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      /* not JSON: keep the text */
    }
    throw errorFromBody(response.status, body);
  }
  const blob = await response.blob();
  const fallback = `${name}-${query.preset ?? `${query.from}-${query.to}`}.${EXTENSIONS[format]}`;
  const filename = filenameFrom(response.headers.get('Content-Disposition'), fallback);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return filename;
}

/** GET /api/dashboard/today (api/services/dashboard/today.ts). */
export interface DashboardToday {
  date: string;
  timezone: string;
  currency: string;
  revenue: { netCents: number; payments: number } | null;
  appointments: { total: number; byStatus: Record<string, number> };
  upcoming: Array<{ id: string; startsAt: string; endsAt: string; status: string; customer: string; service: string; staff: string | null; pet: string | null }>;
  recentNoShows: Array<{ id: string; startsAt: string; customer: string; phone: string | null; service: string; staff: string | null }>;
  failedMessages: Array<{ id: string; channel: string; to: string; error: string | null; createdAt: string; customer: string | null }>;
  expiringVaccinations: Array<{ id: string; name: string; expiresOn: string; pet: string; customer: string }>;
  failingAutomations: Array<{ id: string; name: string; failed: number; lastFailedAt: string | null }>;
  alerts: Array<{ kind: 'failed_messages' | 'expiring_vaccinations' | 'failing_automation'; severity: 'error' | 'warning'; message: string; automationId?: string }>;
}

export const DASHBOARD_REFRESH_MS = 30_000;

export function useDashboardToday() {
  return useQuery({
    queryKey: ['dashboard', 'today'],
    queryFn: ({ signal }) => api.get<DashboardToday>('/api/dashboard/today', undefined, signal),
    refetchInterval: DASHBOARD_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
}
