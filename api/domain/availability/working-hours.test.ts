import { ZoneClock, dayNumberOf } from './local-time';
import { hours } from './test-fixtures';
import type { DateOverride, WeeklyRule } from './types';
import { buildWorkingWindows, groupOverridesByDay } from './working-hours';

const newYork = ZoneClock.of('America/New_York');

function windowsOn(date: string, rules: WeeklyRule[], overrides: DateOverride[] = []): string[] {
  const day = dayNumberOf(date);
  return buildWorkingWindows({
    zone: newYork,
    rules,
    staffOverrides: groupOverridesByDay(overrides.filter((o) => o.staffId)),
    businessOverrides: groupOverridesByDay(overrides.filter((o) => !o.staffId)),
    fromDay: day,
    toDay: day,
  }).map((w) => `${newYork.formatIso(w.start)} ${newYork.formatIso(w.end)}`);
}

describe('working windows', () => {
  test('"24:00" closes at the next midnight', () => {
    expect(windowsOn('2025-06-02', hours('a', '18:00', '24:00'))).toEqual(['2025-06-02T18:00:00-04:00 2025-06-03T00:00:00-04:00']);
  });

  test('hours wholly inside the spring-forward gap vanish; hours across it are one real hour shorter', () => {
    expect(windowsOn('2025-03-09', hours('a', '02:00', '03:00'))).toEqual([]);
    expect(windowsOn('2025-03-09', hours('a', '01:00', '04:00'))).toEqual(['2025-03-09T01:00:00-05:00 2025-03-09T04:00:00-04:00']);
  });

  test('hours across the fall-back repeat are one real hour longer', () => {
    expect(windowsOn('2025-11-02', hours('a', '00:00', '03:00'))).toEqual(['2025-11-02T00:00:00-04:00 2025-11-02T03:00:00-05:00']);
  });

  test("a staff member's closed override wins over their other overrides that day", () => {
    const overrides: DateOverride[] = [
      { staffId: 'a', date: '2025-06-02', startTime: '10:00', endTime: '12:00' },
      { staffId: 'a', date: '2025-06-02', closed: true },
    ];
    expect(windowsOn('2025-06-02', hours('a', '09:00', '17:00'), overrides)).toEqual([]);
  });

  test('several override windows on one date all count', () => {
    const overrides: DateOverride[] = [
      { staffId: 'a', date: '2025-06-02', startTime: '14:00', endTime: '15:00' },
      { staffId: 'a', date: '2025-06-02', startTime: '10:00', endTime: '11:00' },
    ];
    expect(windowsOn('2025-06-02', hours('a', '09:00', '17:00'), overrides)).toEqual([
      '2025-06-02T10:00:00-04:00 2025-06-02T11:00:00-04:00',
      '2025-06-02T14:00:00-04:00 2025-06-02T15:00:00-04:00',
    ]);
  });
});
