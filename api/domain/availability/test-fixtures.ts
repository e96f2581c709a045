import type { AvailabilityInput, AvailableSlot, WeeklyRule } from './types';

/** Shared builders for the availability tests; not part of the engine. */

export const NEW_YORK = 'America/New_York';
export const LONDON = 'Europe/London';
export const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];
export const WEEKDAYS = [1, 2, 3, 4, 5];

export function hours(staffId: string, startTime: string, endTime: string, weekdays = ALL_WEEK): WeeklyRule[] {
  return weekdays.map((weekday) => ({ staffId, weekday, startTime, endTime }));
}

/** One staff member "a" working 09:00–17:00 every day on a 60-minute service, New York, booked long ago. */
export function availabilityInput(overrides: Partial<AvailabilityInput> = {}): AvailabilityInput {
  return {
    tenantTimezone: NEW_YORK,
    service: { id: 'svc', durationMinutes: 60 },
    staff: [{ id: 'a', serviceIds: ['svc'] }],
    rules: hours('a', '09:00', '17:00'),
    from: '2025-06-02',
    to: '2025-06-02',
    now: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

/** "YYYY-MM-DD HH:mm" local wall clock of each slot start, as the tenant sees it. */
export function localStarts(slots: readonly AvailableSlot[]): string[] {
  return slots.map((slot) => `${slot.startsAt.slice(0, 10)} ${slot.startsAt.slice(11, 16)}`);
}

/** "HH:mm" of each slot start. */
export function startTimes(slots: readonly AvailableSlot[]): string[] {
  return slots.map((slot) => slot.startsAt.slice(11, 16));
}
