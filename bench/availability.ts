/**
 * Availability engine benchmark: 30 days, 10 staff, 2,000 existing appointments, time off
 * and calendar busy blocks, a 60-minute service with buffers on a 15-minute grid.
 * Prints p50/p99 of computeAvailability for one staff member and for "any staff".
 *
 *   npx tsx bench/availability.ts [runs]
 */
import { performance } from 'node:perf_hooks';
import { computeAvailability } from '../api/domain/availability';
import type { AvailabilityInput, BusyBlock, ExistingAppointment, WeeklyRule } from '../api/domain/availability';

const ZONE = 'America/New_York';
const STAFF = 10;
const DAYS = 30;
const APPOINTMENTS = 2000;
const MINUTE = 60_000;

/** Deterministic pseudo-random numbers, so every run measures the same calendar. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildInput(): AvailabilityInput {
  const next = random(42);
  const staffIds = Array.from({ length: STAFF }, (_, i) => `staff-${String(i).padStart(2, '0')}`);
  const rules: WeeklyRule[] = staffIds.flatMap((staffId, i) =>
    [1, 2, 3, 4, 5, 6].flatMap((weekday) =>
      i % 2 === 0
        ? [{ staffId, weekday, startTime: '09:00', endTime: '18:00' }]
        : [
            { staffId, weekday, startTime: '08:00', endTime: '12:00' },
            { staffId, weekday, startTime: '13:00', endTime: '17:30' },
          ],
    ),
  );

  // 2025-03-01 .. 2025-03-30 spans the spring-forward change in New York.
  const firstDay = Date.UTC(2025, 2, 1);
  const dayStartUtc = (day: number) => firstDay + day * 86_400_000 + 13 * 3_600_000; // ≈ 08:00/09:00 local
  const appointments: ExistingAppointment[] = [];
  const taken = new Map<string, Array<[number, number]>>();
  while (appointments.length < APPOINTMENTS) {
    const staffId = staffIds[Math.floor(next() * STAFF)];
    const start = dayStartUtc(Math.floor(next() * DAYS)) + Math.floor(next() * 36) * 15 * MINUTE;
    const end = start + (2 + Math.floor(next() * 3)) * 15 * MINUTE;
    const spans = taken.get(staffId) ?? [];
    if (spans.some(([s, e]) => s < end && start < e)) continue;
    spans.push([start, end]);
    taken.set(staffId, spans);
    appointments.push({
      staffId,
      serviceId: next() < 0.5 ? 'cut' : 'colour',
      status: next() < 0.1 ? 'cancelled' : 'confirmed',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(end).toISOString(),
    });
  }
  const block = (staffId: string, day: number, hours: number): BusyBlock => ({
    staffId,
    startsAt: new Date(dayStartUtc(day) + 2 * 3_600_000).toISOString(),
    endsAt: new Date(dayStartUtc(day) + (2 + hours) * 3_600_000).toISOString(),
  });

  return {
    tenantTimezone: ZONE,
    service: {
      id: 'cut',
      durationMinutes: 60,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      slotIntervalMinutes: 15,
      minNoticeMinutes: 120,
      maxAdvanceDays: 60,
    },
    serviceBuffers: [{ id: 'colour', bufferBeforeMinutes: 0, bufferAfterMinutes: 15 }],
    staff: staffIds.map((id, i) => ({ id, weight: 1 + (i % 3), serviceIds: ['cut', 'colour'] })),
    rules,
    overrides: [
      { staffId: null, date: '2025-03-17', closed: true },
      { staffId: staffIds[3], date: '2025-03-12', startTime: '12:00', endTime: '16:00' },
    ],
    timeOff: staffIds.slice(0, 4).map((id, i) => block(id, 5 + i * 3, 8)),
    busyBlocks: staffIds.flatMap((id, i) => [block(id, (i * 7) % DAYS, 1), block(id, (i * 11 + 3) % DAYS, 2)]),
    appointments,
    load: staffIds.map((staffId, i) => ({ staffId, bookings: 20 + ((i * 7) % 13) })),
    from: '2025-03-01',
    to: '2025-03-30',
    now: '2025-02-28T12:00:00Z',
  };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function measure(name: string, input: AvailabilityInput, runs: number): void {
  let slots = 0;
  for (let i = 0; i < Math.min(20, runs); i++) slots = computeAvailability(input).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    computeAvailability(input);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
  const spread = `p50=${fmt(percentile(times, 50))}  p99=${fmt(percentile(times, 99))}  max=${fmt(times[times.length - 1])}`;
  console.log(`${name.padEnd(26)} slots=${String(slots).padStart(5)}  ${spread}  (${runs} runs)`);
}

export function runAvailabilityBench(runs = 200): void {
  const input = buildInput();
  console.log(`availability: ${DAYS} days, ${STAFF} staff, ${APPOINTMENTS} appointments, ${ZONE}, Node ${process.version}`);
  measure('one staff member', { ...input, staffIds: ['staff-01'] }, runs);
  measure('any staff', input, runs);
  measure('group class (capacity 8)', { ...input, service: { ...input.service, capacity: 8 } }, runs);
  measure('collective (2 staff)', { ...input, service: { ...input.service, staffCount: 2 } }, runs);
}

if (require.main === module) runAvailabilityBench(Number(process.argv[2] ?? 200));
