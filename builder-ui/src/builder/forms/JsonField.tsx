import { useEffect, useId, useState } from 'react';

/** JSON typed as text; the value changes only when the text parses. */
export function JsonField({
  label,
  value,
  onChange,
  error,
  hint,
  rows = 5,
}: {
  label: string;
  value: unknown;
  onChange(next: unknown): void;
  error?: string;
  hint?: string;
  rows?: number;
}) {
  const id = useId();
  const show = (v: unknown) => (v === undefined ? '' : JSON.stringify(v, null, 2));
  const [text, setText] = useState(() => show(value));
  const [parseError, setParseError] = useState<string | null>(null);
  useEffect(() => {
    // Follow outside changes (undo, another form) unless the text already means the same value.
    setText((current) => {
      try {
        if (current.trim() !== '' && JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // the text is mid-edit; replace it with the value
      }
      return show(value);
    });
  }, [value]);
  const message = parseError ?? error;
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        className="input textarea code"
        rows={rows}
        spellCheck={false}
        value={text}
        aria-invalid={message ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          if (e.target.value.trim() === '') {
            setParseError(null);
            onChange(undefined);
            return;
          }
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            setParseError(null);
            onChange(parsed);
          } catch {
            setParseError('Not valid JSON yet');
          }
        }}
      />
      {message ? <p className="field-error">{message}</p> : hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}
