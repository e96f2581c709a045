import jsonLogic from 'json-logic-js';
import { DateTime } from 'luxon';

/** A JSON Logic rule or a literal; the DSL stores rules as plain JSON. */
export type JsonLogicRule = unknown;

const STANDARD_OPERATORS = [
  'var', 'missing', 'missing_some', 'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%', 'map', 'filter', 'reduce', 'all',
  'none', 'some', 'merge', 'in', 'cat', 'substr',
] as const;

/**
 * DSL extensions, pure and deterministic:
 * - `timestamp`: ISO-8601 string (or epoch ms) → epoch ms, null when it does not parse. Lets rules
 *   compare times whatever their offsets, e.g. arrived within 5 minutes of the start.
 * - `daysBetween`: whole days from the first time to the second (negative when earlier), null when
 *   either does not parse; e.g. 60 days since the last visit.
 * - `lower`: lower-cased string, for matching replies.
 */
const DAY_MS = 86_400_000;
const CUSTOM_OPERATIONS: Record<string, (...args: unknown[]) => unknown> = {
  timestamp: (value: unknown) => toEpochMs(value),
  daysBetween: (from: unknown, to: unknown) => {
    const a = toEpochMs(from);
    const b = toEpochMs(to);
    return a === null || b === null ? null : Math.trunc((b - a) / DAY_MS);
  },
  lower: (value: unknown) => (value === null || value === undefined ? '' : String(value).toLowerCase()),
};

for (const [name, fn] of Object.entries(CUSTOM_OPERATIONS)) jsonLogic.add_operation(name, fn);

export const LOGIC_OPERATORS: readonly string[] = [...STANDARD_OPERATORS, ...Object.keys(CUSTOM_OPERATIONS)];
const KNOWN = new Set(LOGIC_OPERATORS);
const SCOPED = new Set(['map', 'filter', 'all', 'none', 'some']);
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
const MAX_DEPTH = 32;
const MAX_NODES = 2000;

export function toEpochMs(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string' || value === '') return null;
  const dt = DateTime.fromISO(value, { zone: 'utc', setZone: true });
  return dt.isValid ? dt.toMillis() : null;
}

/** True for an object with exactly one key that is a known operator: `{"==": [...]}`. */
export function isLogic(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && KNOWN.has(keys[0] as string);
}

function asArgs(values: unknown): unknown[] {
  return Array.isArray(values) ? values : [values];
}

/** Structural problems of a rule (unknown operators, dynamic or unsafe `var`s, size). Empty when safe to run. */
export function checkRule(rule: JsonLogicRule): string[] {
  const problems: string[] = [];
  let count = 0;
  const walk = (node: unknown, depth: number): void => {
    count += 1;
    if (count > MAX_NODES) {
      if (count === MAX_NODES + 1) problems.push(`rule is too large (more than ${MAX_NODES} parts)`);
      return;
    }
    if (depth > MAX_DEPTH) {
      problems.push(`rule is nested deeper than ${MAX_DEPTH} levels`);
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item) => walk(item, depth + 1));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      problems.push(`an object in a rule must have exactly one operator key, got ${keys.length === 0 ? 'none' : keys.join(', ')}`);
      return;
    }
    const op = keys[0] as string;
    if (!KNOWN.has(op)) {
      problems.push(`unknown operator "${op}"`);
      return;
    }
    const args = asArgs((node as Record<string, unknown>)[op]);
    if (op === 'var') {
      const path = args[0];
      if (path !== undefined && path !== null && typeof path !== 'string' && typeof path !== 'number') {
        problems.push('"var" must name a path (string), not compute it');
        return;
      }
      if (typeof path === 'string' && path.split('.').some((seg) => FORBIDDEN_SEGMENTS.has(seg))) {
        problems.push(`"var" path "${path}" is not allowed`);
      }
      args.slice(1).forEach((arg) => walk(arg, depth + 1));
      return;
    }
    args.forEach((arg) => walk(arg, depth + 1));
  };
  walk(rule, 0);
  return problems;
}

export type RuleResult = { ok: true; value: unknown } | { ok: false; error: string };

/** Evaluates a rule against data; never throws. Unsafe rules are refused, not run. */
export function evaluateRule(rule: JsonLogicRule, data: unknown): RuleResult {
  const problems = checkRule(rule);
  if (problems.length > 0) return { ok: false, error: problems.join('; ') };
  try {
    return { ok: true, value: jsonLogic.apply(rule as never, data) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** JSON Logic truthiness ([] is false). A rule that cannot be evaluated is false; `error` says why. */
export function evaluateCondition(rule: JsonLogicRule, data: unknown): { value: boolean; error?: string } {
  const result = evaluateRule(rule, data);
  if (!result.ok) return { value: false, error: result.error };
  return { value: jsonLogic.truthy(result.value) };
}

/**
 * An expression-or-literal (setVariable values, template variables): a rule is evaluated,
 * anything else is taken as is.
 */
export function evaluateValue(value: unknown, data: unknown): RuleResult {
  if (isLogic(value) || (Array.isArray(value) && value.some((item) => isLogic(item)))) return evaluateRule(value, data);
  return { ok: true, value };
}

/**
 * Context paths a rule reads. Inside map/filter/all/none/some the item scope is written
 * `list[].field`; paths read inside `reduce` (current/accumulator) are not context paths and are left out.
 */
export function extractVars(rule: JsonLogicRule): string[] {
  const found = new Set<string>();
  const walk = (node: unknown, scope: string | null | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((item) => walk(item, scope));
      return;
    }
    if (!isLogic(node)) return;
    const op = Object.keys(node)[0] as string;
    const args = asArgs(node[op]);
    const record = (path: unknown): void => {
      if (scope === null) return; // unknown scope: cannot check
      if (typeof path !== 'string' && typeof path !== 'number') return;
      const text = String(path);
      if (scope === undefined) {
        if (text !== '') found.add(text);
      } else {
        found.add(text === '' ? scope : `${scope}.${text}`);
      }
    };
    if (op === 'var') {
      record(args[0]);
      args.slice(1).forEach((arg) => walk(arg, scope));
      return;
    }
    if (op === 'missing') {
      (Array.isArray(args[0]) ? (args[0] as unknown[]) : args).forEach((arg) => (isLogic(arg) ? walk(arg, scope) : record(arg)));
      return;
    }
    if (op === 'missing_some') {
      walk(args[0], scope);
      if (Array.isArray(args[1])) (args[1] as unknown[]).forEach((arg) => record(arg));
      else walk(args[1], scope);
      return;
    }
    if (SCOPED.has(op) || op === 'reduce') {
      walk(args[0], scope);
      const source = args[0];
      let inner: string | null = null;
      if (op !== 'reduce' && isLogic(source) && 'var' in source && scope !== null) {
        const p = asArgs(source.var)[0];
        if (typeof p === 'string' && p !== '') inner = `${scope === undefined ? '' : `${scope}.`}${p}[]`;
      }
      walk(args[1], inner);
      args.slice(2).forEach((arg) => walk(arg, scope));
      return;
    }
    args.forEach((arg) => walk(arg, scope));
  };
  walk(rule, undefined);
  return [...found];
}
