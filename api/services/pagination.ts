import { AppError } from '../errors';

/** Where the previous page stopped: the sort value of its last row and that row's id. */
export interface CursorPosition {
  value: string | number;
  id: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  nextCursor?: string;
}

export const maxPageSize = 100;
export const defaultPageSize = 25;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  const invalid = () =>
    new AppError('INVALID_CURSOR', 'The cursor is not one this api issued; start again without it', [
      { path: 'cursor', message: 'is malformed' },
    ]);
  if (!/^[A-Za-z0-9_-]{1,800}$/.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    !(typeof parsed[0] === 'string' || typeof parsed[0] === 'number') ||
    typeof parsed[1] !== 'string'
  ) {
    throw invalid();
  }
  return { value: parsed[0], id: parsed[1] };
}

export interface SortSpec {
  field: string;
  direction: 'asc' | 'desc';
  /** Dates travel in cursors as ISO strings and are turned back into Dates for the query. */
  kind: 'date' | 'string' | 'number';
}

/** The keyset condition "strictly after `position` in `sort` order", ties broken by id. */
export function afterPosition(sort: SortSpec, position: CursorPosition): Record<string, unknown> {
  const op = sort.direction === 'asc' ? '$gt' : '$lt';
  let value: unknown = position.value;
  if (sort.kind === 'date') {
    const date = new Date(String(position.value));
    if (Number.isNaN(date.getTime())) throw new AppError('INVALID_CURSOR', 'The cursor is malformed', [{ path: 'cursor', message: 'is malformed' }]);
    value = date;
  }
  return { $or: [{ [sort.field]: { [op]: value } }, { [sort.field]: value, id: { [op]: position.id } }] };
}

/** The cursor pointing after the last row, when one more row than asked for came back. */
export function nextCursorFor(sort: SortSpec, last: Record<string, unknown> & { id: string }): string {
  const raw = last[sort.field];
  const value = raw instanceof Date ? raw.toISOString() : (raw as string | number);
  return encodeCursor({ value, id: last.id });
}

/** `%`, `_` and `\` typed by a user match themselves in an ILIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
