import { ReportsIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';

export function ReportsPage() {
  return (
    <PlaceholderPage
      title="Reports"
      subtitle="Bookings, revenue, no-shows and message delivery over time."
      icon={<ReportsIcon {...big} />}
      emptyTitle="No reports yet"
      emptyText="Reports with CSV, Excel and PDF export will be available here."
    />
  );
}
