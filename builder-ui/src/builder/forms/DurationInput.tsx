import { useState } from 'react';
import { fromSimple, toSimple, UNIT_LABELS, type DurationUnit } from '../describe/duration';

const UNITS = Object.keys(UNIT_LABELS) as DurationUnit[];

/**
 * A duration typed the way people say it: "2 hours", "30 days before". Written as ISO-8601
 * ("PT2H", "-P30D"); a duration with several parts can still be typed in ISO.
 */
export function DurationInput({
  label,
  value,
  onChange,
  error,
  hint,
  direction,
}: {
  label: string;
  value: string | undefined;
  onChange(iso: string | undefined): void;
  error?: string;
  hint?: string;
  /** Offer before/after (a signed offset) instead of a plain length. */
  direction?: { before: string; after: string };
}) {
  const simple = toSimple(value);
  const [custom, setCustom] = useState(value !== undefined && simple === null);
  const [unitPref, setUnitPref] = useState<DurationUnit>(simple?.unit ?? 'hours');
  const [negativePref, setNegativePref] = useState(simple?.negative ?? Boolean(direction));
  const amountText = simple ? String(simple.amount) : '';
  const unit = simple?.unit ?? unitPref;
  const negative = simple && simple.amount > 0 ? simple.negative : negativePref;

  const write = (next: { amount?: string; unit?: DurationUnit; negative?: boolean }) => {
    if (next.unit) setUnitPref(next.unit);
    if (next.negative !== undefined) setNegativePref(next.negative);
    const text = next.amount ?? amountText;
    const amount = Number(text);
    if (text.trim() === '' || !Number.isFinite(amount)) {
      onChange(undefined);
      return;
    }
    onChange(fromSimple({ amount, unit: next.unit ?? unit, negative: direction ? (next.negative ?? negative) : false }));
  };

  return (
    <fieldset className={`fieldset fieldset-plain${error ? ' field-invalid' : ''}`}>
      <legend className="field-label">{label}</legend>
      {custom ? (
        <input
          className="input"
          aria-label={`${label} (ISO-8601)`}
          value={value ?? ''}
          placeholder="e.g. P1DT2H"
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value.trim())}
        />
      ) : (
        <div className="inline-fields">
          <input
            className="input input-number"
            type="number"
            min={0}
            step={1}
            inputMode="numeric"
            aria-label={`${label} amount`}
            value={amountText}
            onChange={(e) => write({ amount: e.target.value })}
          />
          <select className="input" aria-label={`${label} unit`} value={unit} onChange={(e) => write({ unit: e.target.value as DurationUnit })}>
            {UNITS.map((u) => (
              <option key={u} value={u}>
                {UNIT_LABELS[u].many}
              </option>
            ))}
          </select>
          {direction && (
            <select
              className="input"
              aria-label={`${label} direction`}
              value={negative ? 'before' : 'after'}
              onChange={(e) => write({ negative: e.target.value === 'before' })}
            >
              <option value="before">{direction.before}</option>
              <option value="after">{direction.after}</option>
            </select>
          )}
        </div>
      )}
      {error ? <p className="field-error">{error}</p> : hint && <p className="field-hint">{hint}</p>}
      <button type="button" className="btn btn-link btn-tiny" onClick={() => setCustom(!custom)}>
        {custom ? 'Use amount and unit' : 'Type an ISO-8601 duration'}
      </button>
    </fieldset>
  );
}
