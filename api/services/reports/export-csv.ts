import type { Writable } from 'node:stream';
import { truncationNote } from './limit-report';
import type { Cell, Report } from './report-types';

function csvCell(value: Cell | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: Array<Cell | undefined>) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * Writes the report as CSV sections (summary, series, then each table), one row at a time, with
 * back-pressure. Money stays in minor units (…Cents columns) and rates as fractions, so the
 * numbers parse back exactly.
 */
export async function writeCsv(report: Report, out: Writable): Promise<void> {
  const write = async (text: string) => {
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write(line([`${report.title} report`, report.tenant.name, `${report.period.fromDate} to ${report.period.toDate}`, `previous ${report.previousPeriod.fromDate} to ${report.previousPeriod.toDate}`, report.tenant.timezone]));
  await write('\r\n');
  await write(line(['section', 'metric', 'label', 'unit', 'value', 'previous', 'change']));
  for (const m of report.metrics) await write(line(['summary', m.key, m.label, m.unit, m.value, m.previous, m.change]));
  await write('\r\n');
  await write(line(['section', 'bucket', ...report.series.keys.map((k) => k.key)]));
  for (const p of report.series.points) await write(line(['series', p.bucket, ...report.series.keys.map((k) => p[k.key])]));
  for (const table of report.tables) {
    await write('\r\n');
    await write(line(['section', ...table.columns.map((c) => c.key)]));
    for (const row of table.rows) await write(line([table.key, ...table.columns.map((c) => row[c.key])]));
    const note = truncationNote(table);
    if (note) await write(line([table.key, note]));
  }
}
