import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Appointment, StatusAction } from '../api/calendar';
import { calendarApi } from '../api/calendar';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { formatMoney, formatTime, formatWhen } from '../time/zoned';

const STATUS_LABEL: Record<Appointment['status'], string> = {
  pending: 'Pending',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** What the front desk may do next, by status (the api's state machine has the last word). */
const ACTIONS: Record<Appointment['status'], Array<{ action: StatusAction; label: string; tone: string }>> = {
  pending: [
    { action: 'confirm', label: 'Confirm', tone: 'btn-secondary' },
    { action: 'check-in', label: 'Check in', tone: 'btn-primary' },
    { action: 'no-show', label: 'No-show', tone: 'btn-secondary' },
  ],
  confirmed: [
    { action: 'check-in', label: 'Check in', tone: 'btn-primary' },
    { action: 'no-show', label: 'No-show', tone: 'btn-secondary' },
  ],
  checked_in: [{ action: 'complete', label: 'Complete', tone: 'btn-primary' }],
  completed: [],
  cancelled: [],
  no_show: [],
};

export function AppointmentPopover({
  appointment,
  anchor,
  zone,
  currency,
  customerName,
  serviceName,
  staffName,
  onChanged,
  onClose,
}: {
  appointment: Appointment;
  anchor: DOMRect;
  zone: string;
  currency: string;
  customerName: string;
  serviceName: string;
  staffName: string | null;
  onChanged(updated: Appointment): void;
  onClose(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const act = useMutation({ mutationFn: (action: StatusAction) => calendarApi.act(appointment.id, action), onSuccess: onChanged });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node) && !(e.target as HTMLElement).closest?.('.cal-block')) onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    ref.current?.focus();
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [onClose]);

  const width = 300;
  const left = Math.min(window.innerWidth - width - 12, anchor.right + 8 > window.innerWidth - width ? Math.max(12, anchor.left - width - 8) : anchor.right + 8);
  const top = Math.max(12, Math.min(window.innerHeight - 340, anchor.top));
  const actions = ACTIONS[appointment.status];
  const cancellable = appointment.status === 'pending' || appointment.status === 'confirmed' || appointment.status === 'checked_in';

  return (
    <div ref={ref} className="cal-popover" role="dialog" aria-label={`Appointment: ${customerName}`} tabIndex={-1} style={{ left, top, width }} data-testid="appointment-popover">
      <div className="cal-popover-head">
        <span className={`badge cal-status status-${appointment.status}`} data-testid="popover-status">
          {STATUS_LABEL[appointment.status]}
        </span>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <h2 className="cal-popover-title">
        <Link to={`/customers/${appointment.customerId}`}>{customerName}</Link>
      </h2>
      <p>
        {serviceName}
        {staffName ? ` · ${staffName}` : ' · Unassigned'}
      </p>
      <p className="muted">
        {formatWhen(appointment.startsAt, zone)} – {formatTime(appointment.endsAt, zone)}
      </p>
      <p className="muted small">
        {appointment.priceCents > 0 ? formatMoney(appointment.priceCents, currency) : 'No charge'} · booked {appointment.source}
      </p>
      {appointment.notes && <p className="cal-popover-notes">{appointment.notes}</p>}
      {act.isError && <ErrorAlert error={act.error} />}
      {(actions.length > 0 || cancellable) && (
        <div className="cal-popover-actions">
          {actions.map(({ action, label, tone }) => (
            <button key={action} type="button" className={`btn btn-sm ${tone}`} disabled={act.isPending} onClick={() => act.mutate(action)}>
              {act.isPending && act.variables === action ? <Spinner size="sm" /> : label}
            </button>
          ))}
          {cancellable &&
            (confirmCancel ? (
              <button type="button" className="btn btn-sm btn-danger" disabled={act.isPending} onClick={() => act.mutate('cancel')}>
                Yes, cancel it
              </button>
            ) : (
              <button type="button" className="btn btn-sm btn-ghost btn-danger-text" onClick={() => setConfirmCancel(true)}>
                Cancel…
              </button>
            ))}
        </div>
      )}
    </div>
  );
}
