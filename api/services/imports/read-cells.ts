import { IANAZone } from 'luxon';
import type { ImportRow, ImportRowError } from '../../../db/entities';
import type { CsvRecord } from './parse-csv';
import type { CellType, ColumnSpec, ImportSpec } from './import-columns';

const TRUE = new Set(['yes', 'y', 'true', '1', 'x', 'on']);
const FALSE = new Set(['no', 'n', 'false', '0', 'off']);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;

type Cell = { value: unknown } | { reason: string; code: string };

function validDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function readCell(type: CellType, text: string): Cell {
  switch (type) {
    case 'text':
      return { value: text };
    case 'email': {
      const email = text.toLowerCase();
      return EMAIL.test(email) ? { value: email } : { reason: `"${text}" is not an email address`, code: 'INVALID_EMAIL' };
    }
    case 'phone': {
      const phone = text.replace(/[\s().-]/g, '').replace(/^00/, '+');
      return E164.test(phone) ? { value: phone } : { reason: `"${text}" is not an international phone number like +14155550123`, code: 'INVALID_PHONE' };
    }
    case 'date':
      return validDate(text) ? { value: text } : { reason: `"${text}" is not a date as YYYY-MM-DD`, code: 'INVALID_DATE' };
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE.has(word)) return { value: true };
      if (FALSE.has(word)) return { value: false };
      return { reason: `"${text}" is not yes or no`, code: 'INVALID_BOOLEAN' };
    }
    case 'list':
      return { value: [...new Set(text.split(/[;,|]/).map((t) => t.trim()).filter(Boolean))].slice(0, 50) };
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return Number.isFinite(n) && n > 0 && n < 10_000 ? { value: n } : { reason: `"${text}" is not a positive number`, code: 'INVALID_NUMBER' };
    }
    case 'timezone':
      return IANAZone.isValidZone(text) ? { value: text } : { reason: `"${text}" is not a time zone such as Europe/Paris`, code: 'INVALID_TIMEZONE' };
  }
}

/**
 * Reads one CSV record into a normalized row by the kind's columns: every cell error is reported
 * with the record's line and the column's field, and a row is valid only with none.
 */
export function readRecord(spec: ImportSpec, fields: Array<string | undefined>, record: CsvRecord): { row?: ImportRow; errors: ImportRowError[] } {
  const errors: ImportRowError[] = [];
  const data: Record<string, unknown> = {};
  const columns = new Map<string, ColumnSpec>(spec.columns.map((c) => [c.field, c]));
  fields.forEach((field, i) => {
    if (!field) return;
    const column = columns.get(field) as ColumnSpec;
    const text = (record.values[i] ?? '').trim();
    if (text === '') return;
    if (column.max !== undefined && text.length > column.max) {
      errors.push({ line: record.line, field, reason: `longer than ${column.max} characters`, code: 'TOO_LONG' });
      return;
    }
    const cell = readCell(column.type, text);
    if ('reason' in cell) errors.push({ line: record.line, field, reason: cell.reason, code: cell.code });
    else data[field] = cell.value;
  });
  for (const column of spec.columns) {
    if (column.required && data[column.field] === undefined && !errors.some((e) => e.field === column.field)) {
      errors.push({ line: record.line, field: column.field, reason: 'is required', code: 'REQUIRED' });
    }
  }
  if (spec.oneOf && !spec.oneOf.some((f) => data[f] !== undefined) && !spec.oneOf.some((f) => errors.some((e) => e.field === f))) {
    errors.push({ line: record.line, field: spec.oneOf[0] as string, reason: `give ${spec.oneOf.join(' or ')}`, code: 'REQUIRED' });
  }
  if (typeof data.expiresOn === 'string' && typeof data.administeredOn === 'string' && data.expiresOn < data.administeredOn) {
    errors.push({ line: record.line, field: 'expiresOn', reason: 'is before administeredOn', code: 'INVALID_DATE' });
  }
  return errors.length ? { errors } : { row: { line: record.line, data }, errors };
}
