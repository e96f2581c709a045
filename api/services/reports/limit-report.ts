import type { Report } from './report-types';

/** Rows per table an export carries at most; beyond it the table is cut and says so. */
export const EXPORT_ROW_LIMIT = 5000;

export function limitReport(report: Report, limit = EXPORT_ROW_LIMIT): Report {
  const tables = report.tables.map((t) => (t.rows.length > limit ? { ...t, rows: t.rows.slice(0, limit), truncated: { shown: limit, total: t.rows.length } } : t));
  return { ...report, tables };
}

export function truncationNote(t: { truncated?: { shown: number; total: number } }): string | null {
  return t.truncated ? `Truncated: showing the first ${t.truncated.shown} of ${t.truncated.total} rows (export limit).` : null;
}
