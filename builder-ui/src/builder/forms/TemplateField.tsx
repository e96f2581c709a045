import { useId } from 'react';
import type { MessageTemplate } from '../../api/automation-types';

/** Picks a message template by key, showing its text so the step reads in context. */
export function TemplateField({
  label,
  channel,
  value,
  onChange,
  error,
  templates,
}: {
  label: string;
  channel: MessageTemplate['channel'] | 'any';
  value: string | undefined;
  /** An empty key is kept as '' so the schema can say "Choose a template". */
  onChange(key: string): void;
  error?: string;
  templates: MessageTemplate[];
}) {
  const id = useId();
  const choices = templates.filter((t) => channel === 'any' || t.channel === channel);
  const chosen = templates.find((t) => t.key === value);
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input"
        list={`${id}-templates`}
        value={value ?? ''}
        placeholder={choices[0]?.key ?? 'template key'}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value.trim())}
      />
      <datalist id={`${id}-templates`}>
        {choices.map((t) => (
          <option key={t.key} value={t.key}>
            {t.name}
          </option>
        ))}
      </datalist>
      {error && <p className="field-error">{error}</p>}
      {chosen ? (
        <div className="template-preview" aria-label="Template text">
          <span className="template-preview-name">
            {chosen.name} · {chosen.channel.toUpperCase()}
          </span>
          {chosen.subject && <strong className="template-preview-subject">{chosen.subject}</strong>}
          <p className="template-preview-body">{chosen.body}</p>
        </div>
      ) : (
        value &&
        templates.length > 0 && <p className="field-hint">No {channel === 'any' ? '' : `${channel} `}template has the key “{value}”.</p>
      )}
    </div>
  );
}
