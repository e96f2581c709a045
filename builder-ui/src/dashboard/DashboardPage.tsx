import { useEffect, useState } from 'react';
import { DASHBOARD_REFRESH_MS, useDashboardToday } from '../api/reports';
import { useSession } from '../auth/session-context';
import { ErrorAlert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { AlertsPanel } from './AlertsPanel';
import { formatTime, formatToday } from './dashboard-format';
import { NoShowList } from './NoShowList';
import { TodayFigures } from './TodayFigures';
import { UpcomingList } from './UpcomingList';
import './dashboard.css';

/** The operational home page: today at a glance, refreshed every 30 seconds. */
export function DashboardPage() {
  const { user, tenant } = useSession();
  const today = useDashboardToday();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), DASHBOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => setNow(Date.now()), [today.dataUpdatedAt]);

  const who = user.name?.trim().split(/\s+/)[0];
  const data = today.data;
  const subtitle = data ? `${formatToday(data.date)} at ${tenant.name}` : who ? `Welcome back, ${who}.` : undefined;
  return (
    <div className="page dashboard-page">
      <PageHeader
        title="Dashboard"
        subtitle={subtitle}
        actions={
          data && (
            <span className="dash-updated" aria-live="polite">
              {today.isFetching ? <Spinner size="sm" /> : null}
              Updated {formatTime(new Date(today.dataUpdatedAt).toISOString(), data.timezone)} · refreshes every 30 s
            </span>
          )
        }
      />
      {today.isPending ? (
        <div className="report-loading">
          <Spinner label="Loading today" />
        </div>
      ) : today.isError && !data ? (
        <ErrorAlert error={today.error} title="Today's figures could not be loaded" onRetry={() => void today.refetch()} />
      ) : data ? (
        <>
          {today.isError && <ErrorAlert error={today.error} title="The last refresh failed; showing earlier figures" />}
          <TodayFigures today={data} />
          <div className="dash-grid">
            <UpcomingList today={data} now={now} />
            <AlertsPanel today={data} />
            <NoShowList today={data} />
          </div>
        </>
      ) : null}
    </div>
  );
}
