import ExcelJS from 'exceljs';
import { truncationNote } from './limit-report';
import type { ColumnType, Report } from './report-types';

const formats: Partial<Record<ColumnType, string>> = { money: '#,##0.00', percent: '0.0%', hours: '0.0', days: '0.0', count: '0', number: '0.00' };

/**
 * Money becomes currency units (cents ÷ 100) in number cells; rates are percent cells; dates are
 * date cells holding the business's local wall time (spreadsheets have no time zones).
 */
function cellValue(value: string | number | null | undefined, type: ColumnType): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (type === 'money' && typeof value === 'number') return value / 100;
  if (type === 'date' && typeof value === 'string') return new Date(`${value.slice(0, 19)}Z`);
  return value;
}

function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[\\/*?:[\]]/g, ' ').slice(0, 28);
  let name = base;
  for (let i = 2; used.has(name); i += 1) name = `${base.slice(0, 26)} ${i}`;
  used.add(name);
  return name;
}

/** A workbook: Summary (with the previous period), Series, then one sheet per table, typed cells. */
export async function renderXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Appointflow';
  wb.created = new Date(report.generatedAt);
  const used = new Set<string>();
  const summary = wb.addWorksheet(sheetName('Summary', used));
  summary.addRow([`${report.title} — ${report.tenant.name}`]).font = { bold: true, size: 14 };
  summary.addRow(['Period', report.period.fromDate, report.period.toDate, report.tenant.timezone]);
  summary.addRow(['Previous period', report.previousPeriod.fromDate, report.previousPeriod.toDate]);
  summary.addRow([]);
  summary.addRow(['Metric', 'Value', 'Previous', 'Change']).font = { bold: true };
  for (const m of report.metrics) {
    const row = summary.addRow([m.label, cellValue(m.value, m.unit), cellValue(m.previous, m.unit), m.change]);
    const fmt = formats[m.unit];
    if (fmt) { row.getCell(2).numFmt = fmt; row.getCell(3).numFmt = fmt; }
    row.getCell(4).numFmt = '0.0%';
  }
  summary.getColumn(1).width = 34;
  for (const c of [2, 3, 4]) summary.getColumn(c).width = 16;
  for (const note of report.notes) summary.addRow([note]);

  const series = wb.addWorksheet(sheetName('Series', used));
  series.addRow(['Bucket', ...report.series.keys.map((k) => k.label)]).font = { bold: true };
  for (const p of report.series.points) {
    const row = series.addRow([new Date(`${p.bucket}T00:00:00Z`), ...report.series.keys.map((k) => cellValue(p[k.key] as number, report.series.unit))]);
    row.getCell(1).numFmt = 'yyyy-mm-dd';
    const fmt = formats[report.series.unit];
    if (fmt) report.series.keys.forEach((_, i) => { row.getCell(i + 2).numFmt = fmt; });
  }

  for (const table of report.tables) {
    const ws = wb.addWorksheet(sheetName(table.title, used));
    ws.addRow(table.columns.map((c) => c.label)).font = { bold: true };
    for (const r of table.rows) {
      const row = ws.addRow(table.columns.map((c) => cellValue(r[c.key], c.type)));
      table.columns.forEach((c, i) => {
        const fmt = c.type === 'date' ? 'yyyy-mm-dd' : formats[c.type];
        if (fmt) row.getCell(i + 1).numFmt = fmt;
      });
    }
    table.columns.forEach((c, i) => { ws.getColumn(i + 1).width = c.type === 'string' ? 28 : 14; });
    const note = truncationNote(table);
    if (note) ws.addRow([note]).font = { italic: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
