import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * The text of a PDF, extracted with pdf-parse (pdf.js) in a plain Node child process: pdf.js loads
 * its worker with a dynamic import(), which jest's module sandbox refuses.
 */
export async function pdfText(pdf: Buffer | ArrayBuffer, pages: { first?: number; last?: number } = {}): Promise<string> {
  const script = `
    const { PDFParse } = require('pdf-parse');
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', async () => {
      const parser = new PDFParse({ data: Buffer.concat(chunks) });
      const result = await parser.getText(JSON.parse(process.argv[1]));
      await parser.destroy();
      process.stdout.write(result.text);
    });`;
  const child = spawn(process.execPath, ['-e', script, JSON.stringify(pages)], { cwd: path.resolve(__dirname, '../..'), stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(Buffer.from(pdf instanceof ArrayBuffer ? new Uint8Array(pdf) : pdf));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`pdf text extraction failed: ${Buffer.concat(err).toString()}`);
  return Buffer.concat(out).toString('utf8');
}
