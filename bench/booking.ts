/**
 * Booking throughput and latency on the real stack at 1, 10 and 50 requests in flight: the
 * front-desk endpoint (POST /api/appointments) and the public booking page's endpoint (the
 * availability engine decides), each committing its row under the staff lock and starting the
 * appointment's Temporal workflow; beside them the floor, a bare INSERT of the same row.
 * Run: npx tsx bench/booking.ts   (BENCH_BOOKINGS per case, default 100)
 */
import { randomUUID } from 'node:crypto';
import { Appointment } from '../db/entities';
import { appointmentWorkflowId } from '../workflows/appointment-contract';
import { startBenchStack } from './lib/bench-stack';
import { fmtMs, percentile, runConcurrent } from './lib/stats';

const perCase = Number(process.env.BENCH_BOOKINGS ?? 100);
const levels = [1, 10, 50];
const staffCount = 10;
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
      return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const signup = await call('POST', '/api/auth/signup', { businessName: 'Bench Booking', email: `booking-${Date.now()}@example.com`, password: 'bench-password-123', timezone: 'America/New_York' });
    const token = signup.json.token as string;
    const tenantId = (signup.json.tenant as { id: string }).id;
    const slug = (signup.json.tenant as { slug: string }).slug;
    const serviceId = (await call('POST', '/api/services', { name: 'Nail trim', durationMinutes: slotMinutes, priceCents: 2000, slotIntervalMinutes: slotMinutes }, token)).json.id as string;
    const staffIds: string[] = [];
    const allDay = { rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '00:00', endTime: '24:00' })) };
    for (let i = 0; i < staffCount; i++) {
      const id = (await call('POST', '/api/staff', { name: `Groomer ${i}`, email: `g${i}@example.com`, serviceIds: [serviceId] }, token)).json.id as string;
      await call('PUT', `/api/staff/${id}/hours`, allDay, token);
      staffIds.push(id);
    }
    const customers: Array<{ id: string; email: string }> = [];
    for (let i = 0; i < 200; i++) {
      const email = `c${i}@example.com`;
      customers.push({ id: (await call('POST', '/api/customers', { name: `Customer ${i}`, email }, token)).json.id as string, email });
    }

    // Every booking gets a slot of its own: staff i % 10, then the next half hour.
    let cursor = Date.UTC(new Date().getUTCFullYear() + 1, 0, 5, 0, 0);
    const nextSlots = (n: number) => {
      const slots = Array.from({ length: n }, (_, i) => ({ staffId: staffIds[i % staffCount] as string, startsAt: new Date(cursor + Math.floor(i / staffCount) * slotMinutes * 60_000) }));
      cursor += Math.ceil(n / staffCount + 1) * slotMinutes * 60_000;
      return slots;
    };
    let customerTurn = 0;
    const nextCustomer = () => customers[customerTurn++ % customers.length] as { id: string; email: string };

    const rows: string[][] = [];
    const record = (label: string, concurrency: number, result: { latencies: number[]; totalMs: number }, failures: number) => {
      rows.push([label, String(concurrency), (result.latencies.length / (result.totalMs / 1000)).toFixed(0), fmtMs(percentile(result.latencies, 50)), fmtMs(percentile(result.latencies, 99)), String(failures)]);
    };

    for (const concurrency of levels) {
      const desk = nextSlots(perCase);
      let deskFailures = 0;
      record('POST /api/appointments (front desk)', concurrency, await runConcurrent(perCase, concurrency, async (i) => {
        const slot = desk[i] as { staffId: string; startsAt: Date };
        const res = await call('POST', '/api/appointments', { serviceId, staffId: slot.staffId, customerId: nextCustomer().id, startsAt: slot.startsAt.toISOString() }, token);
        if (res.status !== 201) deskFailures++;
      }), deskFailures);

      const online = nextSlots(perCase);
      let onlineFailures = 0;
      record('POST /api/public/:slug/bookings (engine)', concurrency, await runConcurrent(perCase, concurrency, async (i) => {
        const slot = online[i] as { staffId: string; startsAt: Date };
        const customer = nextCustomer();
        const res = await call('POST', `/api/public/${slug}/bookings`, { serviceId, staffId: slot.staffId, startsAt: slot.startsAt.toISOString(), customer: { name: 'Bench', email: customer.email } });
        if (res.status !== 201) onlineFailures++;
      }), onlineFailures);

      const floor = nextSlots(perCase);
      record('floor: bare INSERT of the same row', concurrency, await runConcurrent(perCase, concurrency, async (i) => {
        const slot = floor[i] as { staffId: string; startsAt: Date };
        const em = stack.orm.em.fork();
        em.setFilterParams('tenant', { tenantId });
        const id = randomUUID();
        await em.insert(Appointment, em.create(Appointment, {
          id, tenantId, serviceId, staffId: slot.staffId, customerId: nextCustomer().id, startsAt: slot.startsAt,
          endsAt: new Date(slot.startsAt.getTime() + slotMinutes * 60_000), priceCents: 2000, workflowId: appointmentWorkflowId(tenantId, id),
        }, { persist: false }));
      }), 0);
    }

    console.log('\n| case | in flight | bookings/s | p50 | p99 | failures |\n| --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    if (rows.some((r) => r[5] !== '0')) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
