import PDFDocument from 'pdfkit';
import { formatValue } from './format-value';
import { truncationNote } from './limit-report';
import type { Report, Table } from './report-types';

type Doc = InstanceType<typeof PDFDocument>;

/** At most this many columns fit across an A4 landscape page; wider tables (the heatmap) are split. */
const MAX_COLUMNS = 9;

function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawChart(doc: Doc, report: Report, color: string) {
  const key = report.series.keys[0];
  const points = report.series.points;
  if (!key || points.length === 0) return;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const height = 120;
  ensureSpace(doc, height + 40);
  doc.font('Helvetica-Bold').fontSize(11).fillColor('#111111').text(`${key.label} by ${report.groupBy}`, left, doc.y);
  const top = doc.y + 6;
  const values = points.map((p) => Number(p[key.key]) || 0);
  const max = Math.max(...values.map(Math.abs), 1);
  const barWidth = width / values.length;
  doc.moveTo(left, top + height).lineTo(left + width, top + height).strokeColor('#999999').stroke();
  values.forEach((v, i) => {
    const h = (Math.abs(v) / max) * height;
    doc.rect(left + i * barWidth + barWidth * 0.1, top + height - h, Math.max(barWidth * 0.8, 0.5), h).fill(v < 0 ? '#dc2626' : color);
  });
  doc.font('Helvetica').fontSize(7).fillColor('#555555');
  doc.text(points[0]?.bucket ?? '', left, top + height + 3);
  doc.text(points[points.length - 1]?.bucket ?? '', left, top + height + 3, { width, align: 'right' });
  doc.text(`max ${formatValue(max, report.series.unit, report.tenant.currency)}`, left, top - 2, { width, align: 'right' });
  doc.x = left;
  doc.y = top + height + 18;
}

function drawTable(doc: Doc, table: Table, currency: string, color: string) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const [first, ...rest] = table.columns;
  if (!first) return;
  const chunks: Table['columns'][] = [];
  for (let i = 0; i < rest.length || i === 0; i += MAX_COLUMNS - 1) chunks.push([first, ...rest.slice(i, i + MAX_COLUMNS - 1)]);
  for (const columns of chunks) {
    ensureSpace(doc, 60);
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#111111').text(table.title, left, doc.y);
    doc.moveDown(0.3);
    // Text columns get twice the room of figures; a long cell wraps and its row grows to fit.
    const shares = columns.map((c) => (c.type === 'string' ? 2 : 1));
    const unit = width / shares.reduce((a, b) => a + b, 0);
    const xs = shares.map((_, i) => left + shares.slice(0, i).reduce((a, b) => a + b, 0) * unit);
    const row = (cells: string[], bold: boolean) => {
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
      const options = (i: number) => ({ width: (shares[i] ?? 1) * unit - 4, align: i === 0 ? ('left' as const) : ('right' as const) });
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, options(i)))) + 2;
      ensureSpace(doc, height);
      const y = doc.y;
      doc.fillColor(bold ? color : '#222222');
      cells.forEach((cell, i) => doc.text(cell, xs[i] ?? left, y, options(i)));
      doc.x = left;
      doc.y = y + Math.max(height, 12);
    };
    row(columns.map((c) => c.label), true);
    if (table.rows.length === 0) row(['No data in this period'], false);
    for (const r of table.rows) row(columns.map((c) => formatValue(r[c.key], c.type, currency)), false);
    const note = truncationNote(table);
    if (note) doc.font('Helvetica-Oblique').fontSize(8).fillColor('#aa0000').text(note, left, doc.y);
    doc.moveDown(0.8);
  }
}

/** A branded PDF (the business's name and colour): summary with the previous period, a chart, every table. */
export function renderReportPdf(report: Report, brandColor = '#2563eb'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, info: { Title: `${report.title} — ${report.tenant.name}`, Author: report.tenant.name, Producer: 'Appointflow' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const currency = report.tenant.currency;
    doc.rect(0, 0, doc.page.width, 8).fill(brandColor);
    doc.fillColor('#111111').font('Helvetica-Bold').fontSize(18).text(report.tenant.name, left, 24);
    doc.font('Helvetica').fontSize(12).text(`${report.title} report · ${report.period.fromDate} to ${report.period.toDate} (${report.tenant.timezone})`);
    doc.fontSize(9).fillColor('#555555').text(`Compared with ${report.previousPeriod.fromDate} to ${report.previousPeriod.toDate} · generated ${report.generatedAt}`);
    doc.moveDown();
    const cols = 4;
    const boxW = width / cols;
    report.metrics.forEach((m, i) => {
      if (i % cols === 0) ensureSpace(doc, 44);
      const y = i % cols === 0 ? doc.y : doc.y - 40;
      const x = left + (i % cols) * boxW;
      doc.font('Helvetica').fontSize(8).fillColor('#555555').text(m.label, x, y, { width: boxW - 8 });
      doc.font('Helvetica-Bold').fontSize(13).fillColor('#111111').text(formatValue(m.value, m.unit, currency), x, y + 11, { width: boxW - 8 });
      const cmp = m.previous === null ? '' : `prev ${formatValue(m.previous, m.unit, currency)}${m.change === null ? '' : ` (${m.change >= 0 ? '+' : ''}${(m.change * 100).toFixed(1)}%)`}`;
      doc.font('Helvetica').fontSize(7).fillColor('#555555').text(cmp, x, y + 27, { width: boxW - 8 });
      doc.x = left;
      doc.y = y + 40;
    });
    doc.moveDown();
    drawChart(doc, report, brandColor);
    for (const table of report.tables) drawTable(doc, table, currency, brandColor);
    doc.font('Helvetica').fontSize(7).fillColor('#555555');
    for (const note of report.notes) doc.text(note, left, doc.y, { width });
    doc.end();
  });
}
