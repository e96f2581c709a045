import '../helpers/fresh-orm-metadata';
import { parseString } from '@fast-csv/parse';
import ExcelJS from 'exceljs';
import { formatValue } from '../../api/services/reports/format-value';
import { EXPORT_ROW_LIMIT } from '../../api/services/reports/limit-report';
import type { Cell, ColumnType, Report } from '../../api/services/reports/report-types';
import { reportsRange } from '../fixtures/reports-dataset';
import { startReportsApp } from '../fixtures/reports-app';
import type { TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';
import { pdfText } from '../helpers/pdf-text';

const reportNames = ['revenue', 'appointments', 'funnel', 'customers', 'staff', 'messaging', 'automations'];
const range = `from=${reportsRange.from}&to=${reportsRange.to}`;

async function parseCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(text, { ignoreEmpty: true })
      .on('error', reject)
      .on('data', (row: string[]) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

const numeric = (type: ColumnType | 'string') => type !== 'string' && type !== 'date';
const fromCsv = (text: string | undefined, type: ColumnType | 'string'): Cell => (text === undefined || text === '' ? null : numeric(type) ? Number(text) : text);

/** The CSV read back into the report's own shape: metrics, series points and table rows. */
function readCsv(rows: string[][], report: Report) {
  const metrics = rows.filter((r) => r[0] === 'summary').map((r) => ({ key: r[1], value: fromCsv(r[4], 'number'), previous: fromCsv(r[5], 'number'), change: fromCsv(r[6], 'number') }));
  const points = rows.filter((r) => r[0] === 'series').map((r) => ({ bucket: r[1], ...Object.fromEntries(report.series.keys.map((k, i) => [k.key, Number(r[i + 2])])) }));
  const tables = report.tables.map((t) => ({
    key: t.key,
    rows: rows.filter((r) => r[0] === t.key && r.length === t.columns.length + 1).map((r) => Object.fromEntries(t.columns.map((c, i) => [c.key, fromCsv(r[i + 1], c.type)]))),
  }));
  return { metrics, points, tables };
}

/** What an XLSX cell should hold for a figure: money in currency units, dates as local wall time. */
function xlsxValue(value: Cell | undefined, type: ColumnType | 'string'): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'money' && typeof value === 'number') return value / 100;
  if (type === 'date' && typeof value === 'string') return new Date(`${value.slice(0, 19)}Z`);
  return value;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A cell as it reads in the PDF's text: a cell too long for its column wraps onto more lines. */
const cellPattern = (cell: string) => [...cell.replace(/\s+/g, '')].map(escape).join('\\s?');

describe('report exports parse back to the same figures', () => {
  let app: TestApp;
  let owner: SignedUp;
  const download = async (name: string, format: string, token = owner.token, query = range) => {
    const res = await fetch(`${app.baseUrl}/api/reports/${name}?${query}&format=${format}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    return res;
  };
  const json = async (name: string) => (await owner.api.get(`/api/reports/${name}?${range}`)).body as Report;

  beforeAll(async () => {
    ({ app, owner } = await startReportsApp());
  });
  afterAll(async () => {
    await app?.close();
  });

  test.each(reportNames)('%s as CSV', async (name) => {
    const report = await json(name);
    const res = await download(name, 'csv');
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${name}-2026-03-02-2026-03-15.csv"`);
    const back = readCsv(await parseCsv(await res.text()), report);
    expect(back.metrics).toEqual(report.metrics.map((m) => ({ key: m.key, value: m.value, previous: m.previous, change: m.change })));
    expect(back.points).toEqual(report.series.points);
    expect(back.tables).toEqual(report.tables.map((t) => ({ key: t.key, rows: t.rows })));
  });

  test('CSV figures are the hand-checked ones', async () => {
    const rows = await parseCsv(await (await download('revenue', 'csv')).text());
    expect(rows.find((r) => r[1] === 'netRevenueCents')).toEqual(['summary', 'netRevenueCents', 'Net revenue', 'money', '23100', '4000', '4.775']);
    expect(rows.find((r) => r[0] === 'byPaymentMethod' && r[1] === 'card')).toEqual(['byPaymentMethod', 'card', '9500', '3000', '6500', '3']);
  });

  test.each(reportNames)('%s as XLSX with typed cells', async (name) => {
    const report = await json(name);
    const res = await download(name, 'xlsx');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const [summary, series, ...tableSheets] = wb.worksheets;
    const summaryRows = new Map<string, ExcelJS.Row>();
    summary?.eachRow((row) => summaryRows.set(String(row.getCell(1).value), row));
    for (const m of report.metrics) {
      const row = summaryRows.get(m.label);
      expect([m.key, row?.getCell(2).value ?? null, row?.getCell(3).value ?? null, row?.getCell(4).value ?? null]).toEqual([m.key, xlsxValue(m.value, m.unit), xlsxValue(m.previous, m.unit), m.change]);
      if (m.value !== null) expect(typeof row?.getCell(2).value).toBe('number');
    }
    expect(series?.getRow(1).values).toEqual([undefined, 'Bucket', ...report.series.keys.map((k) => k.label)]);
    report.series.points.forEach((p, i) => {
      const row = series?.getRow(i + 2);
      expect(row?.getCell(1).value).toEqual(new Date(`${p.bucket}T00:00:00Z`));
      report.series.keys.forEach((k, j) => expect(row?.getCell(j + 2).value).toBe(xlsxValue(p[k.key] as number, report.series.unit)));
    });
    expect(tableSheets).toHaveLength(report.tables.length);
    report.tables.forEach((t, ti) => {
      const ws = tableSheets[ti];
      expect(ws?.getRow(1).values).toEqual([undefined, ...t.columns.map((c) => c.label)]);
      expect(ws?.rowCount).toBe(t.rows.length + 1);
      t.rows.forEach((r, ri) => {
        const cells = t.columns.map((_, ci) => ws?.getRow(ri + 2).getCell(ci + 1).value ?? null);
        expect(cells).toEqual(t.columns.map((c) => xlsxValue(r[c.key], c.type)));
      });
    });
  });

  test('XLSX money is in currency units with a number format, rates are percent cells', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await download('revenue', 'xlsx')).arrayBuffer());
    const summary = wb.getWorksheet('Summary');
    const net = summary?.getRows(1, 30)?.find((r) => r.getCell(1).value === 'Net revenue');
    expect([net?.getCell(2).value, net?.getCell(3).value, net?.getCell(4).value]).toEqual([231, 40, 4.775]);
    expect(net?.getCell(2).numFmt).toBe('#,##0.00');
    expect(net?.getCell(4).numFmt).toBe('0.0%');
  });

  test.each(reportNames)('%s as PDF: the text carries every figure', async (name) => {
    const report = await json(name);
    const res = await download(name, 'pdf');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(await res.arrayBuffer())).replace(/\s+/g, ' ');
    const currency = report.tenant.currency;
    expect(text).toContain(report.tenant.name);
    expect(text).toContain(`${report.title} report · 2026-03-02 to 2026-03-15 (America/New_York)`);
    for (const m of report.metrics) {
      expect(text).toContain(m.label);
      expect(text).toContain(formatValue(m.value, m.unit, currency));
      if (m.previous !== null) expect(text).toContain(`prev ${formatValue(m.previous, m.unit, currency)}`);
    }
    for (const t of report.tables) {
      expect(text).toContain(t.title);
      // Tables wider than the page are split into column groups that each repeat the first column.
      const [first, ...rest] = t.columns;
      for (let i = 0; i < rest.length || i === 0; i += 8) {
        const columns = first ? [first, ...rest.slice(i, i + 8)] : [];
        for (const row of t.rows) {
          const cells = columns.map((c) => formatValue(row[c.key], c.type, currency));
          expect(text).toMatch(new RegExp(cells.map(cellPattern).join(' ')));
        }
      }
    }
  });

  test('PDF figures are the hand-checked ones', async () => {
    const text = (await pdfText(await (await download('staff', 'pdf')).arrayBuffer())).replace(/\s+/g, ' ');
    expect(text).toContain('Maya 3 2 1 33.3% $111.00 3.0 h 72.0 h 4.2%');
    expect(text).toContain('Leo 3 3 0 0.0% $20.00 1.5 h 12.0 h 12.5%');
    expect(text).toContain('Staff Rating Reviews Leo 3 1 Maya 4.5 2');
  });

  test('exports are cut at the row limit and say so', async () => {
    const big = await signup(app.baseUrl, { timezone: 'America/New_York' });
    // 1,001 booking pages × 5 funnel steps = 5,005 rows in the by-page table.
    await app.orm.em.getConnection().execute(
      `insert into funnel_events (id, tenant_id, session_id, step, source, occurred_at)
       select gen_random_uuid(), ?, 'big-' || g, 'view', 'page-' || lpad(g::text, 4, '0'), '2026-03-05T15:00:00Z' from generate_series(1, 1001) g`,
      [big.tenant.id],
    );
    const note = `Truncated: showing the first ${EXPORT_ROW_LIMIT} of 5005 rows (export limit).`;
    const full = (await big.api.get(`/api/reports/funnel?${range}`)).body as Report;
    expect(full.tables.find((t) => t.key === 'byPage')?.rows).toHaveLength(5005);

    const csv = await parseCsv(await (await download('funnel', 'csv', big.token)).text());
    expect(csv.filter((r) => r[0] === 'byPage' && r.length > 2)).toHaveLength(EXPORT_ROW_LIMIT);
    expect(csv).toContainEqual(['byPage', note]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await download('funnel', 'xlsx', big.token)).arrayBuffer());
    const byPage = wb.worksheets[3];
    expect(byPage?.rowCount).toBe(EXPORT_ROW_LIMIT + 2);
    expect(byPage?.getRow(EXPORT_ROW_LIMIT + 2).getCell(1).value).toBe(note);

    const text = (await pdfText(await (await download('funnel', 'pdf', big.token)).arrayBuffer(), { last: 2 })).replace(/\s+/g, ' ');
    expect(text).toContain(note);
  });
});
