import { ImportJob, type ImportKind, type ImportRow, type ImportRowError } from '../../../db/entities';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';
import { IMPORT_SPECS, mapHeaders } from './import-columns';
import { parseCsv } from './parse-csv';
import { type ImportBody, presentImport, SAMPLE_ROWS } from './present-import';
import { readRecord } from './read-cells';
import { resolveRows } from './resolve-rows';

export const MAX_IMPORT_ROWS = 100_000;

/**
 * Reads an uploaded CSV and checks every row (cells, then duplicates and references against the
 * business's data) without importing anything. The valid rows and every error (line, field,
 * reason) are kept as an import job, which the user then imports — or fixes the file first.
 * A file whose header lacks a required column is refused outright.
 */
export async function previewImport(ctx: RequestContext, input: { kind: ImportKind; fileName: string; text: string }): Promise<ImportBody> {
  const spec = IMPORT_SPECS[input.kind];
  if (input.text.trim() === '') throw new AppError('VALIDATION_FAILED', 'The file is empty', [{ path: 'file', message: 'is empty' }]);
  const parsed = parseCsv(input.text);
  if (parsed.headers.length === 0) throw new AppError('VALIDATION_FAILED', 'The file has no header row', [{ path: 'file', message: 'has no header row' }]);
  const mapping = mapHeaders(spec, parsed.headers);
  if (mapping.missing.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The file lacks the column${mapping.missing.length > 1 ? 's' : ''} ${mapping.missing.join(', ')} (found: ${parsed.headers.join(', ')})`,
      mapping.missing.map((column) => ({ path: `file.columns.${column}`, message: 'is missing' })),
    );
  }
  const totalRows = parsed.records.length + parsed.errors.length;
  if (totalRows > MAX_IMPORT_ROWS) {
    throw new AppError('PAYLOAD_TOO_LARGE', `The file has ${totalRows} rows; split it into files of at most ${MAX_IMPORT_ROWS}`, [{ path: 'file', message: `more than ${MAX_IMPORT_ROWS} rows` }]);
  }

  const errors: ImportRowError[] = [...parsed.errors];
  const rows: ImportRow[] = [];
  for (const record of parsed.records) {
    const read = readRecord(spec, mapping.fields, record);
    if (read.row) rows.push(read.row);
    errors.push(...read.errors);
  }
  errors.push(...(await resolveRows(ctx.em, ctx.tenantId, input.kind, rows)).errors);
  errors.sort((a, b) => a.line - b.line);
  const invalidLines = new Set(errors.map((e) => e.line));
  const valid = rows.filter((row) => !invalidLines.has(row.line));

  const job = createInTenant(ctx, ImportJob, {
    kind: input.kind,
    fileName: input.fileName.slice(0, 255),
    userId: ctx.user.id,
    totalRows,
    rows: valid,
    errors,
    invalidRows: invalidLines.size,
  });
  await ctx.em.flush();
  ctx.logger.info({ importId: job.id, kind: input.kind, totalRows, invalidRows: invalidLines.size, ignoredColumns: mapping.ignored }, 'import previewed');
  return presentImport(job, valid.slice(0, SAMPLE_ROWS));
}
