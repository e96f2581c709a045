import { Link } from 'react-router-dom';
import type { DashboardToday } from '../api/reports';
import { formatDayTime } from './dashboard-format';

export function NoShowList({ today }: { today: DashboardToday }) {
  return (
    <section className="card dash-card" aria-labelledby="noshows-title">
      <header className="card-header">
        <h2 className="card-title" id="noshows-title">Recent no-shows</h2>
        <span className="card-note">Last 7 days</span>
      </header>
      {today.recentNoShows.length === 0 ? (
        <p className="inline-empty dash-empty">No no-shows this week.</p>
      ) : (
        <ul className="dash-list" aria-label="Recent no-shows">
          {today.recentNoShows.map((a) => (
            <li key={a.id} className="dash-row">
              <span className="dash-time">{formatDayTime(a.startsAt, today.timezone)}</span>
              <span className="dash-main">
                <Link to={`/customers?q=${encodeURIComponent(a.customer)}`}>
                  <strong>{a.customer}</strong>
                </Link>
                <span className="dash-sub">
                  {a.service}
                  {a.staff ? ` · ${a.staff}` : ''}
                  {a.phone ? ` · ${a.phone}` : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
