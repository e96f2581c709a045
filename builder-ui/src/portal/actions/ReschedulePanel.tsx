import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { portalApi, type PortalAppointment } from '../../api/portal';
import { isSlotRefusal, nextSlotsOf, type Slot } from '../../api/slots';
import { ErrorAlert } from '../../components/Alert';
import { Spinner } from '../../components/Spinner';
import { SlotPicker } from '../../booking/SlotPicker';
import { useLiveSlots } from '../../booking/use-slots';
import { formatWhen, todayIn } from '../../time/zoned';
import { useRefreshBookings } from '../portal-queries';

const WINDOW_DAYS = 14;

export function ReschedulePanel({ appointment, zone, onClose }: { appointment: PortalAppointment; zone: string; onClose(): void }) {
  const [offset, setOffset] = useState(0);
  const [picked, setPicked] = useState<Slot | null>(null);
  const refresh = useRefreshBookings();
  const days = useMemo(() => {
    const start = todayIn(zone).plus({ days: offset });
    return Array.from({ length: WINDOW_DAYS }, (_, i) => start.plus({ days: i }).toISODate() as string);
  }, [zone, offset]);
  const from = days[0] as string;
  const to = days[days.length - 1] as string;
  const slots = useLiveSlots({
    key: ['portal', 'availability', appointment.serviceId, appointment.staffId, from, to],
    enabled: true,
    load: () => portalApi.availability({ serviceId: appointment.serviceId, from, to, ...(appointment.staffId ? { staffId: appointment.staffId } : {}) }),
  });
  const move = useMutation({
    mutationFn: (slot: Slot) => portalApi.reschedule(appointment.id, slot.startsAt),
    onSuccess: () => {
      refresh();
      onClose();
    },
  });
  const next = isSlotRefusal(move.error) ? nextSlotsOf(move.error) : [];

  return (
    <div className="portal-panel" role="region" aria-label="Reschedule booking">
      <p className="small muted">
        Changes are possible online until {formatWhen(appointment.rescheduleDeadline, zone)}.{appointment.staffName ? ` Times with ${appointment.staffName}.` : ''}
      </p>
      {picked ? (
        <>
          <p>
            Move to <strong>{formatWhen(picked.startsAt, zone)}</strong>?
          </p>
          {move.isError && <ErrorAlert error={move.error} title="Not moved" />}
          {next.length > 0 && (
            <div className="slot-grid">
              {next.map((slot) => (
                <button key={slot.startsAt} type="button" className="slot" onClick={() => { move.reset(); setPicked(slot); }}>
                  {formatWhen(slot.startsAt, zone)}
                </button>
              ))}
            </div>
          )}
          <div className="portal-panel-actions">
            <button type="button" className="btn btn-ghost" onClick={() => { move.reset(); setPicked(null); }}>
              Other times
            </button>
            <button type="button" className="btn btn-primary" disabled={move.isPending} onClick={() => move.mutate(picked)}>
              {move.isPending ? <Spinner size="sm" label="Moving" /> : 'Move booking'}
            </button>
          </div>
        </>
      ) : (
        <SlotPicker
          zone={zone}
          days={days}
          slots={slots.data?.slots}
          loading={slots.isPending}
          updating={slots.isFetching}
          onPick={setPicked}
          onEarlier={offset > 0 ? () => setOffset((o) => Math.max(0, o - WINDOW_DAYS)) : undefined}
          onLater={offset < 84 ? () => setOffset((o) => o + WINDOW_DAYS) : undefined}
        />
      )}
    </div>
  );
}
