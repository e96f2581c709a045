import { ExecutionsIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';

export function ExecutionsPage() {
  return (
    <PlaceholderPage
      title="Executions"
      subtitle="Every automation run: where it is, what it sent and why it branched."
      icon={<ExecutionsIcon {...big} />}
      emptyTitle="No executions yet"
      emptyText="Runs start when appointments are booked or automations are triggered. You will be able to inspect, cancel or retry them here."
    />
  );
}
