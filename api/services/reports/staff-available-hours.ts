import type { EntityManager } from '@mikro-orm/postgresql';
import { buildWorkingWindows, intersectIntervals, mergeIntervals, subtractIntervals, ZoneClock } from '../../domain/availability';
import { groupOverridesByDay } from '../../domain/availability/working-hours';
import type { DateOverride, WeeklyRule } from '../../domain/availability/types';
import { sqlRows } from './report-sql';

const HOUR_MS = 3_600_000;

interface Window {
  from: Date;
  to: Date;
}

/**
 * Hours each staff member could be booked in the period: their weekly hours read in their own
 * zone (DST-exact, from the availability engine), with staff and business date overrides
 * applied, minus time off, clipped to the period.
 */
export async function staffAvailableHours(em: EntityManager, tenantId: string, tenantZone: string, period: Window): Promise<Map<string, number>> {
  const b = { tenant: tenantId, from: period.from, to: period.to };
  const [staff, rules, overrides, timeOff] = await Promise.all([
    sqlRows<{ id: string; timezone: string | null }>(em, `select id, timezone from staff where tenant_id = :tenant`, b),
    sqlRows<WeeklyRule>(em, `select staff_id as "staffId", weekday, start_time as "startTime", end_time as "endTime" from availability_rules where tenant_id = :tenant`, b),
    sqlRows<DateOverride>(em, `select staff_id as "staffId", to_char(date, 'YYYY-MM-DD') as date, closed, start_time as "startTime", end_time as "endTime"
        from date_overrides where tenant_id = :tenant and date between (cast(:from as timestamptz) - interval '2 days')::date and (cast(:to as timestamptz) + interval '2 days')::date`, b),
    sqlRows<{ staffId: string; startsAt: Date; endsAt: Date }>(em, `select staff_id as "staffId", starts_at as "startsAt", ends_at as "endsAt"
        from time_off where tenant_id = :tenant and starts_at < :to and ends_at > :from`, b),
  ]);
  const businessOverrides = groupOverridesByDay(overrides.filter((o) => o.staffId === null));
  const span = [{ start: period.from.getTime(), end: period.to.getTime() }];
  const hours = new Map<string, number>();
  for (const s of staff) {
    const zone = ZoneClock.of(s.timezone ?? tenantZone);
    const windows = buildWorkingWindows({
      zone,
      rules: rules.filter((r) => r.staffId === s.id),
      staffOverrides: groupOverridesByDay(overrides.filter((o) => o.staffId === s.id)),
      businessOverrides,
      fromDay: zone.dayNumberAt(span[0].start) - 1,
      toDay: zone.dayNumberAt(span[0].end) + 1,
    });
    const off = mergeIntervals(timeOff.filter((t) => t.staffId === s.id).map((t) => ({ start: new Date(t.startsAt).getTime(), end: new Date(t.endsAt).getTime() })));
    const open = intersectIntervals(subtractIntervals(mergeIntervals(windows), off), span);
    hours.set(s.id, open.reduce((sum, i) => sum + (i.end - i.start), 0) / HOUR_MS);
  }
  return hours;
}
