import { AutomationsIcon } from '../components/icons';
import { PlaceholderPage, PLACEHOLDER_ICON_SIZE as big } from './PlaceholderPage';

export function AutomationsPage() {
  return (
    <PlaceholderPage
      title="Automations"
      subtitle="Reminder sequences, no-show defense and campaigns, drawn as flows."
      icon={<AutomationsIcon {...big} />}
      emptyTitle="The visual builder is on its way"
      emptyText="Your automations will be listed here, with versions, publishing and a timeline simulator."
    />
  );
}
