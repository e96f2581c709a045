import type { ReactNode } from 'react';
import { ApiError, messageOf } from '../api/errors';

export function Alert({ tone = 'error', title, children }: { tone?: 'error' | 'info' | 'success'; title?: string; children: ReactNode }) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <strong className="alert-title">{title}</strong>}
      <div>{children}</div>
    </div>
  );
}

/**
 * Shows an API error's message. Field problems for fields the form marks itself are left out
 * (pass them as `formFields`); any other problem in `details` is listed, so none is lost.
 */
export function ErrorAlert({ error, title, onRetry, formFields }: { error: unknown; title?: string; onRetry?: () => void; formFields?: string[] }) {
  const others =
    error instanceof ApiError && formFields
      ? Object.entries(error.fieldErrors()).filter(([path]) => !formFields.includes(path))
      : [];
  return (
    <Alert tone="error" title={title}>
      {messageOf(error)}
      {others.length > 0 && (
        <ul className="alert-list">
          {others.map(([path, message]) => (
            <li key={path}>{path ? `${path}: ${message}` : message}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <button type="button" className="btn btn-link alert-action" onClick={onRetry}>
          Try again
        </button>
      )}
    </Alert>
  );
}
