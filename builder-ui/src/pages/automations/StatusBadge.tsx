import type { AutomationStatus, RunStatus } from '../../api/automation-types';

const AUTOMATION_TONES: Record<AutomationStatus, string> = { active: 'success', draft: 'neutral', paused: 'warning', archived: 'neutral' };
const RUN_TONES: Record<RunStatus, string> = { running: 'info', waiting: 'info', completed: 'success', failed: 'danger', cancelled: 'neutral' };

export function StatusBadge({ status }: { status: AutomationStatus }) {
  return <span className={`badge badge-${AUTOMATION_TONES[status] ?? 'neutral'}`}>{status}</span>;
}

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`badge badge-${RUN_TONES[status] ?? 'neutral'}`} data-status={status}>
      {status === 'running' || status === 'waiting' ? <span className="live-dot" aria-hidden="true" /> : null}
      {status}
    </span>
  );
}
