import { computeAvailability } from './compute-availability';
import { countRoundRobinLoad, pickRoundRobinStaff, rankStaffByRoundRobin } from './round-robin';
import { availabilityInput, hours } from './test-fixtures';
import type { RoundRobinLoad, StaffMember } from './types';

const team: StaffMember[] = [
  { id: 'ana', weight: 1, serviceIds: ['svc'] },
  { id: 'ben', weight: 2, serviceIds: ['svc'] },
  { id: 'cy', weight: 1, serviceIds: ['svc'] },
];

/** Books `count` times, each going to whoever round robin puts first, and returns each one's share. */
function simulate(count: number, book: (load: RoundRobinLoad[]) => string): Record<string, number> {
  const load = new Map<string, RoundRobinLoad>();
  for (let i = 0; i < count; i++) {
    const winner = book([...load.values()]);
    const entry = load.get(winner) ?? { staffId: winner, bookings: 0 };
    load.set(winner, { staffId: winner, bookings: entry.bookings + 1, lastBookedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000) });
  }
  return Object.fromEntries([...load.values()].map((entry) => [entry.staffId, entry.bookings / count]));
}

describe('weighted round robin', () => {
  test('orders by bookings per weight, then least recent booking, then id', () => {
    expect(
      rankStaffByRoundRobin({
        staff: team,
        load: [
          { staffId: 'ana', bookings: 2, lastBookedAt: '2025-01-02T00:00:00Z' },
          { staffId: 'ben', bookings: 4, lastBookedAt: '2025-01-01T00:00:00Z' },
          { staffId: 'cy', bookings: 1 },
        ],
      }),
    ).toEqual(['cy', 'ben', 'ana']);
    expect(rankStaffByRoundRobin({ staff: team })).toEqual(['ana', 'ben', 'cy']);
  });

  test('weight zero only takes bookings nobody else can', () => {
    const staff = [{ id: 'idle', weight: 0 }, { id: 'busy', weight: 1 }];
    expect(rankStaffByRoundRobin({ staff, load: [{ staffId: 'busy', bookings: 100 }] })).toEqual(['busy', 'idle']);
    expect(pickRoundRobinStaff({ staff, candidateStaffIds: ['idle'] })).toBe('idle');
    expect(pickRoundRobinStaff({ staff, candidateStaffIds: [] })).toBeNull();
  });

  test('300 bookings with weights 1/2/1 split 25/50/25 %', () => {
    const shares = simulate(300, (load) => pickRoundRobinStaff({ staff: team, load, candidateStaffIds: ['ana', 'ben', 'cy'] })!);
    expect(shares.ana).toBeCloseTo(0.25, 2);
    expect(shares.ben).toBeCloseTo(0.5, 2);
    expect(shares.cy).toBeCloseTo(0.25, 2);
  });

  test('1,000 bookings through the availability answer stay within 5 % of the weights', () => {
    const input = availabilityInput({ staff: team, rules: team.flatMap((m) => hours(m.id, '09:00', '10:00')) });
    const shares = simulate(1000, (load) => computeAvailability({ ...input, load })[0].staffIds[0]);
    expect(Math.abs(shares.ana - 0.25)).toBeLessThan(0.05);
    expect(Math.abs(shares.ben - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(shares.cy - 0.25)).toBeLessThan(0.05);
  });

  test('only free staff compete: the next best takes the slot when the favourite is busy', () => {
    const input = availabilityInput({
      staff: team,
      rules: team.flatMap((m) => hours(m.id, '09:00', '11:00')),
      busyBlocks: [{ staffId: 'cy', startsAt: '2025-06-02T09:00:00-04:00', endsAt: '2025-06-02T10:00:00-04:00' }],
      load: [{ staffId: 'ana', bookings: 3 }, { staffId: 'ben', bookings: 4 }],
    });
    expect(computeAvailability(input).map((s) => s.staffIds)).toEqual([
      ['ben', 'ana'],
      ['cy', 'ben', 'ana'],
    ]);
  });

  test('load is counted from non-cancelled appointments in the window', () => {
    const load = countRoundRobinLoad({
      from: '2025-06-01T00:00:00Z',
      to: '2025-07-01T00:00:00Z',
      appointments: [
        { staffId: 'ana', serviceId: 's', status: 'completed', startsAt: '2025-06-02T09:00:00Z', endsAt: '2025-06-02T10:00:00Z' },
        { staffId: 'ana', serviceId: 's', status: 'confirmed', startsAt: '2025-06-05T09:00:00Z', endsAt: '2025-06-05T10:00:00Z', bookedAt: '2025-05-20T08:00:00Z' },
        { staffId: 'ana', serviceId: 's', status: 'cancelled', startsAt: '2025-06-06T09:00:00Z', endsAt: '2025-06-06T10:00:00Z' },
        { staffId: 'ben', serviceId: 's', status: 'confirmed', startsAt: '2025-07-02T09:00:00Z', endsAt: '2025-07-02T10:00:00Z' },
      ],
    });
    expect(load).toEqual([{ staffId: 'ana', bookings: 2, lastBookedAt: '2025-06-02T09:00:00.000Z' }]);
  });
});
