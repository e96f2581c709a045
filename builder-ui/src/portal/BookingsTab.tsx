import { useQuery } from '@tanstack/react-query';
import { portalApi, type PortalMe } from '../api/portal';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { formatDay, formatMoney } from '../time/zoned';
import { AppointmentCard } from './AppointmentCard';
import { portalKeys } from './portal-queries';

export function BookingsTab({ me }: { me: PortalMe }) {
  const zone = me.business.timezone;
  const stats = useQuery({ queryKey: portalKeys.stats, queryFn: portalApi.stats });
  const upcoming = useQuery({ queryKey: portalKeys.appointments('upcoming'), queryFn: () => portalApi.appointments('upcoming') });
  const past = useQuery({ queryKey: portalKeys.appointments('past'), queryFn: () => portalApi.appointments('past') });

  return (
    <div className="portal-stack">
      <h1 className="portal-title">Hi {me.customer.name.split(/\s+/)[0]}</h1>
      {stats.data && (
        <dl className="portal-stats" data-testid="portal-stats">
          <div>
            <dt>Visits</dt>
            <dd>{stats.data.visits}</dd>
          </div>
          <div>
            <dt>Spent</dt>
            <dd>{formatMoney(stats.data.spentCents, me.business.currency)}</dd>
          </div>
          <div>
            <dt>Upcoming</dt>
            <dd>{stats.data.upcoming}</dd>
          </div>
          {stats.data.favouriteService && (
            <div className="portal-stats-wide">
              <dt>Favourite</dt>
              <dd>{stats.data.favouriteService.name}</dd>
            </div>
          )}
          {stats.data.lastVisitAt && (
            <div className="portal-stats-wide">
              <dt>Last visit</dt>
              <dd>{formatDay(stats.data.lastVisitAt, zone)}</dd>
            </div>
          )}
        </dl>
      )}

      <section aria-labelledby="upcoming-title">
        <h2 className="portal-section-title" id="upcoming-title">
          Upcoming
        </h2>
        {upcoming.isPending ? (
          <Spinner label="Loading" />
        ) : upcoming.isError ? (
          <ErrorAlert error={upcoming.error} onRetry={() => void upcoming.refetch()} />
        ) : upcoming.data.items.length === 0 ? (
          <div className="portal-empty">
            <p>No upcoming bookings.</p>
            <a className="btn btn-primary" href={`/book/${me.business.slug}`}>
              Book an appointment
            </a>
          </div>
        ) : (
          <ul className="portal-list" data-testid="upcoming-list">
            {upcoming.data.items.map((a) => (
              <li key={a.id}>
                <AppointmentCard appointment={a} me={me} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-title">
        <h2 className="portal-section-title" id="history-title">
          History
        </h2>
        {past.isPending ? (
          <Spinner label="Loading" />
        ) : past.isError ? (
          <ErrorAlert error={past.error} onRetry={() => void past.refetch()} />
        ) : past.data.items.length === 0 ? (
          <p className="muted">Your past visits will show here.</p>
        ) : (
          <ul className="portal-list" data-testid="history-list">
            {past.data.items.map((a) => (
              <li key={a.id}>
                <AppointmentCard appointment={a} me={me} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
