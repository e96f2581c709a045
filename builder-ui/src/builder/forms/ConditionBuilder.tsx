import { useId, useMemo, useState } from 'react';
import { lookupContextPath } from '../../automation/dsl';
import { pathOptions } from '../describe/paths';
import { buildRule, OPERATORS, parseRule, type ConditionModel, type ConditionRow, type Operator } from '../describe/rules';
import { JsonField } from './JsonField';

function pathType(path: string): string {
  if (path.startsWith('vars.')) return 'any';
  return lookupContextPath(path)?.type ?? 'string';
}

function parseValue(text: string, type: string, op: Operator): unknown {
  if (op === 'oneOf') return text.split(',').map((part) => part.trim()).filter(Boolean).map((part) => (type === 'number' && part !== '' && !Number.isNaN(Number(part)) ? Number(part) : part));
  if (type === 'number') return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
  if (type === 'boolean' || type === 'any') {
    if (text === 'true') return true;
    if (text === 'false') return false;
  }
  return text;
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value === undefined || value === null) return '';
  return String(value);
}

/**
 * Conditions as sentences ("appointment status is cancelled"), joined by all / any, written as
 * JSON Logic. Any other rule shape is edited as JSON.
 */
export function ConditionBuilder({
  label,
  value,
  onChange,
  error,
  varNames,
  emptyText = 'No conditions: add one.',
}: {
  label: string;
  value: unknown;
  onChange(rule: unknown): void;
  error?: string;
  varNames: string[];
  emptyText?: string;
}) {
  const listId = useId();
  const model = useMemo(() => parseRule(value), [value]);
  const [asJson, setAsJson] = useState(model === null);
  const options = useMemo(() => pathOptions(varNames), [varNames]);

  if (asJson || model === null) {
    return (
      <div className="condition-builder">
        <JsonField label={`${label} (JSON Logic)`} value={value} onChange={onChange} error={error} rows={6} />
        {parseRule(value) !== null && (
          <button type="button" className="btn btn-link btn-tiny" onClick={() => setAsJson(false)}>
            Edit as conditions
          </button>
        )}
      </div>
    );
  }

  const write = (next: ConditionModel) => onChange(buildRule(next));
  const setRow = (index: number, row: Partial<ConditionRow>) =>
    write({ ...model, rows: model.rows.map((r, i) => (i === index ? { ...r, ...row } : r)) });

  return (
    <fieldset className={`fieldset condition-builder${error ? ' field-invalid' : ''}`}>
      <legend className="field-label">{label}</legend>
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.path} value={o.path}>
            {o.description}
          </option>
        ))}
      </datalist>
      {model.rows.length > 1 && (
        <div className="inline-fields">
          <span>Match</span>
          <select
            className="input input-auto"
            aria-label="Match all or any"
            value={model.combinator}
            onChange={(e) => write({ ...model, combinator: e.target.value as 'and' | 'or' })}
          >
            <option value="and">all</option>
            <option value="or">any</option>
          </select>
          <span>of these:</span>
        </div>
      )}
      {model.rows.length === 0 && <p className="field-hint">{emptyText}</p>}
      <ol className="condition-rows">
        {model.rows.map((row, index) => {
          const type = pathType(row.path);
          const needsValue = OPERATORS.find((o) => o.op === row.op)?.needsValue ?? true;
          return (
            <li key={index} className="condition-row">
              <input
                className="input"
                list={listId}
                aria-label={`Condition ${index + 1} variable`}
                placeholder="customer.smsOptIn"
                value={row.path}
                onChange={(e) => setRow(index, { path: e.target.value.trim() })}
              />
              <select
                className="input"
                aria-label={`Condition ${index + 1} comparison`}
                value={row.op}
                onChange={(e) => {
                  const op = e.target.value as Operator;
                  setRow(index, { op, value: op === 'isSet' || op === 'notSet' ? undefined : op === 'oneOf' ? [] : row.value ?? '' });
                }}
              >
                {OPERATORS.map((o) => (
                  <option key={o.op} value={o.op}>
                    {o.label}
                  </option>
                ))}
              </select>
              {needsValue &&
                (type === 'boolean' && row.op !== 'oneOf' ? (
                  <select
                    className="input"
                    aria-label={`Condition ${index + 1} value`}
                    value={String(row.value)}
                    onChange={(e) => setRow(index, { value: e.target.value === 'true' })}
                  >
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                ) : (
                  <input
                    className="input"
                    aria-label={`Condition ${index + 1} value`}
                    placeholder={row.op === 'oneOf' ? 'a, b, c' : 'value'}
                    type={type === 'number' && row.op !== 'oneOf' ? 'number' : 'text'}
                    value={valueText(row.value)}
                    onChange={(e) => setRow(index, { value: parseValue(e.target.value, type, row.op) })}
                  />
                ))}
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                aria-label={`Remove condition ${index + 1}`}
                onClick={() => write({ ...model, rows: model.rows.filter((_, i) => i !== index) })}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      {error && <p className="field-error">{error}</p>}
      <div className="inline-fields">
        <button
          type="button"
          className="btn btn-secondary btn-sm"
          onClick={() => write({ ...model, rows: [...model.rows, { path: 'customer.smsOptIn', op: 'eq', value: true }] })}
        >
          + Add condition
        </button>
        <button type="button" className="btn btn-link btn-tiny" onClick={() => setAsJson(true)}>
          Edit as JSON
        </button>
      </div>
    </fieldset>
  );
}
