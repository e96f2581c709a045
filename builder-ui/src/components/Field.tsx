import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

/** API messages such as "is already registered" read as a sentence once the field's name leads them. */
function sentence(label: string, message: string): string {
  return /^[a-z]/.test(message) ? `${label} ${message}` : message;
}

interface FieldShell {
  label: string;
  error?: string;
  hint?: ReactNode;
}

export function TextField({ label, error, hint, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {sentence(label, error)}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

export function SelectField({ label, error, hint, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input" aria-invalid={error ? true : undefined} {...select}>
        {children}
      </select>
      {error ? <p className="field-error">{sentence(label, error)}</p> : hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}

export function CheckboxField({ label, description, error, ...input }: { label: string; description?: string; error?: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const id = useId();
  return (
    <div className={`checkbox-field${error ? ' field-invalid' : ''}`}>
      <input id={id} type="checkbox" className="checkbox" {...input} />
      <label htmlFor={id}>
        <span className="checkbox-label">{label}</span>
        {description && <span className="checkbox-description">{description}</span>}
        {error && <span className="field-error">{sentence(label, error)}</span>}
      </label>
    </div>
  );
}
