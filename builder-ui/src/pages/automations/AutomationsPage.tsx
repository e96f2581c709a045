import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAutomationAction, useAutomationList, type LifecycleAction } from '../../api/automations';
import type { AutomationStatus, AutomationSummary } from '../../api/automation-types';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { AutomationsIcon, PlusIcon, SearchIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatCount, formatDateTime } from '../../format';
import { eventLabel } from '../../builder/describe/events';
import { NewAutomationPanel } from './NewAutomationPanel';
import { StatusBadge } from './StatusBadge';

const STATUSES: Array<AutomationStatus | ''> = ['', 'active', 'draft', 'paused', 'archived'];

function RowActions({ automation }: { automation: AutomationSummary }) {
  const navigate = useNavigate();
  const action = useAutomationAction();
  const run = (kind: LifecycleAction) =>
    action.mutate({ id: automation.id, action: kind }, { onSuccess: (result) => kind === 'duplicate' && navigate(`/automations/${result.id}`) });
  const busy = action.isPending;
  return (
    <div className="row-actions" onClick={(e) => e.stopPropagation()}>
      <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={() => run('duplicate')} aria-label={`Duplicate ${automation.name}`}>
        Duplicate
      </button>
      {automation.status === 'active' && (
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={() => run('pause')} aria-label={`Pause ${automation.name}`}>
          Pause
        </button>
      )}
      {automation.status === 'paused' && (
        <button type="button" className="btn btn-ghost btn-sm" disabled={busy} onClick={() => run('resume')} aria-label={`Resume ${automation.name}`}>
          Resume
        </button>
      )}
      {automation.status !== 'archived' && (
        <button
          type="button"
          className="btn btn-ghost btn-sm btn-danger-text"
          disabled={busy}
          onClick={() => window.confirm(`Archive “${automation.name}”? It stops starting new runs.`) && run('archive')}
          aria-label={`Archive ${automation.name}`}
        >
          Archive
        </button>
      )}
      {action.isError && <span className="field-error">{action.error.message}</span>}
    </div>
  );
}

export function AutomationsPage() {
  const { tenant } = useSession();
  const navigate = useNavigate();
  const [status, setStatus] = useState<AutomationStatus | ''>('');
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = useAutomationList(status, q);
  const rows = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Automations"
        subtitle={list.data ? formatCount(list.data.total, 'automation') : 'Reminder sequences, no-show defense and campaigns, drawn as flows.'}
        actions={
          <>
            <Link to="/automations/templates" className="btn btn-secondary">
              Message templates
            </Link>
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              <PlusIcon width={16} height={16} />
              New automation
            </button>
          </>
        }
      />
      {creating && <NewAutomationPanel onClose={() => setCreating(false)} />}
      <section className="card">
        <div className="toolbar">
          <label className="search">
            <SearchIcon className="search-icon" width={16} height={16} />
            <span className="visually-hidden">Search automations</span>
            <input type="search" className="input search-input" placeholder="Search by name" value={q} onChange={(e) => setQ(e.target.value)} />
          </label>
          <select className="input input-auto" aria-label="Status" value={status} onChange={(e) => setStatus(e.target.value as AutomationStatus | '')}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? s.charAt(0).toUpperCase() + s.slice(1) : 'All statuses'}
              </option>
            ))}
          </select>
          {list.isFetching && <Spinner size="sm" />}
        </div>
        {list.isError && (
          <div className="card-section">
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        {list.isPending ? (
          <div className="card-section center">
            <Spinner label="Loading automations" />
          </div>
        ) : rows.length === 0 && !list.isError ? (
          <EmptyState
            icon={<AutomationsIcon width={28} height={28} />}
            title={q || status ? 'No matching automations' : 'No automations yet'}
            action={
              <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
                Create one from a template
              </button>
            }
          >
            Reminders, confirmations and no-show defense start from the templates.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table-clickable" aria-label="Automations">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Status</th>
                  <th scope="col">Published</th>
                  <th scope="col" className="num">In flight</th>
                  <th scope="col">Last run</th>
                  <th scope="col" className="num">Failures (7 d)</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => (
                  <tr key={a.id} onClick={() => navigate(`/automations/${a.id}`)}>
                    <td className="strong">
                      <Link to={`/automations/${a.id}`} onClick={(e) => e.stopPropagation()}>
                        {a.name}
                      </Link>
                      {a.description && <div className="muted cell-sub">{a.description}</div>}
                    </td>
                    <td className="nowrap">{eventLabel(a.triggerEvent)}</td>
                    <td>
                      <StatusBadge status={a.status} />
                    </td>
                    <td className="nowrap">{a.publishedVersion ? `v${a.publishedVersion}` : '—'}</td>
                    <td className="num">
                      {a.stats?.runsInFlight ? (
                        <Link to={`/executions?automationId=${a.id}&status=waiting`} onClick={(e) => e.stopPropagation()}>
                          {a.stats.runsInFlight}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td className="muted nowrap">{formatDateTime(a.stats?.lastRunAt, tenant.timezone)}</td>
                    <td className={`num${a.stats?.failures7d ? ' text-danger' : ''}`}>
                      {a.stats?.failures7d ? (
                        <Link to={`/executions?automationId=${a.id}&status=failed`} onClick={(e) => e.stopPropagation()}>
                          {a.stats.failures7d}
                        </Link>
                      ) : (
                        0
                      )}
                    </td>
                    <td>
                      <RowActions automation={a} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
