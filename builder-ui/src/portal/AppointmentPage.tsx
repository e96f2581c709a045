import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { portalApi, type PortalMe } from '../api/portal';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { type CardAction, AppointmentCard } from './AppointmentCard';
import { portalKeys } from './portal-queries';

/** `/portal/appointments/:id[/cancel|/reschedule|/calendar.ics]`: the links in our messages land here. */
export function AppointmentPage({ me }: { me: PortalMe }) {
  const id = useParams().id ?? '';
  const suffix = useLocation().pathname.split('/').pop();
  const appointment = useQuery({ queryKey: portalKeys.appointment(id), queryFn: () => portalApi.appointment(id) });
  const action: CardAction | undefined = suffix === 'cancel' ? 'cancel' : suffix === 'reschedule' ? 'reschedule' : suffix === 'calendar.ics' ? 'calendar' : undefined;

  useEffect(() => {
    // The calendar link in a message asks for the file itself: hand it over (the session cookie signs it).
    if (action === 'calendar' && appointment.data) window.location.assign(`/api/portal/appointments/${id}/ics`);
  }, [action, appointment.data, id]);

  return (
    <div className="portal-stack">
      <Link to="/portal" className="portal-back">
        ‹ All bookings
      </Link>
      {appointment.isPending ? (
        <Spinner label="Loading the booking" />
      ) : appointment.isError ? (
        <ErrorAlert error={appointment.error} />
      ) : (
        <AppointmentCard appointment={appointment.data} me={me} initialAction={action} />
      )}
    </div>
  );
}
