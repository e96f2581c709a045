import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { messageOf } from '../api/errors';
import { useSession } from '../auth/session-context';
import { PageHeader } from '../components/PageHeader';
import { Spinner } from '../components/Spinner';
import { activityApi, activityKinds } from './activity-api';
import { PresenceList } from './PresenceList';
import './activity.css';

/** /activity: presence of the team and the log of who did what. */
export function ActivityPage() {
  const { tenant, user } = useSession();
  const [kind, setKind] = useState('');
  const log = useInfiniteQuery({
    queryKey: ['activity', 'log', kind],
    queryFn: ({ pageParam }) => activityApi.log({ kind, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 60_000,
  });
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: tenant.timezone });

  return (
    <div className="page">
      <PageHeader title="Team activity" subtitle={user.role === 'staff' ? 'Who is online, and what you did.' : 'Who is online, and who did what.'} />
      <div className="activity-page">
        <section className="activity-card" aria-labelledby="presence-heading">
          <h2 id="presence-heading">Team</h2>
          <PresenceList timeZone={tenant.timezone} />
        </section>
        <section className="activity-card" aria-labelledby="log-heading">
          <div className="activity-log-header">
            <h2 id="log-heading">Activity</h2>
            <label>
              <span className="activity-filter-label">Show</span>
              <select value={kind} onChange={(e) => setKind(e.target.value)} data-testid="activity-kind">
                {activityKinds.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {log.isPending && <Spinner label="Loading activity" />}
          {log.isError && <p className="activity-empty">{messageOf(log.error)}</p>}
          {log.isSuccess && entries.length === 0 && <p className="activity-empty">Nothing recorded yet.</p>}
          <ol className="activity-log" data-testid="activity-log">
            {entries.map((entry) => (
              <li key={entry.id} className="activity-entry" data-testid="activity-entry" data-action={entry.action}>
                <time dateTime={entry.at}>{when(entry.at)}</time>
                <span>
                  <strong>{entry.userName}</strong> {entry.summary}
                  {entry.reason && <span className="activity-reason"> — “{entry.reason}”</span>}
                </span>
              </li>
            ))}
          </ol>
          {log.hasNextPage && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
              {log.isFetchingNextPage ? 'Loading…' : 'Show older'}
            </button>
          )}
        </section>
      </div>
    </div>
  );
}
