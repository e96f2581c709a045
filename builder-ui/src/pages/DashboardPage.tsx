import { Link } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { DashboardIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';

export function DashboardPage() {
  const { user, tenant } = useSession();
  const who = user.name?.trim().split(/\s+/)[0];
  return (
    <PlaceholderPage
      title="Dashboard"
      subtitle={who ? `Welcome back, ${who}. Here is how ${tenant.name} is doing.` : `Here is how ${tenant.name} is doing.`}
      icon={<DashboardIcon {...big} />}
      emptyTitle="Nothing to report yet"
      emptyText="Today's schedule, upcoming reminders and no-show trends will appear here as bookings come in."
      action={
        <Link className="btn btn-secondary" to="/customers">
          View customers
        </Link>
      }
    />
  );
}
