import { useSearchParams } from 'react-router-dom';
import { useSession } from '../auth/session-context';
import { Alert } from '../components/Alert';
import { PageHeader } from '../components/PageHeader';
import { CalendarConnectionsCard } from './CalendarConnectionsCard';
import { CalendarOptionsCard } from './CalendarOptionsCard';

const outcomes: Record<string, { tone: 'success' | 'error' | 'info'; text: string }> = {
  connected: { tone: 'success', text: 'Calendar connected. Busy times are being read now.' },
  denied: { tone: 'info', text: 'Access was not granted, so nothing was connected.' },
  error: { tone: 'error', text: 'The calendar could not be connected. Try again.' },
};

/** Settings → Calendars & video: connections (OAuth), their status, and the invitation and video choices. */
export function CalendarsSettingsPage() {
  const { user } = useSession();
  const [params] = useSearchParams();
  const outcome = outcomes[params.get('calendar') ?? ''];
  return (
    <div className="page">
      <PageHeader title="Calendars & video" subtitle="Google Calendar, Microsoft 365, Meet, Teams and Zoom." />
      {outcome && <Alert tone={outcome.tone}>{outcome.text}</Alert>}
      <CalendarConnectionsCard />
      {(user.role === 'owner' || user.role === 'admin') && <CalendarOptionsCard />}
    </div>
  );
}
