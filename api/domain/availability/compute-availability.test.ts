import { computeAvailability } from './compute-availability';
import { AvailabilityInputError } from './errors';
import { WEEKDAYS, availabilityInput, hours, localStarts, startTimes } from './test-fixtures';
import type { ExistingAppointment } from './types';

const appointment = (startsAt: string, endsAt: string, extra: Partial<ExistingAppointment> = {}): ExistingAppointment => ({
  staffId: 'a',
  serviceId: 'other',
  status: 'confirmed',
  startsAt,
  endsAt,
  ...extra,
});

describe('working hours', () => {
  test('an hourly service in 09:00–17:00 gives eight slots with the staff member', () => {
    const slots = computeAvailability(availabilityInput());
    expect(startTimes(slots)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(slots[0]).toEqual({ startsAt: '2025-06-02T09:00:00-04:00', endsAt: '2025-06-02T10:00:00-04:00', staffIds: ['a'] });
  });

  test('overlapping rules on one day merge into one window', () => {
    const slots = computeAvailability(
      availabilityInput({ rules: [...hours('a', '09:00', '12:00', [1]), ...hours('a', '11:00', '14:00', [1])] }),
    );
    expect(startTimes(slots)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00']);
  });

  test('hours ending before they start run past midnight', () => {
    const slots = computeAvailability(
      availabilityInput({ rules: hours('a', '22:00', '02:00', [1]), from: '2025-06-02', to: '2025-06-03' }),
    );
    expect(localStarts(slots)).toEqual(['2025-06-02 22:00', '2025-06-02 23:00', '2025-06-03 00:00', '2025-06-03 01:00']);
  });

  test('a bare date as "to" includes that whole local day', () => {
    const slots = computeAvailability(availabilityInput({ rules: hours('a', '09:00', '10:00'), from: '2025-06-02', to: '2025-06-04' }));
    expect(localStarts(slots)).toEqual(['2025-06-02 09:00', '2025-06-03 09:00', '2025-06-04 09:00']);
  });

  test('staff who are inactive, filtered out or not offering the service are left out', () => {
    const slots = computeAvailability(
      availabilityInput({
        staff: [
          { id: 'a', serviceIds: ['svc'] },
          { id: 'b', serviceIds: ['svc'], active: false },
          { id: 'c', serviceIds: ['other'] },
          { id: 'd', serviceIds: ['svc'] },
        ],
        rules: ['a', 'b', 'c', 'd'].flatMap((id) => hours(id, '09:00', '10:00')),
      }),
    );
    expect(slots.map((s) => s.staffIds)).toEqual([['a', 'd']]);
    const onlyD = computeAvailability(
      availabilityInput({
        staff: [{ id: 'a', serviceIds: ['svc'] }, { id: 'd', serviceIds: ['svc'] }],
        rules: ['a', 'd'].flatMap((id) => hours(id, '09:00', '10:00')),
        staffIds: ['d'],
      }),
    );
    expect(onlyD.map((s) => s.staffIds)).toEqual([['d']]);
  });
});

describe('buffers', () => {
  test("the service's buffers keep clear of an existing appointment", () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 60, slotIntervalMinutes: 30, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 },
        appointments: [appointment('2025-06-02T11:00:00-04:00', '2025-06-02T12:00:00-04:00')],
      }),
    );
    expect(startTimes(slots)).toEqual(['09:00', '09:30', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);
  });

  test("an existing appointment keeps its own service's buffers", () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 60, slotIntervalMinutes: 30 },
        serviceBuffers: [{ id: 'other', bufferBeforeMinutes: 0, bufferAfterMinutes: 30 }],
        appointments: [appointment('2025-06-02T11:00:00-04:00', '2025-06-02T12:00:00-04:00')],
      }),
    );
    expect(startTimes(slots)).toEqual(['09:00', '09:30', '10:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00']);
  });

  test('buffers of both sides add up: clean-up after one never overlaps preparation for the next', () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 60, slotIntervalMinutes: 15, bufferBeforeMinutes: 10 },
        appointments: [appointment('2025-06-02T09:00:00-04:00', '2025-06-02T10:00:00-04:00', { bufferAfterMinutes: 15 })],
      }),
    );
    expect(startTimes(slots)[0]).toBe('10:30');
  });

  test('cancelled appointments block nothing', () => {
    const slots = computeAvailability(
      availabilityInput({ appointments: [appointment('2025-06-02T09:00:00-04:00', '2025-06-02T17:00:00-04:00', { status: 'cancelled' })] }),
    );
    expect(slots).toHaveLength(8);
  });
});

describe('minimum notice and maximum advance', () => {
  test('nothing starts sooner than the notice allows, nothing in the past', () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 60, slotIntervalMinutes: 30, minNoticeMinutes: 60 },
        now: '2025-06-02T10:10:00-04:00',
      }),
    );
    expect(startTimes(slots)[0]).toBe('11:30');
  });

  test('the last bookable local day is today plus the maximum advance', () => {
    const slots = computeAvailability(
      availabilityInput({
        service: { id: 'svc', durationMinutes: 60, maxAdvanceDays: 2 },
        rules: hours('a', '09:00', '10:00'),
        now: '2025-06-02T08:00:00-04:00',
        from: '2025-06-01',
        to: '2025-06-08',
      }),
    );
    expect(localStarts(slots)).toEqual(['2025-06-02 09:00', '2025-06-03 09:00', '2025-06-04 09:00']);
  });
});

