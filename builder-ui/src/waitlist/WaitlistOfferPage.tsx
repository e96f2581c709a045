import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../api/errors';
import { ErrorAlert } from '../components/Alert';
import { FullPageSpinner } from '../components/Spinner';
import { formatDuration, formatTime, formatWhen, zoneAbbreviation } from '../time/zoned';
import { HoldCountdown } from './HoldCountdown';
import { isOpen, offerApi, type BookedAppointment, type WaitlistOffer } from './offer-api';
import { useNow } from './use-now';
import './waitlist.css';

function Shell({ business, children }: { business?: string; children: ReactNode }) {
  return (
    <div className="bk-page wl-page">
      <header className="wl-header">
        <h1 className="bk-business">{business ?? 'Waitlist offer'}</h1>
        {business && <span className="wl-header-sub">Waitlist</span>}
      </header>
      <main className="bk-main wl-main">{children}</main>
    </div>
  );
}

function SlotSummary({ offer, showWhen = true }: { offer: WaitlistOffer; showWhen?: boolean }) {
  const zone = offer.business.timezone;
  return (
    <dl className="bk-summary wl-summary" data-testid="offer-slot">
      {showWhen && (
        <div className="bk-summary-row">
          <dt>When</dt>
          <dd>
            <span>
              {formatWhen(offer.startsAt, zone)} <span className="muted">{zoneAbbreviation(zone, offer.startsAt)}</span>
            </span>
          </dd>
        </div>
      )}
      <div className="bk-summary-row">
        <dt>Service</dt>
        <dd>
          {offer.service.name} · {formatDuration(offer.service.durationMinutes)}
        </dd>
      </div>
      <div className="bk-summary-row">
        <dt>With</dt>
        <dd>{offer.staff?.name ?? 'Our team'}</dd>
      </div>
    </dl>
  );
}

function Outcome({ tone, mark, title, children, testId }: { tone: 'success' | 'neutral' | 'warning'; mark: ReactNode; title: string; children: ReactNode; testId: string }) {
  return (
    <section className={`wl-outcome wl-outcome-${tone}`} data-testid={testId} aria-live="polite">
      <div className="wl-mark" aria-hidden="true">
        {mark}
      </div>
      <h2 className="bk-step-title">{title}</h2>
      {children}
    </section>
  );
}

const CLOCK = (
  <svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7v5l3 2" />
  </svg>
);

const portalLink = (offer: WaitlistOffer) => `/portal?${new URLSearchParams({ business: offer.business.slug }).toString()}`;

/** Why an offer that cannot be answered any more is closed, in the customer's words. */
function ClosedOffer({ offer, now }: { offer: WaitlistOffer; now: number }) {
  const zone = offer.business.timezone;
  if (offer.status === 'accepted') {
    return (
      <Outcome tone="success" mark="✓" title="You already took this slot" testId="offer-closed">
        <p className="muted">It is booked for you. Manage it in your bookings.</p>
        <SlotSummary offer={offer} />
        <a className="btn btn-secondary btn-lg btn-block" href={portalLink(offer)}>
          My bookings
        </a>
      </Outcome>
    );
  }
  if (offer.status === 'declined') {
    return (
      <Outcome tone="neutral" mark="↩" title="You passed on this slot" testId="offer-closed">
        <p className="muted">It went to the next person in line. You keep your place on the waitlist, and we will tell you when another slot opens.</p>
      </Outcome>
    );
  }
  if (offer.status === 'withdrawn') {
    return (
      <Outcome tone="warning" mark="!" title="This slot is no longer available" testId="offer-closed">
        <p className="muted">{offer.business.name} took the slot back. You keep your place on the waitlist.</p>
      </Outcome>
    );
  }
  const ended = Date.parse(offer.expiresAt) <= now || offer.status === 'expired';
  return (
    <Outcome tone="warning" mark={CLOCK} title="This offer has run out" testId="offer-closed">
      <p className="muted">
        {ended ? `We held the slot until ${formatTime(offer.expiresAt, zone)} ${zoneAbbreviation(zone, offer.expiresAt)}, ` : ''}
        then offered it to the next person on the waitlist. You keep your place, and we will tell you when another slot opens.
      </p>
      <SlotSummary offer={offer} />
    </Outcome>
  );
}

/**
 * `/waitlist/offers/:token`, the page the waitlist SMS or email links to: the freed slot in the
 * business's time zone, how long it is held, and Accept (books it) or Decline (the next person
 * gets it). A link ending in `?answer=decline` asks to confirm passing. No sign-in, no admin shell.
 */
