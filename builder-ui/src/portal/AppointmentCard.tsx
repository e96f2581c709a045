import { useState } from 'react';
import type { PortalAppointment, PortalMe } from '../api/portal';
import { formatMoney, formatTime, formatWhen, zoneAbbreviation } from '../time/zoned';
import { CalendarPanel } from './actions/CalendarPanel';
import { CancelPanel } from './actions/CancelPanel';
import { RebookPanel } from './actions/RebookPanel';
import { ReschedulePanel } from './actions/ReschedulePanel';
import { ReviewPanel } from './actions/ReviewPanel';

export type CardAction = 'cancel' | 'reschedule' | 'calendar' | 'rebook' | 'review';

const STATUS_LABEL: Record<PortalAppointment['status'], string> = {
  pending: 'Booked',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed',
};
const STATUS_TONE: Record<PortalAppointment['status'], string> = {
  pending: 'badge-neutral',
  confirmed: 'badge-success',
  checked_in: 'badge-success',
  completed: 'badge-neutral',
  cancelled: 'badge-danger',
  no_show: 'badge-warning',
};

export function AppointmentCard({ appointment: a, me, initialAction }: { appointment: PortalAppointment; me: PortalMe; initialAction?: CardAction }) {
  const zone = me.business.timezone;
  const open = a.status === 'pending' || a.status === 'confirmed';
  const upcoming = open && Date.parse(a.startsAt) > Date.now();
  const [action, setAction] = useState<CardAction | null>(initialAction && initialAction !== 'calendar' ? initialAction : null);
  const toggle = (next: CardAction) => setAction((current) => (current === next ? null : next));
  const reviewable = a.status === 'completed' && !a.reviewed;

  return (
    <article className={`portal-appt status-${a.status}`} data-testid="portal-appointment" data-appointment-id={a.id} aria-label={`${a.serviceName} ${formatWhen(a.startsAt, zone)}`}>
      <div className="portal-appt-head">
        <div className="portal-appt-when">
          <span className="portal-appt-day">{formatWhen(a.startsAt, zone).split(' at ')[0]}</span>
          <span className="portal-appt-time">
            {formatTime(a.startsAt, zone)} – {formatTime(a.endsAt, zone)} {zoneAbbreviation(zone, a.startsAt)}
          </span>
        </div>
        <span className={`badge ${STATUS_TONE[a.status]}`} data-testid="appointment-status">
          {STATUS_LABEL[a.status]}
        </span>
      </div>
      <p className="portal-appt-what">
        <strong>{a.serviceName}</strong>
        {a.staffName && <> with {a.staffName}</>}
        {a.priceCents > 0 && <span className="muted"> · {formatMoney(a.priceCents, me.business.currency)}</span>}
      </p>
      {a.cancelReason && a.status === 'cancelled' && <p className="muted small">Reason: {a.cancelReason}</p>}
      {upcoming && a.policyNote && (
        <p className="portal-policy" data-testid="policy-note">
          {a.policyNote}
        </p>
      )}

      <div className="portal-appt-actions">
        {upcoming && (
          <>
            <button type="button" className="btn btn-secondary btn-sm" aria-expanded={action === 'reschedule'} disabled={!a.canReschedule} onClick={() => toggle('reschedule')}>
              Reschedule
            </button>
            <button type="button" className="btn btn-secondary btn-sm btn-danger-text" aria-expanded={action === 'cancel'} disabled={!a.canCancel} onClick={() => toggle('cancel')}>
              Cancel
            </button>
            <button type="button" className="btn btn-ghost btn-sm" aria-expanded={action === 'calendar'} onClick={() => toggle('calendar')}>
              Add to calendar
            </button>
          </>
        )}
        {!upcoming && a.status !== 'checked_in' && (
          <button type="button" className="btn btn-secondary btn-sm" aria-expanded={action === 'rebook'} onClick={() => toggle('rebook')}>
            Book again
          </button>
        )}
        {reviewable && (
          <button type="button" className="btn btn-secondary btn-sm" aria-expanded={action === 'review'} onClick={() => toggle('review')}>
            Leave a review
          </button>
        )}
        {a.status === 'completed' && a.reviewed && <span className="muted small">Thanks for your review</span>}
        {a.status === 'completed' && a.priceCents > 0 && (
          <a className="btn btn-ghost btn-sm" href={`/api/portal/appointments/${a.id}/invoice.pdf`} target="_blank" rel="noreferrer">
            Invoice
          </a>
        )}
      </div>

      {action === 'cancel' && <CancelPanel appointment={a} zone={zone} onClose={() => setAction(null)} />}
      {action === 'reschedule' && <ReschedulePanel appointment={a} zone={zone} onClose={() => setAction(null)} />}
      {action === 'calendar' && <CalendarPanel appointmentId={a.id} />}
      {action === 'rebook' && <RebookPanel appointment={a} zone={zone} onClose={() => setAction(null)} />}
      {action === 'review' && <ReviewPanel appointment={a} onClose={() => setAction(null)} />}
    </article>
  );
}