describe('date overrides', () => {
  const week = { rules: hours('a', '09:00', '17:00', WEEKDAYS), from: '2025-06-02', to: '2025-06-04' };
  const days = (slots: ReturnType<typeof computeAvailability>) => [...new Set(slots.map((s) => s.startsAt.slice(0, 10)))];

  test('a closed override removes that day only', () => {
    const slots = computeAvailability(availabilityInput({ ...week, overrides: [{ staffId: 'a', date: '2025-06-03', closed: true }] }));
    expect(days(slots)).toEqual(['2025-06-02', '2025-06-04']);
  });

  test('other hours replace the weekly rules on that date', () => {
    const slots = computeAvailability(
      availabilityInput({ ...week, overrides: [{ staffId: 'a', date: '2025-06-03', startTime: '12:00', endTime: '14:00' }] }),
    );
    expect(localStarts(slots).filter((s) => s.startsWith('2025-06-03'))).toEqual(['2025-06-03 12:00', '2025-06-03 13:00']);
  });

  test('an override can open a day with no weekly hours', () => {
    const slots = computeAvailability(
      availabilityInput({
        ...week,
        from: '2025-06-07',
        to: '2025-06-08',
        overrides: [{ staffId: 'a', date: '2025-06-07', startTime: '10:00', endTime: '11:00' }],
      }),
    );
    expect(localStarts(slots)).toEqual(['2025-06-07 10:00']);
  });

  test('a business-wide holiday closes every staff member', () => {
    const slots = computeAvailability(
      availabilityInput({
        ...week,
        staff: [{ id: 'a', serviceIds: ['svc'] }, { id: 'b', serviceIds: ['svc'] }],
        rules: [...hours('a', '09:00', '17:00', WEEKDAYS), ...hours('b', '09:00', '17:00', WEEKDAYS)],
        overrides: [{ staffId: null, date: '2025-06-03', closed: true }],
      }),
    );
    expect(days(slots)).toEqual(['2025-06-02', '2025-06-04']);
  });

  test("business-wide short hours cap each staff member's day; a staff override still wins", () => {
    const slots = computeAvailability(
      availabilityInput({
        staff: [{ id: 'a', serviceIds: ['svc'] }, { id: 'b', serviceIds: ['svc'] }],
        rules: [...hours('a', '09:00', '17:00'), ...hours('b', '11:00', '17:00')],
        overrides: [
          { staffId: null, date: '2025-06-02', startTime: '10:00', endTime: '13:00' },
          { staffId: 'b', date: '2025-06-02', startTime: '15:00', endTime: '16:00' },
        ],
      }),
    );
    expect(slots.map((s) => `${s.startsAt.slice(11, 16)} ${s.staffIds.join(',')}`)).toEqual(['10:00 a', '11:00 a', '12:00 a', '15:00 b']);
  });
});

describe('time off and external busy blocks', () => {
  test('remove exactly the slots they overlap', () => {
    const input = availabilityInput({ service: { id: 'svc', durationMinutes: 60, slotIntervalMinutes: 30 } });
    const before = startTimes(computeAvailability(input));
    const after = startTimes(
      computeAvailability({
        ...input,
        timeOff: [{ staffId: 'a', startsAt: '2025-06-02T13:00:00-04:00', endsAt: '2025-06-02T14:30:00-04:00' }],
        busyBlocks: [{ staffId: 'a', startsAt: new Date('2025-06-02T14:15:00Z'), endsAt: Date.parse('2025-06-02T14:45:00Z') }],
      }),
    );
    expect(before.filter((t) => !after.includes(t))).toEqual(['09:30', '10:00', '10:30', '12:30', '13:00', '13:30', '14:00']);
    expect(after.filter((t) => !before.includes(t))).toEqual([]);
  });

  test("someone else's time off leaves this staff member's slots alone", () => {
    const slots = computeAvailability(
      availabilityInput({ timeOff: [{ staffId: 'b', startsAt: '2025-06-02T00:00:00Z', endsAt: '2025-06-03T00:00:00Z' }] }),
    );
    expect(slots).toHaveLength(8);
  });
});

describe('bad input', () => {
  test.each([
    ['an unknown zone', { tenantTimezone: 'Nowhere/City' }],
    ['a malformed time', { rules: [{ staffId: 'a', weekday: 1, startTime: '9am', endTime: '17:00' }] }],
    ['a weekday out of range', { rules: [{ staffId: 'a', weekday: 0, startTime: '09:00', endTime: '17:00' }] }],
    ['an instant without offset', { now: '2025-06-01T00:00:00' }],
    ['a range running backwards', { from: '2025-06-03', to: '2025-06-01' }],
    ['a range of two years', { from: '2025-01-01', to: '2026-12-31' }],
    ['a zero duration', { service: { id: 'svc', durationMinutes: 0 } }],
    ['an override with neither hours nor closed', { overrides: [{ staffId: 'a', date: '2025-06-02', startTime: '09:00' }] }],
  ])('%s is refused with an input error', (_name, patch) => {
    expect(() => computeAvailability(availabilityInput(patch))).toThrow(AvailabilityInputError);
  });
});
