import { useMutation, useQuery } from '@tanstack/react-query';
import { portalApi, type PortalAppointment } from '../../api/portal';
import { ErrorAlert } from '../../components/Alert';
import { Spinner } from '../../components/Spinner';
import { formatWhen } from '../../time/zoned';
import { useRefreshBookings } from '../portal-queries';

/** One-click rebook: the next free times for the same service (and person); a tap books it. */
export function RebookPanel({ appointment, zone, onClose }: { appointment: PortalAppointment; zone: string; onClose(): void }) {
  const refresh = useRefreshBookings();
  const slots = useQuery({ queryKey: ['portal', 'rebook-slots', appointment.id], queryFn: () => portalApi.rebookSlots(appointment.id), staleTime: 0 });
  const book = useMutation({ mutationFn: (startsAt: string) => portalApi.rebook(appointment.id, startsAt), onSuccess: refresh });

  if (book.isSuccess) {
    return (
      <div className="portal-panel" role="status">
        <p>
          Booked again for <strong>{formatWhen(book.data.startsAt, zone)}</strong>.
        </p>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose}>
          Close
        </button>
      </div>
    );
  }
  return (
    <div className="portal-panel" role="region" aria-label="Book again">
      <p className="small muted">
        {appointment.serviceName}
        {appointment.staffName ? ` with ${appointment.staffName}` : ''} — tap a time to book it.
      </p>
      {book.isError && <ErrorAlert error={book.error} title="Not booked" />}
      {slots.isPending ? (
        <Spinner size="sm" label="Finding free times" />
      ) : slots.isError ? (
        <ErrorAlert error={slots.error} />
      ) : slots.data.slots.length === 0 ? (
        <p>No free times in the next four weeks.</p>
      ) : (
        <div className="slot-grid slot-grid-wide">
          {slots.data.slots.slice(0, 6).map((slot) => (
            <button key={slot.startsAt} type="button" className="slot" disabled={book.isPending} onClick={() => book.mutate(slot.startsAt)}>
              {formatWhen(slot.startsAt, zone)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
