import { computeAvailability } from './compute-availability';
import { availabilityInput, hours } from './test-fixtures';
import type { AvailabilityInput, ExistingAppointment } from './types';

const classBooking = (
  staffId: string,
  time: string,
  seatsTaken: number,
  extra: Partial<ExistingAppointment> = {},
): ExistingAppointment => ({
  staffId,
  serviceId: 'yoga',
  status: 'confirmed',
  startsAt: `2025-06-02T${time}:00-04:00`,
  endsAt: `2025-06-02T${String(Number(time.slice(0, 2)) + 1).padStart(2, '0')}${time.slice(2)}:00-04:00`,
  seatsTaken,
  ...extra,
});

const yoga = (patch: Partial<AvailabilityInput> = {}) =>
  availabilityInput({
    service: { id: 'yoga', durationMinutes: 60, slotIntervalMinutes: 30, capacity: 3 },
    staff: [{ id: 'a', serviceIds: ['yoga'] }],
    rules: hours('a', '09:00', '13:00'),
    ...patch,
  });

const summary = (slots: ReturnType<typeof computeAvailability>) =>
  slots.map((s) => `${s.startsAt.slice(11, 16)} ${s.staffIds.join(',')}${s.seatsLeft === undefined ? '' : ` seats=${s.seatsLeft}`}`);

describe('group capacity', () => {
  test('a session stays bookable at its start until its seats are taken, and blocks other starts', () => {
    const slots = computeAvailability(yoga({ appointments: [classBooking('a', '10:00', 2)] }));
    expect(summary(slots)).toEqual(['09:00 a seats=3', '10:00 a seats=1', '11:00 a seats=3', '11:30 a seats=3', '12:00 a seats=3']);
  });

  test('a full session disappears', () => {
    const slots = computeAvailability(yoga({ appointments: [classBooking('a', '10:00', 2), classBooking('a', '10:00', 1)] }));
    expect(summary(slots)).not.toContain('10:00 a seats=0');
    expect(slots.map((s) => s.startsAt.slice(11, 16))).not.toContain('10:00');
  });

  test('a party larger than the seats left is not offered that session', () => {
    const slots = computeAvailability(yoga({ seats: 2, appointments: [classBooking('a', '10:00', 2)] }));
    expect(slots.map((s) => s.startsAt.slice(11, 16))).toEqual(['09:00', '11:00', '11:30', '12:00']);
  });

  test('bookings of another service still block the whole time', () => {
    const slots = computeAvailability(yoga({ appointments: [classBooking('a', '10:00', 1, { serviceId: 'massage' })] }));
    expect(slots.map((s) => s.startsAt.slice(11, 16))).toEqual(['09:00', '11:00', '11:30', '12:00']);
  });

  test('a session that already has people is filled before another instructor opens one', () => {
    const slots = computeAvailability(
      yoga({
        staff: [{ id: 'a', serviceIds: ['yoga'] }, { id: 'b', serviceIds: ['yoga'] }],
        rules: [...hours('a', '09:00', '13:00'), ...hours('b', '09:00', '13:00')],
        appointments: [classBooking('b', '10:00', 1)],
      }),
    );
    const ten = slots.find((s) => s.startsAt.slice(11, 16) === '10:00');
    expect(ten).toMatchObject({ staffIds: ['b', 'a'], seatsLeft: 2, seatsLeftByStaff: { a: 3, b: 2 } });
    expect(slots.find((s) => s.startsAt.slice(11, 16) === '09:00')?.staffIds).toEqual(['a', 'b']);
  });
});

describe('collective services', () => {
  const team = (patch: Partial<AvailabilityInput> = {}) =>
    availabilityInput({
      service: { id: 'duo', durationMinutes: 60, staffCount: 2 },
      staff: ['a', 'b', 'c'].map((id) => ({ id, serviceIds: ['duo'] })),
      rules: ['a', 'b', 'c'].flatMap((id) => hours(id, '09:00', '13:00')),
      ...patch,
    });
  const busy = (staffId: string, from: string, to: string) => ({
    staffId,
    startsAt: `2025-06-02T${from}:00-04:00`,
    endsAt: `2025-06-02T${to}:00-04:00`,
  });

  test('offered only when enough staff are free, listing the combination', () => {
    const slots = computeAvailability(
      team({
        busyBlocks: [
          busy('a', '09:00', '10:00'),
          busy('b', '09:00', '10:00'),
          busy('b', '11:00', '12:00'),
          busy('c', '12:00', '13:00'),
        ],
      }),
    );
    expect(summary(slots)).toEqual(['10:00 a,b', '11:00 a,c', '12:00 a,b']);
  });

  test('round robin picks the combination: the least-loaded pair', () => {
    const slots = computeAvailability(
      team({ load: [{ staffId: 'a', bookings: 5 }, { staffId: 'b', bookings: 1 }, { staffId: 'c', bookings: 0 }] }),
    );
    expect(slots.map((s) => s.staffIds)).toEqual([['c', 'b'], ['c', 'b'], ['c', 'b'], ['c', 'b']]);
  });

  test('a requested staff member is always part of the combination', () => {
    const slots = computeAvailability(
      team({ staffIds: ['a'], load: [{ staffId: 'a', bookings: 9 }], busyBlocks: [busy('a', '09:00', '10:00')] }),
    );
    expect(summary(slots)).toEqual(['10:00 b,a', '11:00 b,a', '12:00 b,a']);
  });

  test('with fewer qualified staff than required there is nothing to offer', () => {
    expect(computeAvailability(team({ service: { id: 'duo', durationMinutes: 60, staffCount: 4 } }))).toEqual([]);
  });
});
