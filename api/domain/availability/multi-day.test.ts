import { computeAvailability } from './compute-availability';
import { WEEKDAYS, availabilityInput, hours } from './test-fixtures';
import type { AvailabilityInput } from './types';

const course = (patch: Partial<AvailabilityInput> = {}) =>
  availabilityInput({
    service: { id: 'svc', durationMinutes: 60, days: 2 },
    rules: hours('a', '09:00', '17:00', WEEKDAYS),
    from: '2025-06-02',
    to: '2025-06-06',
    ...patch,
  });

const spans = (slots: ReturnType<typeof computeAvailability>) =>
  slots.map((s) => `${s.startsAt.slice(5, 16)} → ${s.endsAt.slice(5, 16)}`);

describe('multi-day services', () => {
  test('run from the start time through the close of the next working day, skipping days off', () => {
    const slots = computeAvailability(course());
    expect(spans(slots).filter((s) => s.includes('T09:00 →') || s.includes('T16:00 →'))).toEqual([
      '06-02T09:00 → 06-03T17:00',
      '06-02T16:00 → 06-03T17:00',
      '06-03T09:00 → 06-04T17:00',
      '06-03T16:00 → 06-04T17:00',
      '06-04T09:00 → 06-05T17:00',
      '06-04T16:00 → 06-05T17:00',
      '06-05T09:00 → 06-06T17:00',
      '06-05T16:00 → 06-06T17:00',
      '06-06T09:00 → 06-09T17:00',
      '06-06T16:00 → 06-09T17:00',
    ]);
  });

  test('need every later day fully free, while earlier hours of the start day do not matter', () => {
    const slots = computeAvailability(
      course({
        from: '2025-06-02',
        to: '2025-06-03',
        appointments: [
          { staffId: 'a', serviceId: 'x', status: 'confirmed', startsAt: '2025-06-02T10:00:00-04:00', endsAt: '2025-06-02T11:00:00-04:00' },
          { staffId: 'a', serviceId: 'x', status: 'confirmed', startsAt: '2025-06-04T16:00:00-04:00', endsAt: '2025-06-04T16:30:00-04:00' },
        ],
      }),
    );
    expect(spans(slots)).toEqual(
      ['11:00', '12:00', '13:00', '14:00', '15:00', '16:00'].map((time) => `06-02T${time} → 06-03T17:00`),
    );
  });

  test('a closed day is skipped like a weekend; breaks inside a day are not needed', () => {
    const slots = computeAvailability(
      course({
        service: { id: 'svc', durationMinutes: 60, days: 3 },
        rules: [...hours('a', '09:00', '12:00', WEEKDAYS), ...hours('a', '13:00', '17:00', WEEKDAYS)],
        overrides: [{ staffId: 'a', date: '2025-06-04', closed: true }],
        busyBlocks: [{ staffId: 'a', startsAt: '2025-06-03T12:00:00-04:00', endsAt: '2025-06-03T13:00:00-04:00' }],
        from: '2025-06-02',
        to: '2025-06-02',
      }),
    );
    expect(spans(slots)[0]).toBe('06-02T09:00 → 06-05T17:00');
    expect(spans(slots)).toHaveLength(7);
  });
});
