import { useNavigate, useSearchParams, Link } from 'react-router-dom';
import { useAutomationList } from '../../api/automations';
import type { RunStatus } from '../../api/automation-types';
import { LIVE_POLL_MS, useExecutionList, type ExecutionFilters } from '../../api/executions';
import { useSession } from '../../auth/session-context';
import { ErrorAlert } from '../../components/Alert';
import { EmptyState } from '../../components/EmptyState';
import { ExecutionsIcon } from '../../components/icons';
import { PageHeader } from '../../components/PageHeader';
import { Spinner } from '../../components/Spinner';
import { formatCount, formatDateTime } from '../../format';
import { RunStatusBadge } from '../automations/StatusBadge';

const STATUSES: Array<RunStatus | ''> = ['', 'running', 'waiting', 'completed', 'failed', 'cancelled'];

/** Every automation run, newest first, with live statuses (polled every few seconds). */
export function ExecutionsPage() {
  const { tenant } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: ExecutionFilters = {
    automationId: params.get('automationId') ?? undefined,
    status: (params.get('status') as RunStatus | null) ?? '',
    appointmentId: params.get('appointmentId') ?? undefined,
    customerId: params.get('customerId') ?? undefined,
  };
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const automations = useAutomationList('', '');
  const list = useExecutionList(filters, { limit: 100 });
  const rows = list.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Executions"
        subtitle={list.data ? `${formatCount(list.data.total, 'run')} · refreshed every ${LIVE_POLL_MS / 1000} s` : 'Every automation run, as it happens.'}
      />
      <section className="card">
        <div className="toolbar">
          <select className="input input-auto" aria-label="Automation" value={filters.automationId ?? ''} onChange={(e) => setFilter('automationId', e.target.value)}>
            <option value="">All automations</option>
            {automations.data?.items.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <select className="input input-auto" aria-label="Status" value={filters.status ?? ''} onChange={(e) => setFilter('status', e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? s.charAt(0).toUpperCase() + s.slice(1) : 'All statuses'}
              </option>
            ))}
          </select>
          {(filters.appointmentId || filters.customerId) && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setParams({}, { replace: true })}>
              Clear the appointment / customer filter
            </button>
          )}
          {list.isFetching && <Spinner size="sm" />}
        </div>
        {list.isError && (
          <div className="card-section">
            <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        {list.isPending ? (
          <div className="card-section center">
            <Spinner label="Loading runs" />
          </div>
        ) : rows.length === 0 && !list.isError ? (
          <EmptyState icon={<ExecutionsIcon width={28} height={28} />} title="No runs yet">
            A run starts when an automation's trigger happens, e.g. when an appointment is booked.
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table table-clickable" aria-label="Executions">
              <thead>
                <tr>
                  <th scope="col">Automation</th>
                  <th scope="col">Status</th>
                  <th scope="col">At step</th>
                  <th scope="col">Next wake-up</th>
                  <th scope="col">Started</th>
                  <th scope="col">Ended</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((run) => (
                  <tr key={run.id} onClick={() => navigate(`/executions/${run.id}`)}>
                    <td className="strong">
                      <Link to={`/executions/${run.id}`} onClick={(e) => e.stopPropagation()}>
                        {run.automationName ?? 'Automation'}
                      </Link>{' '}
                      <span className="muted">v{run.version}</span>
                    </td>
                    <td>
                      <RunStatusBadge status={run.status} />
                    </td>
                    <td className="nowrap">
                      <code>{run.status === 'running' || run.status === 'waiting' ? run.currentNodeId ?? '—' : run.endReason ?? '—'}</code>
                    </td>
                    <td className="muted nowrap">{run.status === 'running' || run.status === 'waiting' ? formatDateTime(run.nextWakeAt, tenant.timezone) : '—'}</td>
                    <td className="muted nowrap">{formatDateTime(run.startedAt, tenant.timezone)}</td>
                    <td className="muted nowrap">{formatDateTime(run.endedAt, tenant.timezone)}</td>
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
