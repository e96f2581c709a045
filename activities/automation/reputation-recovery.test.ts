import { recoveryDue } from './reputation-recovery';

const DAY = 86_400_000;
const offenceAt = new Date('2026-01-10T12:00:00Z');
const after = (days: number) => new Date(offenceAt.getTime() + days * DAY);

test('+5 for each full 30 days since the offence, none before the first period ends', () => {
  expect(recoveryDue({ score: 40, offenceAt, creditedPeriods: 0, now: after(29.9) })).toEqual({ periods: 0, delta: 0 });
  expect(recoveryDue({ score: 40, offenceAt, creditedPeriods: 0, now: after(30) })).toEqual({ periods: 1, delta: 5 });
  expect(recoveryDue({ score: 40, offenceAt, creditedPeriods: 0, now: after(95) })).toEqual({ periods: 3, delta: 15 });
});

test('periods already credited are not credited again', () => {
  expect(recoveryDue({ score: 45, offenceAt, creditedPeriods: 1, now: after(65) })).toEqual({ periods: 2, delta: 5 });
  expect(recoveryDue({ score: 50, offenceAt, creditedPeriods: 2, now: after(89) })).toEqual({ periods: 2, delta: 0 });
});

test('never above 100', () => {
  expect(recoveryDue({ score: 97, offenceAt, creditedPeriods: 0, now: after(400) })).toEqual({ periods: 13, delta: 3 });
  expect(recoveryDue({ score: 100, offenceAt, creditedPeriods: 0, now: after(400) })).toEqual({ periods: 13, delta: 0 });
});

test('a clock before the offence credits nothing', () => {
  expect(recoveryDue({ score: 20, offenceAt, creditedPeriods: 0, now: after(-5) })).toEqual({ periods: 0, delta: 0 });
});
