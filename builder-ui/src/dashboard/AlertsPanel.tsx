import { Link } from 'react-router-dom';
import type { DashboardToday } from '../api/reports';
import { formatDayTime } from './dashboard-format';

const customerLink = (name: string | null) => (name ? `/customers?q=${encodeURIComponent(name)}` : '/customers');

/** What needs attention: failed messages, vaccinations about to expire, automations failing; each with a way to act. */
export function AlertsPanel({ today }: { today: DashboardToday }) {
  const { failedMessages, expiringVaccinations, failingAutomations } = today;
  const nothing = today.alerts.length === 0;
  return (
    <section className="card dash-card" aria-labelledby="alerts-title">
      <header className="card-header">
        <h2 className="card-title" id="alerts-title">
          Needs attention {!nothing && <span className="badge badge-danger">{today.alerts.length}</span>}
        </h2>
      </header>
      {nothing ? (
        <p className="inline-empty dash-empty">All clear: no failed messages, expiring vaccinations or failing automations.</p>
      ) : (
        <div className="dash-alerts">
          {failingAutomations.length > 0 && (
            <div className="dash-alert dash-alert-error" role="group" aria-label="Failing automations">
              {failingAutomations.map((a) => (
                <p key={a.id}>
                  Automation <strong>{a.name}</strong> failed {a.failed} time{a.failed === 1 ? '' : 's'} in the last 24 hours
                  {a.lastFailedAt ? ` (last ${formatDayTime(a.lastFailedAt, today.timezone)})` : ''}.{' '}
                  <Link to={`/executions?automationId=${encodeURIComponent(a.id)}&status=failed`}>See failed runs</Link>
                </p>
              ))}
            </div>
          )}
          {failedMessages.length > 0 && (
            <div className="dash-alert dash-alert-error" role="group" aria-label="Failed messages">
              <p>
                <strong>{failedMessages.length}</strong> message{failedMessages.length === 1 ? '' : 's'} failed in the last 24 hours.
              </p>
              <ul>
                {failedMessages.slice(0, 5).map((m) => (
                  <li key={m.id}>
                    {m.channel.toUpperCase()} to <Link to={customerLink(m.customer)}>{m.customer ?? m.to}</Link>
                    {m.error ? <span className="dash-muted">: {m.error}</span> : null}
                  </li>
                ))}
              </ul>
              {failedMessages.length > 5 && <p className="dash-more">and {failedMessages.length - 5} more</p>}
            </div>
          )}
          {expiringVaccinations.length > 0 && (
            <div className="dash-alert dash-alert-warning" role="group" aria-label="Expiring vaccinations">
              <p>
                <strong>{expiringVaccinations.length}</strong> vaccination{expiringVaccinations.length === 1 ? '' : 's'} expire within 14 days.
              </p>
              <ul>
                {expiringVaccinations.slice(0, 5).map((v) => (
                  <li key={v.id}>
                    {v.pet}’s {v.name} ({v.expiresOn}), owner <Link to={customerLink(v.customer)}>{v.customer}</Link>
                  </li>
                ))}
              </ul>
              {expiringVaccinations.length > 5 && (
                <p className="dash-more">
                  and {expiringVaccinations.length - 5} more: <Link to="/customers">see customers</Link>
                </p>
              )}
            </div>
          )}
        </div>
      )}
    </section>
  );
}
