import { AvailabilityInputError } from './errors';
import { ZoneClock, dayNumberOf, isoWeekdayOf, parseInstant } from './local-time';

const wall = (text: string) => Date.parse(`${text}Z`);
const iso = (instant: number) => new Date(instant).toISOString();

describe('wall clock in a zone', () => {
  const newYork = ZoneClock.of('America/New_York');

  test('a wall time in the spring-forward gap has no instant; its boundary is the jump itself', () => {
    expect(newYork.instantsOf(wall('2025-03-09T02:30:00'))).toEqual([]);
    expect(iso(newYork.firstInstantAtOrAfter(wall('2025-03-09T02:30:00')))).toBe('2025-03-09T07:00:00.000Z');
  });

  test('a wall time in the fall-back repeat has two instants, earlier first', () => {
    expect(newYork.instantsOf(wall('2025-11-02T01:30:00')).map(iso)).toEqual([
      '2025-11-02T05:30:00.000Z',
      '2025-11-02T06:30:00.000Z',
    ]);
    expect(iso(newYork.firstInstantAtOrAfter(wall('2025-11-02T01:30:00')))).toBe('2025-11-02T05:30:00.000Z');
  });

  test('formats with the offset in force at that instant', () => {
    expect(newYork.formatIso(Date.parse('2025-11-02T05:30:00Z'))).toBe('2025-11-02T01:30:00-04:00');
    expect(newYork.formatIso(Date.parse('2025-11-02T06:30:00Z'))).toBe('2025-11-02T01:30:00-05:00');
    expect(ZoneClock.of('Asia/Kolkata').formatIso(Date.parse('2025-01-01T00:00:00Z'))).toBe('2025-01-01T05:30:00+05:30');
  });

  test('unknown zones are refused', () => {
    expect(() => ZoneClock.of('Mars/Olympus')).toThrow(AvailabilityInputError);
  });
});

describe('dates and instants', () => {
  test('ISO weekdays follow the calendar', () => {
    expect(isoWeekdayOf(dayNumberOf('2025-06-02'))).toBe(1);
    expect(isoWeekdayOf(dayNumberOf('2025-06-08'))).toBe(7);
    expect(isoWeekdayOf(dayNumberOf('1969-12-31'))).toBe(3);
  });

  test('impossible dates are refused', () => {
    expect(() => dayNumberOf('2025-02-30')).toThrow(AvailabilityInputError);
  });

  test('instants need an offset so the server zone never leaks in', () => {
    expect(parseInstant('2025-06-02T09:00:00-04:00', 'x')).toBe(Date.parse('2025-06-02T13:00:00Z'));
    expect(parseInstant(new Date(5), 'x')).toBe(5);
    expect(() => parseInstant('2025-06-02T09:00:00', 'x')).toThrow(AvailabilityInputError);
    expect(() => parseInstant('soon', 'x')).toThrow(AvailabilityInputError);
  });
});
