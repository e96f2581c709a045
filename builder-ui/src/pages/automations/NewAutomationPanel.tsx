import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useAutomationTemplates, useCreateAutomation } from '../../api/automations';
import { ErrorAlert } from '../../components/Alert';
import { Spinner } from '../../components/Spinner';
import { eventLabel } from '../../builder/describe/events';

/** Start from one of the seeded automations, or from a trigger and an end. */
export function NewAutomationPanel({ onClose }: { onClose(): void }) {
  const navigate = useNavigate();
  const templates = useAutomationTemplates();
  const create = useCreateAutomation();
  const [pending, setPending] = useState<string | null>(null);

  const start = (key: string | null, name: string) => {
    setPending(key ?? 'blank');
    create.mutate(key ? { name, fromTemplate: key } : { name }, {
      onSuccess: (automation) => navigate(`/automations/${automation.id}`),
      onSettled: () => setPending(null),
    });
  };

  return (
    <section className="card card-padded new-automation" aria-labelledby="new-automation-title">
      <div className="card-header-inline">
        <h2 className="card-title" id="new-automation-title">
          New automation
        </h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Close
        </button>
      </div>
      {create.isError && <ErrorAlert error={create.error} />}
      <ul className="template-grid">
        <li>
          <button type="button" className="template-card template-blank" disabled={pending !== null} onClick={() => start(null, 'Untitled automation')}>
            <strong>Blank</strong>
            <span>A trigger and an end: build it from the palette.</span>
            {pending === 'blank' && <Spinner size="sm" />}
          </button>
        </li>
        {templates.isPending && (
          <li>
            <Spinner size="sm" label="Loading templates" />
          </li>
        )}
        {templates.data?.items.map((t) => (
          <li key={t.key}>
            <button type="button" className="template-card" disabled={pending !== null} onClick={() => start(t.key, t.name)}>
              <strong>{t.name}</strong>
              <span>{t.description}</span>
              <span className="template-card-meta">
                {eventLabel(t.triggerEvent)} · {t.definition.nodes.length} steps
              </span>
              {pending === t.key && <Spinner size="sm" />}
            </button>
          </li>
        ))}
      </ul>
      {templates.isError && <ErrorAlert error={templates.error} title="Templates are unavailable" />}
    </section>
  );
}
