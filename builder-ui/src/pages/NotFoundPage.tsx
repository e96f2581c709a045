import { Link } from 'react-router-dom';
import { DashboardIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';

export function NotFoundPage() {
  return (
    <PlaceholderPage
      title="Page not found"
      subtitle="The address you followed does not exist."
      icon={<DashboardIcon {...big} />}
      emptyTitle="Nothing here"
      emptyText="Check the address, or pick a section from the menu."
      action={
        <Link className="btn btn-secondary" to="/dashboard">
          Go to dashboard
        </Link>
      }
    />
  );
}
