import { booleanPhrase, humanPath } from './paths';

/** The rule shapes the condition builder edits; anything else is edited as JSON. */
export type Operator = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'oneOf' | 'contains' | 'isSet' | 'notSet';

export interface ConditionRow {
  path: string;
  op: Operator;
  value: unknown;
}

export interface ConditionModel {
  combinator: 'and' | 'or';
  rows: ConditionRow[];
}

export const OPERATORS: Array<{ op: Operator; label: string; needsValue: boolean }> = [
  { op: 'eq', label: 'is', needsValue: true },
  { op: 'ne', label: 'is not', needsValue: true },
  { op: 'gt', label: 'is more than', needsValue: true },
  { op: 'gte', label: 'is at least', needsValue: true },
  { op: 'lt', label: 'is less than', needsValue: true },
  { op: 'lte', label: 'is at most', needsValue: true },
  { op: 'oneOf', label: 'is one of', needsValue: true },
  { op: 'contains', label: 'contains', needsValue: true },
  { op: 'isSet', label: 'is set', needsValue: false },
  { op: 'notSet', label: 'is not set', needsValue: false },
];

const BINARY: Record<string, Operator> = { '==': 'eq', '===': 'eq', '!=': 'ne', '!==': 'ne', '>': 'gt', '>=': 'gte', '<': 'lt', '<=': 'lte' };
const LOGIC_OF: Record<Operator, string> = { eq: '==', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=', oneOf: 'in', contains: 'in', isSet: '!!', notSet: '!' };

function single(rule: unknown): [string, unknown[]] | null {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return null;
  const keys = Object.keys(rule);
  if (keys.length !== 1) return null;
  const op = keys[0]!;
  const raw = (rule as Record<string, unknown>)[op];
  return [op, Array.isArray(raw) ? raw : [raw]];
}

function varPath(value: unknown): string | null {
  const parsed = single(value);
  if (!parsed || parsed[0] !== 'var') return null;
  const [path] = parsed[1];
  return typeof path === 'string' ? path : null;
}

const isLiteral = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

function parseRow(rule: unknown): ConditionRow | null {
  const parsed = single(rule);
  if (!parsed) return null;
  const [op, args] = parsed;
  if (op in BINARY && args.length === 2) {
    const path = varPath(args[0]);
    if (path !== null && isLiteral(args[1])) return { path, op: BINARY[op]!, value: args[1] };
    return null;
  }
  if (op === 'in' && args.length === 2) {
    const left = varPath(args[0]);
    if (left !== null && Array.isArray(args[1]) && args[1].every(isLiteral)) return { path: left, op: 'oneOf', value: args[1] };
    const right = varPath(args[1]);
    if (right !== null && isLiteral(args[0])) return { path: right, op: 'contains', value: args[0] };
    return null;
  }
  if ((op === '!!' || op === '!') && args.length === 1) {
    const path = varPath(args[0]);
    if (path !== null) return { path, op: op === '!!' ? 'isSet' : 'notSet', value: undefined };
  }
  return null;
}

/** A rule as rows joined by all/any, or null when it has another shape. */
export function parseRule(rule: unknown): ConditionModel | null {
  if (rule === undefined) return { combinator: 'and', rows: [] };
  const parsed = single(rule);
  if (parsed && (parsed[0] === 'and' || parsed[0] === 'or')) {
    const rows = parsed[1].map(parseRow);
    if (rows.some((row) => row === null)) return null;
    return { combinator: parsed[0], rows: rows as ConditionRow[] };
  }
  const row = parseRow(rule);
  return row ? { combinator: 'and', rows: [row] } : null;
}

export function rowToLogic(row: ConditionRow): unknown {
  const v = { var: row.path };
  const op = LOGIC_OF[row.op];
  if (row.op === 'isSet' || row.op === 'notSet') return { [op]: [v] };
  if (row.op === 'contains') return { in: [row.value, v] };
  if (row.op === 'oneOf') return { in: [v, Array.isArray(row.value) ? row.value : [row.value]] };
  return { [op]: [v, row.value] };
}

/** The JSON Logic for a model; one row stands alone, no rows is no rule. */
export function buildRule(model: ConditionModel): unknown {
  if (model.rows.length === 0) return undefined;
  if (model.rows.length === 1) return rowToLogic(model.rows[0]!);
  return { [model.combinator]: model.rows.map(rowToLogic) };
}

function literal(value: unknown): string {
  if (Array.isArray(value)) return value.map(literal).join(', ');
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

export function describeRow(row: ConditionRow): string {
  if (row.op === 'eq' && typeof row.value === 'boolean') return booleanPhrase(row.path, row.value);
  if (row.op === 'ne' && typeof row.value === 'boolean') return booleanPhrase(row.path, !row.value);
  const label = OPERATORS.find((o) => o.op === row.op)?.label ?? row.op;
  const subject = humanPath(row.path);
  if (row.op === 'isSet' || row.op === 'notSet') return `${subject} ${label}`;
  return `${subject} ${label} ${literal(row.value)}`;
}

/** A rule read aloud: "customer opted in to SMS", "appointment status is cancelled or no show". */
export function describeRule(rule: unknown): string {
  if (rule === undefined) return 'no rule yet';
  const model = parseRule(rule);
  if (!model) return 'a custom rule';
  if (model.rows.length === 0) return 'no rule yet';
  return model.rows.map(describeRow).join(model.combinator === 'and' ? ' and ' : ' or ');
}
