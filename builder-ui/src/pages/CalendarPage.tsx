import { CalendarIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';

export function CalendarPage() {
  return (
    <PlaceholderPage
      title="Calendar"
      subtitle="Appointments for every staff member, in your business time zone."
      icon={<CalendarIcon {...big} />}
      emptyTitle="No appointments to show"
      emptyText="Booked appointments will appear here by day and week, with check-in, complete and no-show actions."
    />
  );
}
