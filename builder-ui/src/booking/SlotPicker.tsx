import { useEffect, useMemo, useState } from 'react';
import type { Slot } from '../api/slots';
import { Spinner } from '../components/Spinner';
import { dayFromKey, formatTime, inZone, zoneAbbreviation } from '../time/zoned';
import { sameInstant, useSlotsByDay } from './use-slots';

const PARTS = [
  { label: 'Morning', until: 12 },
  { label: 'Afternoon', until: 17 },
  { label: 'Evening', until: 24 },
] as const;

/**
 * Days of a window with their free times, then the times of the chosen day, in the business's
 * zone. Days without a free time are shown but cannot be chosen.
 */
export function SlotPicker({
  zone,
  days,
  slots,
  loading,
  pickedStartsAt,
  onPick,
  onEarlier,
  onLater,
  updating,
}: {
  zone: string;
  /** Local dates (YYYY-MM-DD) of the window, in order. */
  days: string[];
  slots: Slot[] | undefined;
  loading: boolean;
  pickedStartsAt?: string | null;
  onPick(slot: Slot): void;
  onEarlier?: () => void;
  onLater?: () => void;
  updating?: boolean;
}) {
  const byDay = useSlotsByDay(slots, zone);
  const firstOpen = days.find((d) => (byDay.get(d)?.length ?? 0) > 0) ?? null;
  const [day, setDay] = useState<string | null>(null);
  const shownDay = day && days.includes(day) ? day : firstOpen;
  useEffect(() => {
    if (day && !days.includes(day)) setDay(null);
  }, [day, days]);

  const parts = useMemo(() => {
    const daySlots = shownDay ? (byDay.get(shownDay) ?? []) : [];
    return PARTS.map((part, i) => ({
      label: part.label,
      slots: daySlots.filter((s) => {
        const hour = inZone(s.startsAt, zone).hour;
        return hour < part.until && hour >= (i === 0 ? 0 : PARTS[i - 1]!.until);
      }),
    })).filter((p) => p.slots.length > 0);
  }, [byDay, shownDay, zone]);

  return (
    <div className="slot-picker">
      <div className="slot-days-head">
        {onEarlier ? (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onEarlier} aria-label="Earlier dates">
            ‹ Earlier
          </button>
        ) : (
          <span />
        )}
        <span className="muted small">
          Times in {zoneAbbreviation(zone)} {updating && <Spinner size="sm" />}
        </span>
        {onLater && (
          <button type="button" className="btn btn-ghost btn-sm" onClick={onLater} aria-label="Later dates">
            Later ›
          </button>
        )}
      </div>
      <div className="slot-days" role="listbox" aria-label="Days">
        {days.map((key) => {
          const count = byDay.get(key)?.length ?? 0;
          const date = dayFromKey(key, zone);
          return (
            <button
              key={key}
              type="button"
              role="option"
              aria-selected={key === shownDay}
              data-date={key}
              className={`slot-day${key === shownDay ? ' is-selected' : ''}`}
              disabled={count === 0}
              onClick={() => setDay(key)}
            >
              <span className="slot-day-weekday">{date.toFormat('ccc')}</span>
              <span className="slot-day-date">{date.toFormat('d')}</span>
              <span className="slot-day-month">{date.toFormat('LLL')}</span>
              <span className="slot-day-count">{loading && !slots ? '…' : count === 0 ? 'No times' : `${count} free`}</span>
            </button>
          );
        })}
      </div>
      {loading && !slots ? (
        <div className="center page-loading">
          <Spinner label="Finding free times" />
        </div>
      ) : !shownDay ? (
        <p className="slot-none">No free times in these dates.{onLater ? ' Try later dates.' : ''}</p>
      ) : (
        <div className="slot-times" aria-label={`Free times on ${dayFromKey(shownDay, zone).toFormat('cccc, LLLL d')}`} data-testid="slot-times">
          <h3 className="slot-times-title">{dayFromKey(shownDay, zone).toFormat('cccc, LLLL d')}</h3>
          {parts.map((part) => (
            <div key={part.label} className="slot-part">
              <h4 className="slot-part-title">{part.label}</h4>
              <div className="slot-grid">
                {part.slots.map((slot) => (
                  <button
                    key={slot.startsAt}
                    type="button"
                    className={`slot${pickedStartsAt && sameInstant(pickedStartsAt, slot.startsAt) ? ' is-selected' : ''}`}
                    data-starts-at={slot.startsAt}
                    onClick={() => onPick(slot)}
                  >
                    {formatTime(slot.startsAt, zone)}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
