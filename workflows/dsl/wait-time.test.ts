import { DateTime } from 'luxon';
import { resolveWaitUntil } from './wait-time';
import { type NodeOfType } from './schema';
import { appointmentContext, node } from './__fixtures__/definitions';

const NY = 'America/New_York';
const local = (ms: number, zone = NY): string => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm ZZZZ");

function waitNode(data: Record<string, unknown>): NodeOfType<'wait'> {
  return node('w', 'wait', data) as NodeOfType<'wait'>;
}

function at(result: ReturnType<typeof resolveWaitUntil>): number {
  if (!result.ok) throw new Error(result.error);
  return result.at;
}

describe('wait resolution across DST (America/New_York)', () => {
  // Rule: whole days (and hours in multiples of 24) keep the local wall clock; the rest is exact time.
  it('24 h before a Sunday appointment on the spring-forward day is 10:00 the Saturday before', () => {
    const context = appointmentContext('2025-03-09T10:00:00-04:00');
    const resolved = resolveWaitUntil(waitNode({ until: { anchor: 'appointment.startsAt', offset: '-PT24H' } }), context, NY);
    expect(local(at(resolved))).toBe('2025-03-08 10:00 EST');
  });

  it('24 h before the Monday after the change is 10:00 on the Sunday of the change', () => {
    const context = appointmentContext('2025-03-10T10:00:00-04:00');
    const resolved = resolveWaitUntil(waitNode({ until: { anchor: 'appointment.startsAt', offset: '-PT24H' } }), context, NY);
    expect(local(at(resolved))).toBe('2025-03-09 10:00 EDT');
  });

  it('24 h before the fall-back day keeps 10:00 (exact arithmetic would say 11:00)', () => {
    const context = appointmentContext('2025-11-02T10:00:00-05:00');
    const resolved = resolveWaitUntil(waitNode({ until: { anchor: 'appointment.startsAt', offset: '-P1D' } }), context, NY);
    expect(local(at(resolved))).toBe('2025-11-01 10:00 EDT');
    const hours = resolveWaitUntil(waitNode({ until: { anchor: 'appointment.startsAt', offset: '-PT24H' } }), context, NY);
    expect(at(hours)).toBe(at(resolved));
  });

  it('2 h before is exactly two hours, even across the skipped hour', () => {
    const context = appointmentContext('2025-03-09T03:30:00-04:00');
    const resolved = resolveWaitUntil(waitNode({ until: { anchor: 'appointment.startsAt', offset: '-PT2H' } }), context, NY);
    expect(at(resolved)).toBe(Date.parse('2025-03-09T03:30:00-04:00') - 2 * 3_600_000);
    expect(local(at(resolved))).toBe('2025-03-09 00:30 EST');
  });

  it('26 h before is one local day and two exact hours', () => {
    const context = appointmentContext('2025-03-09T10:00:00-04:00');
    const resolved = resolveWaitUntil(waitNode({ until: { anchor: 'appointment.startsAt', offset: '-PT26H' } }), context, NY);
    expect(local(at(resolved))).toBe('2025-03-08 08:00 EST');
  });

  it('a one-day duration from Saturday 09:00 wakes Sunday 09:00 local', () => {
    const resolved = resolveWaitUntil(waitNode({ duration: 'P1D' }), appointmentContext('2025-03-10T10:00:00-04:00'), NY, '2025-03-08T09:00:00-05:00');
    expect(local(at(resolved))).toBe('2025-03-09 09:00 EDT');
  });

  it('untilLocalTime waits for the next 09:00 in the recipient zone', () => {
    const context = appointmentContext('2025-03-10T10:00:00-04:00');
    context.customer = { ...context.customer!, timezone: 'Europe/London' };
    const wait = waitNode({ untilLocalTime: { time: '09:00', zone: 'recipient' } });
    const resolved = resolveWaitUntil(wait, context, NY, '2025-03-08T12:00:00Z');
    expect(local(at(resolved), 'Europe/London')).toBe('2025-03-09 09:00 GMT');
    const tenantWait = waitNode({ untilLocalTime: { time: '09:00', zone: 'tenant' } });
    // 12:00Z is 07:00 in New York: today's 09:00 is still ahead there.
    expect(local(at(resolveWaitUntil(tenantWait, context, NY, '2025-03-08T12:00:00Z')))).toBe('2025-03-08 09:00 EST');
    // After 09:00 on the spring-forward Saturday, the next 09:00 is Sunday, in daylight time.
    expect(local(at(resolveWaitUntil(tenantWait, context, NY, '2025-03-08T15:00:00Z')))).toBe('2025-03-09 09:00 EDT');
  });

  it('untilLocalTime with an anchor: 18:00 the evening before the appointment', () => {
    const context = appointmentContext('2025-03-09T10:00:00-04:00');
    const wait = waitNode({ untilLocalTime: { time: '18:00', zone: 'tenant', anchor: 'appointment.startsAt', daysOffset: -1 } });
    expect(local(at(resolveWaitUntil(wait, context, NY)))).toBe('2025-03-08 18:00 EST');
  });

  it('reports a missing anchor instead of inventing a time', () => {
    const context = appointmentContext('2025-03-09T10:00:00-04:00');
    const resolved = resolveWaitUntil(waitNode({ until: { anchor: 'vaccination.expiresAt', offset: '-P30D' } }), context, NY);
    expect(resolved).toEqual({ ok: false, error: 'vaccination.expiresAt is not set' });
  });
});
