/** The one shape every report answers with; the exports and the UI render it generically. */
export type ValueUnit = 'money' | 'count' | 'percent' | 'hours' | 'days' | 'number';
export type ColumnType = ValueUnit | 'string' | 'date';

export interface Metric {
  key: string;
  label: string;
  unit: ValueUnit;
  value: number | null;
  previous: number | null;
  /** (value − previous) ÷ previous, null when there is nothing to compare with. */
  change: number | null;
}

export interface MetricValue {
  key: string;
  label: string;
  unit: ValueUnit;
  value: number | null;
  /** A point-in-time figure (balances, forecasts) has no previous period. */
  compare?: false;
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

export type Cell = string | number | null;

export interface Table {
  key: string;
  title: string;
  columns: Column[];
  rows: Array<Record<string, Cell>>;
  /** Rows left out by a size limit: the table says so rather than silently shortening. */
  truncated?: { shown: number; total: number };
}

/** What one report computes for one period. */
export interface PeriodResult {
  metrics: MetricValue[];
  series: Series;
  tables: Table[];
}

export interface ReportPeriod {
  from: string;
  to: string;
  /** Inclusive local dates, as a person reads them. */
  fromDate: string;
  toDate: string;
}

export interface Report {
  report: string;
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

export type GroupBy = 'day' | 'week' | 'month' | 'year';

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10000) / 10000 : null;
}

export function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return Math.round(((value - previous) / Math.abs(previous)) * 10000) / 10000;
}
