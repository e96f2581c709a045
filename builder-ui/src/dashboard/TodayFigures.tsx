import type { DashboardToday } from '../api/reports';
import { formatMoney, STATUS_COLORS, STATUS_LABELS } from './dashboard-format';

/** Today's revenue (owners and admins only: staff get null) and the day's appointments by status. */
export function TodayFigures({ today }: { today: DashboardToday }) {
  const { appointments } = today;
  const statuses = Object.entries(appointments.byStatus);
  return (
    <section className="today-figures" aria-label="Today's figures">
      {today.revenue && (
        <div className="today-figure" data-testid="today-revenue">
          <span className="today-figure-label">Revenue today</span>
          <strong className="today-figure-value">{formatMoney(today.revenue.netCents, today.currency)}</strong>
          <span className="today-figure-note">
            {today.revenue.payments} payment{today.revenue.payments === 1 ? '' : 's'}, net of refunds
          </span>
        </div>
      )}
      <div className="today-figure today-figure-wide" data-testid="today-appointments">
        <span className="today-figure-label">Appointments today</span>
        <strong className="today-figure-value">{appointments.total}</strong>
        {appointments.total > 0 ? (
          <>
            <div className="status-bar" aria-hidden="true">
              {statuses
                .filter(([, n]) => n > 0)
                .map(([status, n]) => (
                  <span key={status} style={{ flexGrow: n, background: STATUS_COLORS[status] ?? '#6b7280' }} />
                ))}
            </div>
            <ul className="status-list" aria-label="Appointments by status">
              {statuses.map(([status, n]) => (
                <li key={status} className={n === 0 ? 'is-zero' : undefined}>
                  <span className="status-dot" style={{ background: STATUS_COLORS[status] ?? '#6b7280' }} aria-hidden="true" />
                  {STATUS_LABELS[status] ?? status}
                  <strong>{n}</strong>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <span className="today-figure-note">Nothing booked for today yet.</span>
        )}
      </div>
    </section>
  );
}
