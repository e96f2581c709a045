import type { ExecutionMessage, ExecutionStep } from '../../api/automation-types';

const STATUS_TONE: Record<string, string> = { succeeded: 'success', skipped: 'warning', failed: 'danger', waiting: 'info', started: 'info' };

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined || (typeof value === 'object' && Object.keys(value).length === 0)) return null;
  return (
    <details className="step-json">
      <summary>{label}</summary>
      <pre>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

/** Every step with its input, output and message; earlier steps stay readable while the run waits. */
export function StepList({
  steps,
  messages,
  selected,
  onSelect,
  label,
  format,
  live,
  currentNodeId,
  nextWakeAt,
}: {
  steps: ExecutionStep[];
  messages: ExecutionMessage[];
  selected: string | null;
  onSelect(nodeId: string): void;
  label(step: ExecutionStep): string;
  format(iso: string | null | undefined): string;
  live: boolean;
  currentNodeId: string | null;
  nextWakeAt: string | null;
}) {
  if (steps.length === 0) return <p className="card-section muted">No steps recorded yet.</p>;
  return (
    <ol className="step-list" aria-label="Steps taken">
      {steps.map((step) => {
        const sent = messages.filter((m) => m.nodeId === step.nodeId);
        const isCurrent = live && step.nodeId === currentNodeId && (step.status === 'waiting' || step.status === 'started');
        return (
          <li
            key={step.sequence}
            className={`step-item${selected === step.nodeId ? ' is-selected' : ''}${isCurrent ? ' is-current' : ''}`}
            data-node-id={step.nodeId}
            data-testid="run-step"
          >
            <button type="button" className="step-head" onClick={() => onSelect(step.nodeId)} aria-pressed={selected === step.nodeId}>
              <span className="step-seq">{step.sequence}</span>
              <span className="step-name">{label(step)}</span>
              <span className={`badge badge-${STATUS_TONE[step.status] ?? 'neutral'}`}>{step.status}</span>
            </button>
            <div className="step-meta">
              <code>{step.nodeId}</code> · {format(step.startedAt)}
              {step.exit && step.exit !== 'next' && <> · exit “{step.exit}”</>}
              {isCurrent && nextWakeAt && <> · wakes {format(nextWakeAt)}</>}
            </div>
            {step.error && <p className="field-error">{step.error}</p>}
            <Json label="Input" value={step.input} />
            <Json label="Output" value={step.output} />
            {sent.map((m) => (
              <div key={m.id} className={`message-bubble message-${m.channel}`}>
                <span className="message-meta">
                  {m.channel.toUpperCase()} to {m.to} · {m.status}
                </span>
                {m.subject && <strong className="message-subject">{m.subject}</strong>}
                <p>{m.body}</p>
              </div>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
