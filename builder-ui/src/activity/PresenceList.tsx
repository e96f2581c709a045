import { useQuery } from '@tanstack/react-query';
import { messageOf } from '../api/errors';
import { Spinner } from '../components/Spinner';
import { useLive } from '../live/live-context';
import { useLiveRefetch } from '../live/use-live-refetch';
import { activityApi, type Presence } from './activity-api';

const label: Record<Presence, string> = { online: 'Online', away: 'Away', offline: 'Offline' };

/** Who is signed in right now. Live `presence.changed` events refresh it; a minute's poll covers replicas that died. */
export function PresenceList({ timeZone }: { timeZone: string }) {
  const presence = useQuery({ queryKey: ['activity', 'presence'], queryFn: activityApi.presence, refetchInterval: 60_000 });
  useLiveRefetch(useLive().subscribe, ['activity', 'presence'], (event) => event.type === 'presence.changed');
  if (presence.isPending) return <Spinner label="Loading who is online" />;
  if (presence.isError) return <p className="activity-empty">{messageOf(presence.error)}</p>;
  return (
    <ul className="presence-list" data-testid="presence-list">
      {presence.data.items.map((person) => (
        <li key={person.userId} className="presence-item" data-testid="presence-item" data-user-id={person.userId} data-presence={person.presence}>
          <span className={`presence-dot presence-${person.presence}`} aria-hidden="true" />
          <span className="presence-name">{person.name}</span>
          <span className="presence-role">{person.role}</span>
          <span className="presence-state">
            {label[person.presence]}
            {person.presence === 'offline' && person.lastSeenAt && ` · last seen ${new Date(person.lastSeenAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone })}`}
          </span>
        </li>
      ))}
    </ul>
  );
}
