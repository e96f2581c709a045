import { computeAvailability } from './compute-availability';
import { LONDON, NEW_YORK, availabilityInput, hours, localStarts, startTimes } from './test-fixtures';

const roundTheClock = (timezone: string, date: string, slotIntervalMinutes = 60) =>
  computeAvailability(
    availabilityInput({
      tenantTimezone: timezone,
      service: { id: 'svc', durationMinutes: 60, slotIntervalMinutes },
      rules: hours('a', '00:00', '24:00'),
      from: date,
      to: date,
    }),
  );

describe('spring forward in America/New_York (2025-03-09, 02:00 → 03:00)', () => {
  test('the 23-hour day has 23 hourly slots and none in the missing hour', () => {
    const slots = roundTheClock(NEW_YORK, '2025-03-09');
    expect(slots).toHaveLength(23);
    expect(startTimes(slots)).not.toContain('02:00');
    expect(slots.slice(0, 3).map((s) => [s.startsAt, s.endsAt])).toEqual([
      ['2025-03-09T00:00:00-05:00', '2025-03-09T01:00:00-05:00'],
      ['2025-03-09T01:00:00-05:00', '2025-03-09T03:00:00-04:00'],
      ['2025-03-09T03:00:00-04:00', '2025-03-09T04:00:00-04:00'],
    ]);
  });

  test('a half-hour grid skips 02:00 and 02:30 and keeps every other local time', () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 30, slotIntervalMinutes: 30 },
        rules: hours('a', '01:00', '04:00'),
        from: '2025-03-09',
        to: '2025-03-09',
      }),
    );
    expect(startTimes(slots)).toEqual(['01:00', '01:30', '03:00', '03:30']);
  });

  test('hours starting inside the gap open at the jump, and the grid keeps its wall-clock anchor', () => {
    const slots = computeAvailability(
      availabilityInput({
        rules: hours('a', '02:30', '05:00'),
        from: '2025-03-08',
        to: '2025-03-10',
      }),
    );
    expect(localStarts(slots)).toEqual([
      '2025-03-08 02:30',
      '2025-03-08 03:30',
      '2025-03-09 03:30',
      '2025-03-10 02:30',
      '2025-03-10 03:30',
    ]);
  });

  test('a 09:00 slot stays at 09:00 local on both sides of the change', () => {
    const slots = computeAvailability(
      availabilityInput({ rules: hours('a', '09:00', '10:00'), from: '2025-03-08', to: '2025-03-10' }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2025-03-08T09:00:00-05:00',
      '2025-03-09T09:00:00-04:00',
      '2025-03-10T09:00:00-04:00',
    ]);
    expect(new Date(slots[0].startsAt).toISOString()).toBe('2025-03-08T14:00:00.000Z');
    expect(new Date(slots[1].startsAt).toISOString()).toBe('2025-03-09T13:00:00.000Z');
  });
});

describe('fall back in America/New_York (2025-11-02, 02:00 → 01:00)', () => {
  test('the 25-hour day has 25 hourly slots, 01:00 offered once in each offset', () => {
    const slots = roundTheClock(NEW_YORK, '2025-11-02');
    expect(slots).toHaveLength(25);
    expect(slots.slice(1, 4).map((s) => s.startsAt)).toEqual([
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T02:00:00-05:00',
    ]);
    const instants = slots.map((s) => Date.parse(s.startsAt));
    instants.slice(1).forEach((instant, i) => expect(instant - instants[i]).toBe(3_600_000));
  });

  test('hours 01:00–02:00 last two real hours and give four half-hour slots in time order', () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 30, slotIntervalMinutes: 30 },
        rules: hours('a', '01:00', '02:00'),
        from: '2025-11-02',
        to: '2025-11-02',
      }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:30:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T01:30:00-05:00',
    ]);
  });

  test('an appointment in the first 01:00 hour blocks only that hour, not the repeat', () => {
    const slots = computeAvailability(
      availabilityInput({
        rules: hours('a', '00:00', '04:00'),
        appointments: [
          { staffId: 'a', serviceId: 'svc', status: 'confirmed', startsAt: '2025-11-02T01:00:00-04:00', endsAt: '2025-11-02T01:00:00-05:00' },
        ],
        from: '2025-11-02',
        to: '2025-11-02',
      }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2025-11-02T00:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
      '2025-11-02T02:00:00-05:00',
      '2025-11-02T03:00:00-05:00',
    ]);
  });

  test('a 09:00 slot stays at 09:00 local on both sides of the change', () => {
    const slots = computeAvailability(
      availabilityInput({ rules: hours('a', '09:00', '10:00'), from: '2025-11-01', to: '2025-11-03' }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2025-11-01T09:00:00-04:00',
      '2025-11-02T09:00:00-05:00',
      '2025-11-03T09:00:00-05:00',
    ]);
  });
});

describe('Europe/London', () => {
  test('spring forward (2025-03-30, 01:00 → 02:00): 23 slots, none at 01:00', () => {
    const slots = roundTheClock(LONDON, '2025-03-30');
    expect(slots).toHaveLength(23);
    expect(startTimes(slots)).not.toContain('01:00');
    expect(slots[1].startsAt).toBe('2025-03-30T02:00:00+01:00');
  });

  test('fall back (2025-10-26, 02:00 → 01:00): 25 slots, 01:00 in BST and in GMT', () => {
    const slots = roundTheClock(LONDON, '2025-10-26');
    expect(slots).toHaveLength(25);
    expect(slots.filter((s) => s.startsAt.slice(11, 16) === '01:00').map((s) => s.startsAt)).toEqual([
      '2025-10-26T01:00:00+01:00',
      '2025-10-26T01:00:00+00:00',
    ]);
  });

  test('staff hours follow their own zone while slots are shown in the tenant zone', () => {
    const slots = computeAvailability(
      availabilityInput({
        staff: [{ id: 'a', serviceIds: ['svc'], timezone: LONDON }],
        rules: hours('a', '09:00', '10:00'),
        from: '2025-03-20',
        to: '2025-04-01',
      }),
    );
    // New York moved on 9 March, London on 30 March: the gap between them is 4 h, then 5 h again.
    expect(slots.find((s) => s.startsAt.startsWith('2025-03-20'))?.startsAt).toBe('2025-03-20T05:00:00-04:00');
    expect(slots.find((s) => s.startsAt.startsWith('2025-04-01'))?.startsAt).toBe('2025-04-01T04:00:00-04:00');
  });
});
