import { useId, type TextareaHTMLAttributes } from 'react';

export function TextAreaField({ label, error, hint, ...input }: { label: string; error?: string; hint?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <textarea id={id} className="input textarea" aria-invalid={error ? true : undefined} aria-describedby={error || hint ? `${id}-note` : undefined} {...input} />
      {error ? (
        <p className="field-error" id={`${id}-note`}>{error}</p>
      ) : (
        hint && <p className="field-hint" id={`${id}-note`}>{hint}</p>
      )}
    </div>
  );
}
