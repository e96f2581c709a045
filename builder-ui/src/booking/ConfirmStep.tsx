import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { publicApi, type PublicBookingInput, type PublicBookingResult, type PublicBusiness, type PublicService } from '../api/public';
import { isSlotRefusal, nextSlotsOf, type Slot } from '../api/slots';
import { ErrorAlert } from '../components/Alert';
import { Spinner } from '../components/Spinner';
import { formatDay, formatDuration, formatMoney, formatTime, formatWhen, zoneAbbreviation } from '../time/zoned';
import { ANY_STAFF, type BookingDetails, type BookingStep, normalizePhone } from './booking-types';

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function ConfirmStep({
  business,
  service,
  staffId,
  staffName,
  slot,
  details,
  sessionId,
  slotGone,
  onEdit,
  onPickSlot,
  onBooked,
}: {
  business: PublicBusiness['business'];
  service: PublicService;
  staffId: string;
  staffName: string | null;
  slot: Slot;
  details: BookingDetails;
  sessionId: string;
  /** The chosen time has disappeared from the live availability. */
  slotGone: boolean;
  onEdit(step: BookingStep): void;
  onPickSlot(slot: Slot): void;
  onBooked(result: PublicBookingResult): void;
}) {
  const zone = business.timezone;
  // One key per attempt at this slot with these details: a double tap or a retry never books twice.
  const idempotencyKey = useMemo(() => newKey(), [slot.startsAt, staffId, details]);
  const [refused, setRefused] = useState<{ message: string; next: Slot[] } | null>(null);

  const book = useMutation({
    mutationFn: () => {
      const input: PublicBookingInput = {
        serviceId: service.id,
        staffId: staffId === ANY_STAFF ? null : staffId,
        startsAt: slot.startsAt,
        customer: {
          name: details.name.trim(),
          email: details.email.trim() || null,
          phone: normalizePhone(details.phone),
          smsOptIn: details.smsOptIn,
          emailOptIn: details.emailOptIn,
          marketingOptIn: details.marketingOptIn,
        },
        ...(details.petName.trim() ? { pet: { name: details.petName.trim(), species: details.petSpecies, breed: details.petBreed.trim() || null } } : {}),
        notes: details.notes.trim() || null,
        sessionId,
      };
      return publicApi.book(business.slug, input, idempotencyKey);
    },
    onSuccess: onBooked,
    onError: (error) => {
      if (isSlotRefusal(error)) setRefused({ message: error instanceof Error ? error.message : 'That time is no longer free.', next: nextSlotsOf(error) });
    },
  });

  const deposit = service.depositCents && service.priceCents > 0 ? Math.min(service.depositCents, service.priceCents) : 0;
  const cancelHours = business.policies.cancelWindowHours ?? 24;
  const rescheduleHours = business.policies.rescheduleWindowHours ?? 2;

  return (
    <div className="bk-step">
      <h2 className="bk-step-title">Check and confirm</h2>
      <dl className="bk-summary" data-testid="booking-summary">
        <SummaryRow label="Service" value={`${service.name} · ${formatDuration(service.durationMinutes)}`} onEdit={() => onEdit('service')} />
        <SummaryRow label="With" value={staffName ?? 'Anyone available'} onEdit={() => onEdit('staff')} />
        <SummaryRow label="When" value={`${formatWhen(slot.startsAt, zone)} ${zoneAbbreviation(zone, slot.startsAt)}`} onEdit={() => onEdit('slot')} />
        <SummaryRow label="Name" value={details.name} onEdit={() => onEdit('details')} />
        {details.email.trim() && <SummaryRow label="Email" value={details.email.trim()} />}
        {normalizePhone(details.phone) && <SummaryRow label="Phone" value={normalizePhone(details.phone) as string} />}
        {details.petName.trim() && <SummaryRow label="Pet" value={`${details.petName.trim()} (${[details.petSpecies, details.petBreed.trim()].filter(Boolean).join(', ')})`} />}
        <div className="bk-summary-row bk-summary-total">
          <dt>Price</dt>
          <dd>
            {service.priceCents > 0 ? formatMoney(service.priceCents, business.currency) : 'Free'}
            {deposit > 0 && <span className="muted small"> · {formatMoney(deposit, business.currency)} deposit due within a day</span>}
          </dd>
        </div>
      </dl>
      <p className="bk-policy">
        Free cancellation online up to {cancelHours} h before, changes up to {rescheduleHours} h before.
      </p>

      {slotGone && !refused && !book.isSuccess && (
        <div className="alert alert-error" role="alert">
          Someone has just booked {formatTime(slot.startsAt, zone)}.{' '}
          <button type="button" className="btn btn-link" onClick={() => onEdit('slot')}>
            Choose another time
          </button>
        </div>
      )}
      {refused ? (
        <div className="alert alert-error" role="alert" data-testid="slot-refused">
          <strong className="alert-title">That time was just taken</strong>
          <p>{refused.next.length > 0 ? 'These are the next free times:' : 'Please choose another time.'}</p>
          {refused.next.length > 0 && (
            <div className="slot-grid bk-next-slots">
              {refused.next.map((next) => (
                <button
                  key={next.startsAt}
                  type="button"
                  className="slot"
                  data-starts-at={next.startsAt}
                  onClick={() => {
                    setRefused(null);
                    book.reset();
                    onPickSlot(next);
                  }}
                >
                  <span className="slot-next-day">{formatDay(next.startsAt, zone)}</span>
                  {formatTime(next.startsAt, zone)}
                </button>
              ))}
            </div>
          )}
          <button type="button" className="btn btn-link alert-action" onClick={() => onEdit('slot')}>
            See all times
          </button>
        </div>
      ) : (
        book.isError && <ErrorAlert error={book.error} title="The booking did not go through" />
      )}

      <button type="button" className="btn btn-primary btn-block btn-lg" disabled={book.isPending || Boolean(refused)} onClick={() => book.mutate()}>
        {book.isPending ? <Spinner size="sm" label="Booking" /> : 'Confirm booking'}
      </button>
    </div>
  );
}

/** A line of the summary; the first line of a group carries the group's "Change". */
function SummaryRow({ label, value, onEdit }: { label: string; value: string; onEdit?: () => void }) {
  return (
    <div className="bk-summary-row">
      <dt>{label}</dt>
      <dd>
        <span>{value}</span>
        {onEdit && (
          <button type="button" className="btn btn-link bk-edit" onClick={onEdit} aria-label={label === 'Name' ? 'Change your details' : `Change ${label.toLowerCase()}`}>
            Change
          </button>
        )}
      </dd>
    </div>
  );
}
