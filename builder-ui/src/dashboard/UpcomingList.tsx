import { Link } from 'react-router-dom';
import type { DashboardToday } from '../api/reports';
import { formatTime, minutesUntil, STATUS_LABELS } from './dashboard-format';

export function UpcomingList({ today, now }: { today: DashboardToday; now: number }) {
  return (
    <section className="card dash-card" aria-labelledby="upcoming-title">
      <header className="card-header">
        <h2 className="card-title" id="upcoming-title">Next 2 hours</h2>
        <Link to="/calendar" className="btn btn-link btn-sm">Open calendar</Link>
      </header>
      {today.upcoming.length === 0 ? (
        <p className="inline-empty dash-empty">Nothing starts in the next two hours.</p>
      ) : (
        <ul className="dash-list" aria-label="Upcoming appointments">
          {today.upcoming.map((a) => (
            <li key={a.id} className="dash-row">
              <span className="dash-time">
                {formatTime(a.startsAt, today.timezone)}
                <small>{minutesUntil(a.startsAt, now)}</small>
              </span>
              <span className="dash-main">
                <strong>{a.customer}</strong>
                {a.pet && <span className="dash-muted"> with {a.pet}</span>}
                <span className="dash-sub">
                  {a.service}
                  {a.staff ? ` · ${a.staff}` : ''}
                </span>
              </span>
              <span className={`badge ${a.status === 'pending' ? 'badge-warning' : a.status === 'checked_in' ? 'badge-success' : 'badge-neutral'}`}>{STATUS_LABELS[a.status] ?? a.status}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