export function WaitlistOfferPage() {
  const token = useParams().token ?? '';
  const wantsDecline = useSearchParams()[0].get('answer') === 'decline';
  const client = useQueryClient();
  const queryKey = ['waitlist-offer', token];
  const offer = useQuery({
    queryKey,
    queryFn: ({ signal }) => offerApi.get(token, signal),
    retry: false,
    refetchOnWindowFocus: true,
    // Staff may answer for the customer meanwhile: an open offer is checked again now and then.
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 30_000 : false),
  });
  const [loadedAt] = useState(() => Date.now());
  const [booked, setBooked] = useState<BookedAppointment | null>(null);
  const [declined, setDeclined] = useState(false);
  const data = offer.data;
  const now = useNow(Boolean(data && data.status === 'pending' && !booked && !declined));
  const open = data ? isOpen(data, now) : false;

  // An answer refused because the offer closed meanwhile: reload it, so the page says why.
  const refreshIfClosed = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'OFFER_NOT_OPEN') void client.invalidateQueries({ queryKey });
  };
  const accept = useMutation({ mutationFn: () => offerApi.accept(token), onSuccess: setBooked, onError: refreshIfClosed });
  const decline = useMutation({ mutationFn: () => offerApi.decline(token), onSuccess: () => setDeclined(true), onError: refreshIfClosed });

  useEffect(() => {
    document.title = data ? `A spot opened up · ${data.business.name}` : 'Waitlist offer';
  }, [data]);

  if (offer.isPending) return <FullPageSpinner label="Loading your offer" />;
  if (offer.isError || !data) {
    const missing = offer.error instanceof ApiError && (offer.error.status === 404 || offer.error.status === 400);
    return (
      <Shell>
        {missing ? (
          <Outcome tone="warning" mark="?" title="This link does not work" testId="offer-missing">
            <p className="muted">It may be incomplete, or a newer message replaced it. Open the link in the latest message you received, or contact the business.</p>
          </Outcome>
        ) : (
          <ErrorAlert error={offer.error} onRetry={() => void offer.refetch()} />
        )}
      </Shell>
    );
  }

  const zone = data.business.timezone;
  if (booked) {
    return (
      <Shell business={data.business.name}>
        <Outcome tone="success" mark="✓" title="You’re booked!" testId="offer-accepted">
          <p className="muted">{booked.status === 'pending' ? 'We have your booking and will confirm it shortly.' : 'Your booking is confirmed.'} A confirmation is on its way.</p>
          <SlotSummary offer={{ ...data, startsAt: booked.startsAt, endsAt: booked.endsAt }} />
          <a className="btn btn-secondary btn-lg btn-block" href={portalLink(data)}>
            My bookings
          </a>
        </Outcome>
      </Shell>
    );
  }
  if (declined) {
    return (
      <Shell business={data.business.name}>
        <Outcome tone="neutral" mark="↩" title="Thanks for letting us know" testId="offer-declined">
          <p className="muted">The slot goes to the next person in line. You keep your place on the waitlist, and we will tell you when another slot opens.</p>
        </Outcome>
      </Shell>
    );
  }
  if (!open) {
    return (
      <Shell business={data.business.name}>
        <ClosedOffer offer={data} now={now} />
      </Shell>
    );
  }

  const busy = accept.isPending || decline.isPending;
  const acceptButton = (
    <button type="button" className={`btn btn-lg btn-block ${wantsDecline ? 'btn-secondary' : 'btn-primary'}`} disabled={busy} onClick={() => accept.mutate()}>
      {accept.isPending ? 'Booking…' : 'Book this slot'}
    </button>
  );
  const declineButton = (
    <button type="button" className={`btn btn-lg btn-block ${wantsDecline ? 'btn-danger' : 'btn-ghost'}`} disabled={busy} onClick={() => decline.mutate()}>
      {decline.isPending ? 'Passing…' : wantsDecline ? 'Yes, pass on this slot' : 'No thanks, pass'}
    </button>
  );
  return (
    <Shell business={data.business.name}>
      <section className="wl-offer" data-testid="offer-open">
        <p className="wl-kicker">Good news from the waitlist</p>
        <h2 className="bk-step-title">A spot opened up</h2>
        <p className="wl-when" data-testid="offer-when">
          {formatWhen(data.startsAt, zone)} <span className="muted">{zoneAbbreviation(zone, data.startsAt)}</span>
        </p>
        <HoldCountdown expiresAt={data.expiresAt} holdStartedAt={loadedAt} now={now} zone={zone} />
        <SlotSummary offer={data} showWhen={false} />
        {accept.isError && <ErrorAlert error={accept.error} title="Not booked" />}
        {decline.isError && <ErrorAlert error={decline.error} />}
        {wantsDecline && <p className="wl-decline-note">You opened the link to pass on this slot. Confirm below, or book it after all.</p>}
        <div className="wl-actions">
          {wantsDecline ? (
            <>
              {declineButton}
              {acceptButton}
            </>
          ) : (
            <>
              {acceptButton}
              {declineButton}
            </>
          )}
        </div>
        <p className="wl-fine">Passing keeps your place on the waitlist for the next slot that opens.</p>
      </section>
    </Shell>
  );
}
