import { Link } from 'react-router-dom';
import type { PublicBookingResult, PublicBusiness, PublicService } from '../api/public';
import { saveBlob } from '../api/customer-client';
import { formatDuration, formatMoney, formatWhen, zoneAbbreviation } from '../time/zoned';
import { type CalendarEvent, googleCalendarUrl, icsText, outlookCalendarUrl } from './calendar-links';

export function BookedScreen({
  business,
  service,
  staffName,
  result,
  email,
  onBookAnother,
}: {
  business: PublicBusiness['business'];
  service: PublicService;
  staffName: string | null;
  result: PublicBookingResult;
  email: string;
  onBookAnother(): void;
}) {
  const { appointment } = result;
  const zone = business.timezone;
  const portal = `/portal?${new URLSearchParams({ business: business.slug, ...(email ? { email } : {}) }).toString()}`;
  const event: CalendarEvent = {
    uid: appointment.id,
    title: `${service.name} at ${business.name}`,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    details: `${service.name}${staffName ? ` with ${staffName}` : ''}. Manage your booking: ${window.location.origin}/portal?business=${business.slug}`,
  };
  return (
    <div className="bk-step bk-done" data-testid="booking-confirmed">
      <div className="bk-done-mark" aria-hidden="true">
        ✓
      </div>
      <h2 className="bk-step-title">You’re booked!</h2>
      <p className="muted">
        {appointment.status === 'pending' ? 'We have your booking and will confirm it shortly.' : 'Your booking is confirmed.'}
        {email && ` A confirmation is on its way to ${email}.`}
      </p>
      <dl className="bk-summary">
        <div className="bk-summary-row">
          <dt>When</dt>
          <dd>
            {formatWhen(appointment.startsAt, zone)} {zoneAbbreviation(zone, appointment.startsAt)}
          </dd>
        </div>
        <div className="bk-summary-row">
          <dt>Service</dt>
          <dd>
            {service.name} · {formatDuration(service.durationMinutes)}
          </dd>
        </div>
        <div className="bk-summary-row">
          <dt>With</dt>
          <dd>{staffName ?? 'Our team'}</dd>
        </div>
        <div className="bk-summary-row">
          <dt>Price</dt>
          <dd>{appointment.priceCents > 0 ? formatMoney(appointment.priceCents, business.currency) : 'Free'}</dd>
        </div>
      </dl>

      <h3 className="bk-subtitle">Add to your calendar</h3>
      <div className="bk-cal-links">
        <a className="btn btn-secondary" href={googleCalendarUrl(event)} target="_blank" rel="noreferrer">
          Google
        </a>
        <a className="btn btn-secondary" href={outlookCalendarUrl(event)} target="_blank" rel="noreferrer">
          Outlook
        </a>
        <button type="button" className="btn btn-secondary" onClick={() => saveBlob(new Blob([icsText(event)], { type: 'text/calendar' }), `${business.slug}-booking.ics`)}>
          Apple / .ics
        </button>
      </div>

      <Link className="btn btn-primary btn-block btn-lg" to={portal}>
        Manage my bookings
      </Link>
      <button type="button" className="btn btn-ghost btn-block" onClick={onBookAnother}>
        Book something else
      </button>
    </div>
  );
}
