import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../api/errors';
import { rememberBusiness } from '../api/portal-token';
import { publicApi, type PublicBookingResult } from '../api/public';
import type { Slot } from '../api/slots';
import { ErrorAlert } from '../components/Alert';
import { FullPageSpinner } from '../components/Spinner';
import { dayKeyOf, formatDuration, formatTime, formatWhen, todayIn } from '../time/zoned';
import { ANY_STAFF, type BookingDetails, type BookingStep, emptyDetails } from './booking-types';
import { BookedScreen } from './BookedScreen';
import { ConfirmStep } from './ConfirmStep';
import { DetailsStep } from './DetailsStep';
import { useFunnel } from './funnel';
import { ServiceStep } from './ServiceStep';
import { SlotPicker } from './SlotPicker';
import { StaffStep } from './StaffStep';
import { sameInstant, useLiveSlots } from './use-slots';

const WINDOW_DAYS = 14;
const ORDER: BookingStep[] = ['service', 'staff', 'slot', 'details', 'confirm'];
const LABELS: Record<BookingStep, string> = { service: 'Service', staff: 'Staff', slot: 'Time', details: 'Details', confirm: 'Confirm', done: 'Booked' };

/** The public booking page, `/book/:slug`: service → staff → time → details → confirm, phone first. */
export function BookingPage() {
  const slug = (useParams().slug ?? '').toLowerCase();
  const business = useQuery({ queryKey: ['public-business', slug], queryFn: ({ signal }) => publicApi.business(slug, signal), staleTime: 60_000, retry: false });
  const funnel = useFunnel(slug);
  const [step, setStep] = useState<BookingStep>('service');
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string>(ANY_STAFF);
  const [slot, setSlot] = useState<Slot | null>(null);
  const [details, setDetails] = useState<BookingDetails>(emptyDetails);
  const [result, setResult] = useState<PublicBookingResult | null>(null);
  const [windowOffset, setWindowOffset] = useState(0);

  const data = business.data;
  const zone = data?.business.timezone ?? 'UTC';
  const service = data?.services.find((s) => s.id === serviceId) ?? null;
  const eligibleStaff = useMemo(() => (data && serviceId ? data.staff.filter((s) => s.serviceIds.includes(serviceId)) : []), [data, serviceId]);
  // Before a service is chosen, the progress bar assumes a choice of staff if the business has any.
  const skipStaff = serviceId ? eligibleStaff.length <= 1 : (data?.staff.length ?? 0) <= 1;
  const steps = skipStaff ? ORDER.filter((s) => s !== 'staff') : ORDER;

  useEffect(() => {
    if (!data) return;
    document.title = `Book · ${data.business.name}`;
    funnel.record('view');
  }, [data, funnel]);

  const days = useMemo(() => {
    const start = todayIn(zone).plus({ days: windowOffset });
    return Array.from({ length: WINDOW_DAYS }, (_, i) => start.plus({ days: i }).toISODate() as string);
  }, [zone, windowOffset]);
  const staffFilter = staffId === ANY_STAFF ? undefined : staffId;
  const slots = useLiveSlots({
    key: ['public-availability', slug, serviceId, staffFilter ?? ANY_STAFF, days[0], days[days.length - 1]],
    enabled: Boolean(data && serviceId) && step !== 'done' && step !== 'service' && step !== 'staff',
    load: (signal) => publicApi.availability(slug, { serviceId: serviceId as string, from: days[0] as string, to: days[days.length - 1] as string, ...(staffFilter ? { staffId: staffFilter } : {}) }, signal),
  });
  const slotInWindow = slot ? days.includes(dayKeyOf(slot.startsAt, zone)) : false;
  const slotGone = Boolean(slot && slotInWindow && slots.data && !slots.isPlaceholderData && !slots.data.slots.some((s) => sameInstant(s.startsAt, slot.startsAt)));

  if (business.isPending) return <FullPageSpinner label="Loading the booking page" />;
  if (business.isError || !data) {
    const missing = business.error instanceof ApiError && business.error.status === 404;
    return (
      <div className="bk-page">
        <main className="bk-main">
          {missing ? <h1 className="bk-step-title">This booking page does not exist</h1> : <ErrorAlert error={business.error} onRetry={() => void business.refetch()} />}
        </main>
      </div>
    );
  }

  const staffName = (id: string | null | undefined) => (id ? (data.staff.find((s) => s.id === id)?.name ?? null) : null);
  const go = (next: BookingStep) => {
    setStep(next);
    window.scrollTo({ top: 0 });
  };
  const back = () => {
    const i = steps.indexOf(step);
    if (i > 0) go(steps[i - 1] as BookingStep);
  };
  const brand = data.business.branding?.primaryColor;
  const style = brand ? ({ '--color-primary': brand, '--color-primary-hover': brand } as CSSProperties) : undefined;
  const position = steps.indexOf(step);
  const chosenStaffName = step === 'done' ? staffName(result?.appointment.staffId) : staffId === ANY_STAFF ? (skipStaff ? staffName(eligibleStaff[0]?.id) : null) : staffName(staffId);

  return (
    <div className="bk-page" style={style}>
      <header className="bk-header">
        {position > 0 ? (
          <button type="button" className="bk-back" onClick={back} aria-label="Back">
            ‹
          </button>
        ) : (
          <span className="bk-back-placeholder" />
        )}
        <div className="bk-header-text">
          {data.business.branding?.logoUrl && <img className="bk-logo" src={data.business.branding.logoUrl} alt="" />}
          <h1 className="bk-business">{data.business.name}</h1>
          {data.business.rating && (
            <span className="bk-rating">
              ★ {data.business.rating.average.toFixed(1)} · {data.business.rating.count} reviews
            </span>
          )}
        </div>
        <span className="bk-back-placeholder" />
      </header>

      {step !== 'done' && (
        <ol className="bk-progress" aria-label="Steps">
          {steps.map((s, i) => (
            <li key={s} className={i < position ? 'is-done' : i === position ? 'is-current' : ''} aria-current={i === position ? 'step' : undefined}>
              {LABELS[s]}
            </li>
          ))}
        </ol>
      )}

      <main className="bk-main">
        {service && step !== 'service' && step !== 'confirm' && step !== 'done' && (
          <div className="bk-chosen" data-testid="chosen">
            <strong>{service.name}</strong> · {formatDuration(service.durationMinutes)}
            {chosenStaffName && ` · ${chosenStaffName}`}
            {slot && step === 'details' && ` · ${formatWhen(slot.startsAt, zone)}`}
          </div>
        )}

        {step === 'service' && (
          <ServiceStep
            services={data.services}
            currency={data.business.currency}
            selectedId={serviceId}
            onSelect={(picked) => {
              if (picked.id !== serviceId) {
                setSlot(null);
                setStaffId(ANY_STAFF);
              }
              setServiceId(picked.id);
              funnel.record('service_selected', { serviceId: picked.id });
              const staffCount = data.staff.filter((s) => s.serviceIds.includes(picked.id)).length;
              go(staffCount <= 1 ? 'slot' : 'staff');
            }}
          />
        )}

        {step === 'staff' && (
          <StaffStep
            staff={eligibleStaff}
            selectedId={staffId}
            onSelect={(id) => {
              if (id !== staffId) setSlot(null);
              setStaffId(id);
              go('slot');
            }}
          />
        )}

        {step === 'slot' && service && (
          <div className="bk-step">
            <h2 className="bk-step-title">Pick a time</h2>
            {slots.isError && <ErrorAlert error={slots.error} onRetry={() => void slots.refetch()} />}
            {slot && slotGone && (
              <div className="alert alert-info" role="status">
                {formatTime(slot.startsAt, zone)} was just taken by someone else; please pick another time.
              </div>
            )}
            <SlotPicker
              zone={zone}
              days={days}
              slots={slots.data?.slots}
              loading={slots.isPending}
              updating={slots.isFetching}
              pickedStartsAt={slotGone ? null : slot?.startsAt}
              onEarlier={windowOffset > 0 ? () => setWindowOffset((o) => Math.max(0, o - WINDOW_DAYS)) : undefined}
              onLater={windowOffset < 84 ? () => setWindowOffset((o) => o + WINDOW_DAYS) : undefined}
              onPick={(picked) => {
                setSlot(picked);
                funnel.record('slot_selected', { serviceId, staffId: staffFilter ?? null });
                go('details');
              }}
            />
          </div>
        )}

        {step === 'details' && service && (
          <DetailsStep
            initial={details}
            askPet={service.requiresVaccination}
            onDone={(filled) => {
              setDetails(filled);
              funnel.record('form_completed', { serviceId, staffId: staffFilter ?? null });
              go('confirm');
            }}
          />
        )}

        {step === 'confirm' && service && slot && (
          <ConfirmStep
            business={data.business}
            service={service}
            staffId={staffId}
            staffName={chosenStaffName}
            slot={slot}
            details={details}
            sessionId={funnel.sessionId()}
            slotGone={slotGone}
            onEdit={(target) => go(target === 'staff' && skipStaff ? 'service' : target)}
            onPickSlot={(next) => setSlot(next)}
            onBooked={(booked) => {
              setResult(booked);
              rememberBusiness(data.business.slug, data.business.name);
              void slots.refetch();
              go('done');
            }}
          />
        )}

        {step === 'done' && service && result && (
          <BookedScreen
            business={data.business}
            service={service}
            staffName={chosenStaffName}
            result={result}
            email={details.email.trim()}
            onBookAnother={() => {
              funnel.restart();
              funnel.record('view');
              setResult(null);
              setSlot(null);
              setServiceId(null);
              setStaffId(ANY_STAFF);
              go('service');
            }}
          />
        )}
      </main>
      <footer className="bk-footer">
        Booking by <strong>Appointflow</strong>
      </footer>
    </div>
  );
}
