import { useQuery } from '@tanstack/react-query';
import { portalApi } from '../../api/portal';
import { ErrorAlert } from '../../components/Alert';
import { Spinner } from '../../components/Spinner';

export function CalendarPanel({ appointmentId }: { appointmentId: string }) {
  const links = useQuery({ queryKey: ['portal', 'calendar-links', appointmentId], queryFn: () => portalApi.calendarLinks(appointmentId), staleTime: Infinity });
  return (
    <div className="portal-panel" role="region" aria-label="Add to calendar">
      {links.isPending ? (
        <Spinner size="sm" label="Loading links" />
      ) : links.isError ? (
        <ErrorAlert error={links.error} />
      ) : (
        <div className="bk-cal-links">
          <a className="btn btn-secondary btn-sm" href={links.data.google} target="_blank" rel="noreferrer">
            Google
          </a>
          <a className="btn btn-secondary btn-sm" href={links.data.outlook} target="_blank" rel="noreferrer">
            Outlook
          </a>
          <a className="btn btn-secondary btn-sm" href={`/api/portal/appointments/${appointmentId}/ics`}>
            Apple / .ics
          </a>
        </div>
      )}
    </div>
  );
}
