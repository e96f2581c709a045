/**
 * API figures on the real stack: booking latency and throughput (each booking commits a row,
 * claims its slot through the exclusion constraint and starts its Temporal workflow), a burst
 * of requests for one slot (exactly one may win), and list latency.
 * Run: npx tsx bench/api.ts   (BENCH_BOOKINGS, BENCH_CONCURRENCY to change the load)
 */
import { fmtMs, mib, percentile, runConcurrent } from './lib/stats';
import { startBenchStack } from './lib/bench-stack';

const bookings = Number(process.env.BENCH_BOOKINGS ?? 400);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const staffCount = 4;
const slotMinutes = 30;

async function main(): Promise<void> {
  const stack = await startBenchStack();
  try {
    const call = async (method: string, path: string, body?: unknown, token?: string) => {
      const res = await fetch(`${stack.baseUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      return { status: res.status, json };
    };
    const signup = await call('POST', '/api/auth/signup', {
      businessName: 'Bench Salon',
      email: `bench-${Date.now()}@example.com`,
      password: 'bench-password-123',
      timezone: 'America/New_York',
    });
    const token = signup.json.token as string;
    const service = await call('POST', '/api/services', { name: 'Nail trim', durationMinutes: slotMinutes, priceCents: 2000 }, token);
    const staffIds: string[] = [];
    for (let i = 0; i < staffCount; i++) {
      const staff = await call('POST', '/api/staff', { name: `Groomer ${i}`, email: `g${i}@example.com` }, token);
      staffIds.push(staff.json.id as string);
    }
    const customerIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const customer = await call('POST', '/api/customers', { name: `Customer ${i}`, email: `c${i}@example.com` }, token);
      customerIds.push(customer.json.id as string);
    }

    const base = Date.now() + 7 * 24 * 3600_000;
    let failures = 0;
    const booking = await runConcurrent(bookings, concurrency, async (i) => {
      const startsAt = new Date(base + Math.floor(i / staffCount) * slotMinutes * 60_000).toISOString();
      const res = await call(
        'POST',
        '/api/appointments',
        { serviceId: service.json.id, staffId: staffIds[i % staffCount], customerId: customerIds[i % customerIds.length], startsAt, override: true },
        token,
      );
      if (res.status !== 201) failures++;
    });

    const contested = new Date(base - 24 * 3600_000).toISOString();
    const burst = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('POST', '/api/appointments', { serviceId: service.json.id, staffId: staffIds[0], customerId: customerIds[i], startsAt: contested, override: true }, token),
      ),
    );
    const won = burst.filter((r) => r.status === 201).length;
    const refused = burst.filter((r) => r.status === 409).length;

    const list = await runConcurrent(500, concurrency, async () => {
      await call('GET', '/api/customers?limit=25', undefined, token);
    });

    const rows = [
      ['stack start (PostgreSQL + Temporal + migrate + worker + API)', fmtMs(stack.readyMs)],
      [`POST /api/appointments p50 (${bookings} bookings, ${concurrency} in flight)`, fmtMs(percentile(booking.latencies, 50))],
      ['POST /api/appointments p99', fmtMs(percentile(booking.latencies, 99))],
      ['bookings per second', (bookings / (booking.totalMs / 1000)).toFixed(0)],
      ['booking failures', String(failures)],
      ['50 concurrent requests for one slot: 201 / 409', `${won} / ${refused}`],
      ['GET /api/customers p50 (500 requests)', fmtMs(percentile(list.latencies, 50))],
      ['GET /api/customers p99', fmtMs(percentile(list.latencies, 99))],
      ['process RSS after the run (API + worker in one process)', mib(process.memoryUsage().rss)],
    ];
    console.log('\n| figure | value |\n| --- | --- |');
    for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
    if (failures > 0 || won !== 1) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
