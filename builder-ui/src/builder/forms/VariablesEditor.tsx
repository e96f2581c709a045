import { JsonField } from './JsonField';
import { VariableText } from './VariableText';

type Vars = Record<string, unknown> | undefined;

/** Extra template variables: name → text (with {{path}}), or JSON when a value is not text. */
export function VariablesEditor({ value, onChange, error, varNames }: { value: Vars; onChange(next: Vars): void; error?: string; varNames: string[] }) {
  const entries = Object.entries(value ?? {});
  if (entries.some(([, v]) => typeof v !== 'string')) {
    return <JsonField label="Extra variables (JSON)" value={value} onChange={(v) => onChange(v as Vars)} error={error} />;
  }
  const write = (next: Array<[string, unknown]>) => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  return (
    <fieldset className={`fieldset${error ? ' field-invalid' : ''}`}>
      <legend className="field-label">Extra variables</legend>
      {entries.length === 0 && <p className="field-hint">The template sees the whole context; add a variable only to pass something computed.</p>}
      {entries.map(([name, v], index) => (
        <div key={index} className="variable-row">
          <input
            className="input"
            aria-label={`Variable ${index + 1} name`}
            value={name}
            onChange={(e) => write(entries.map((entry, i) => (i === index ? [e.target.value, entry[1]] : entry)))}
          />
          <VariableText
            label={`Variable ${index + 1} value`}
            value={String(v)}
            varNames={varNames}
            onChange={(text) => write(entries.map((entry, i) => (i === index ? [entry[0], text] : entry)))}
          />
          <button type="button" className="btn btn-ghost btn-sm" aria-label={`Remove variable ${index + 1}`} onClick={() => write(entries.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      {error && <p className="field-error">{error}</p>}
      <button type="button" className="btn btn-secondary btn-sm btn-fit" onClick={() => write([...entries, [`var${entries.length + 1}`, '']])}>
        + Add variable
      </button>
    </fieldset>
  );
}
