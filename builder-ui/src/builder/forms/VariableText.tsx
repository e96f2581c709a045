import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { pathOptions, type PathOption } from '../describe/paths';

const OPEN = /\{\{\s*([A-Za-z0-9_.[\]]*)$/;
const MAX_SUGGESTIONS = 8;

/**
 * A text (or textarea) where typing `{{` offers the context's declared variables, from the
 * context schema rather than from past runs, so the list is full before the first test.
 */
export function VariableText({
  label,
  value,
  onChange,
  error,
  hint,
  multiline,
  varNames,
  placeholder,
}: {
  label: string;
  value: string;
  onChange(next: string): void;
  error?: string;
  hint?: string;
  multiline?: boolean;
  varNames: string[];
  placeholder?: string;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const options = useMemo(() => pathOptions(varNames), [varNames]);
  const matches: PathOption[] =
    query === null ? [] : options.filter((o) => o.path.toLowerCase().includes(query.toLowerCase())).slice(0, MAX_SUGGESTIONS);
  const open = matches.length > 0;

  const refresh = (text: string, caret: number) => {
    const m = OPEN.exec(text.slice(0, caret));
    setQuery(m ? m[1]! : null);
    setActive(0);
  };

  const insert = (option: PathOption) => {
    const el = ref.current;
    const caret = el?.selectionStart ?? value.length;
    const before = value.slice(0, caret).replace(OPEN, '');
    const after = value.slice(caret).replace(/^[A-Za-z0-9_.[\]]*\s*(\}\})?/, '');
    const token = `{{${option.path}}}`;
    const next = before + token + after;
    onChange(next);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      const at = before.length + token.length;
      el?.setSelectionRange(at, at);
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      insert(matches[active]!);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setQuery(null);
    }
  };

  const common = {
    id,
    ref,
    className: `input${multiline ? ' textarea' : ''}`,
    value,
    placeholder,
    role: 'combobox',
    'aria-autocomplete': 'list' as const,
    'aria-expanded': open,
    'aria-controls': `${id}-list`,
    'aria-activedescendant': open ? `${id}-opt-${active}` : undefined,
    'aria-invalid': error ? true : undefined,
    onKeyDown,
    onBlur: () => setTimeout(() => setQuery(null), 150),
    onChange: (e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
      onChange(e.target.value);
      refresh(e.target.value, e.target.selectionStart ?? e.target.value.length);
    },
  };

  return (
    <div className={`field variable-text${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="variable-text-box">
        {multiline ? <textarea rows={4} {...common} /> : <input {...common} />}
        {open && (
          <ul className="suggestions" role="listbox" id={`${id}-list`} aria-label="Variables">
            {matches.map((option, i) => (
              <li
                key={option.path}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                className={`suggestion${i === active ? ' suggestion-active' : ''}`}
                onMouseDown={(e) => {
                  e.preventDefault();
                  insert(option);
                }}
              >
                <code>{option.path}</code>
                <span className="suggestion-note">{option.description}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error ? <p className="field-error">{error}</p> : <p className="field-hint">{hint ?? 'Type {{ to insert a variable.'}</p>}
    </div>
  );
}
