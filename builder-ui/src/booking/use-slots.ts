import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import type { Availability, Slot } from '../api/slots';
import { dayKeyOf } from '../time/zoned';

export const SLOT_POLL_MS = 15_000;

/**
 * Free slots of a service over [from, to] (local dates), refreshed every 15 s and whenever the
 * tab comes back into view, so a slot someone else just took disappears without a reload.
 */
export function useLiveSlots(options: { key: readonly unknown[]; enabled: boolean; load: (signal: AbortSignal) => Promise<Availability> }) {
  const query = useQuery({
    queryKey: options.key,
    queryFn: ({ signal }) => options.load(signal),
    enabled: options.enabled,
    staleTime: 0,
    refetchInterval: SLOT_POLL_MS,
    refetchOnWindowFocus: true,
    placeholderData: (previous) => previous,
  });
  const { refetch } = query;
  useEffect(() => {
    if (!options.enabled) return;
    const onFocus = () => void refetch();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [options.enabled, refetch]);
  return query;
}

/** Slots grouped by their local date in the zone, in order. */
export function useSlotsByDay(slots: readonly Slot[] | undefined, zone: string): Map<string, Slot[]> {
  return useMemo(() => {
    const byDay = new Map<string, Slot[]>();
    for (const slot of slots ?? []) {
      const key = dayKeyOf(slot.startsAt, zone);
      const list = byDay.get(key);
      if (list) list.push(slot);
      else byDay.set(key, [slot]);
    }
    return byDay;
  }, [slots, zone]);
}

export const sameInstant = (a: string, b: string) => Date.parse(a) === Date.parse(b);
