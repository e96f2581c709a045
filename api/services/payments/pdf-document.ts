import PDFDocument from 'pdfkit';

export interface PdfLine {
  label: string;
  amount: string;
}

export interface PdfSpec {
  title: string;
  business: { name: string; address?: string };
  number: string;
  meta: Array<[string, string]>;
  billTo: string[];
  lines: PdfLine[];
  totals: PdfLine[];
  footer?: string;
}

/** A one-page receipt or invoice with pdfkit's built-in Helvetica (no font files to ship). */
export function renderPdf(spec: PdfSpec): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${spec.title} ${spec.number}`, Author: spec.business.name, Producer: 'Appointflow' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);

    doc.font('Helvetica-Bold').fontSize(20).text(spec.business.name);
    if (spec.business.address) doc.font('Helvetica').fontSize(10).text(spec.business.address);
    doc.moveDown(1.5);
    doc.font('Helvetica-Bold').fontSize(16).text(`${spec.title} ${spec.number}`);
    doc.moveDown(0.5).font('Helvetica').fontSize(10);
    for (const [key, value] of spec.meta) doc.text(`${key}: ${value}`);
    doc.moveDown().font('Helvetica-Bold').text('Billed to');
    doc.font('Helvetica');
    for (const line of spec.billTo) doc.text(line);
    doc.moveDown(1.5);

    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right;
    const row = (label: string, amount: string, bold = false) => {
      const y = doc.y;
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(label, left, y, { width: right - left - 120 });
      const after = doc.y;
      doc.text(amount, right - 120, y, { width: 120, align: 'right' });
      doc.y = Math.max(after, doc.y);
      doc.x = left;
    };
    row('Description', 'Amount', true);
    doc.moveTo(left, doc.y + 2).lineTo(right, doc.y + 2).stroke();
    doc.moveDown(0.5);
    for (const line of spec.lines) row(line.label, line.amount);
    doc.moveDown(0.5).moveTo(left, doc.y).lineTo(right, doc.y).stroke().moveDown(0.5);
    for (const total of spec.totals) row(total.label, total.amount, true);
    if (spec.footer) doc.moveDown(2).font('Helvetica').fontSize(9).fillColor('#555555').text(spec.footer, left, doc.y, { width: right - left });
    doc.end();
  });
}
