import { parse } from 'csv-parse/sync';
import type { ImportRowError } from '../../../db/entities';

export interface CsvRecord {
  /** The line of the file the record ends on (1 is the header). */
  line: number;
  values: string[];
}

export interface ParsedCsv {
  headers: string[];
  records: CsvRecord[];
  /** Records the parser could not read (wrong number of columns, an unclosed quote…). */
  errors: ImportRowError[];
}

/**
 * Reads a CSV file (UTF-8, optional BOM, comma or semicolon separated, quoted fields), keeping
 * each record's line number. A malformed record is reported on its line and skipped rather than
 * failing the whole file.
 */
export function parseCsv(text: string): ParsedCsv {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const errors: ImportRowError[] = [];
  const rows = parse(text, {
    bom: true,
    delimiter,
    info: true,
    relax_quotes: false,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) errors.push({ line: (error as Error & { lines?: number }).lines ?? 0, field: '', reason: readableCsvError(error), code: 'MALFORMED_ROW' });
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const [header, ...data] = rows;
  return {
    headers: (header?.record ?? []).map((h) => h.trim()),
    records: data.map((row) => ({ line: row.info.lines, values: row.record })),
    errors,
  };
}

function readableCsvError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `wrong number of columns: ${error.message.replace(/^Invalid Record Length: /, '')}`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'unexpected character after a closing quote';
    default:
      return error.message;
  }
}
