/**
 * Timers on the real stack: N appointments (default 2,000) whose 2 h reminder SMS all fall due in
 * the same minute. Bookings go through POST /api/appointments on a business with the seeded
 * automations (the booking confirmation and the no-show watch paused, so only the reminders run);
 * the worker runs as its own process (worker/main.ts) and sends through the real `twilio` client
 * to the fake Twilio API on loopback. Reports: reminders sent exactly once (duplicates and misses
 * counted at the provider), lateness after the due time at the provider (p50 / p99 / max), and the
 * worker's RSS.
 * Run: npx tsx bench/timers.ts   (BENCH_APPOINTMENTS, BENCH_CONCURRENCY, BENCH_LEAD_SECONDS)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AutomationRun, Customer, Message, RunStep } from '../db/entities';
import { startFakeTwilio } from '../test/fakes/twilio-server';
import { WorkerProcess } from '../test/integration/engine-worker-child';
import { startBenchStack } from './lib/bench-stack';
import { fmtMs, mib, percentile, runConcurrent } from './lib/stats';

const count = Number(process.env.BENCH_APPOINTMENTS ?? 2000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
/**
 * How far ahead the due minute is: every booking must be made, and every run must have reached its
 * wait, before it starts. About 8 bookings a second on a quiet 2-core machine, 3 when other work
 * shares the cores; sized for the slower, with 4 minutes for the worker to catch up.
 */
const leadSeconds = Number(process.env.BENCH_LEAD_SECONDS ?? Math.max(120, Math.ceil(count / 3) + 240));
const HOUR = 3_600_000;
const OUR_NUMBER = '+15005550006';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const phoneOf = (i: number) => `+1212555${String(i).padStart(4, '0')}`;

async function main(): Promise<void> {
  if (count > 10_000) throw new Error('at most 10,000 appointments (one phone number each)');
  const stack = await startBenchStack({ worker: false });
  const twilio = await startFakeTwilio();
  const arrivals = new Map<string, number[]>();
  const push = twilio.messages.push.bind(twilio.messages);
  twilio.messages.push = (...items) => {
    for (const m of items) if (m.body.startsWith('Reminder from')) arrivals.set(m.to, [...(arrivals.get(m.to) ?? []), Date.now()]);
    return push(...items);
  };
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-bench-worker-'));
  const worker = new WorkerProcess({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    NO_SEED: 'true',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM: OUR_NUMBER,
    FAKE_TWILIO_URL: twilio.url,
  }, process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean));
  const samples: number[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const workerStarted = performance.now();
    await worker.start();
    const workerReadyMs = performance.now() - workerStarted;
    const idle = await worker.memory();
    sampler = setInterval(() => void worker.memory().then((m) => samples.push(m.rss), () => undefined), 1_000);

    const call = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await fetch(`${stack.baseUrl}${url}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    const signup = await call('POST', '/api/auth/signup', { businessName: 'Timer Salon', email: `timers-${Date.now()}@example.com`, password: 'bench-password-123', timezone: 'America/New_York' });
    const token = signup.json.token as string;
    const tenantId = (signup.json.tenant as { id: string }).id;
    const automations = (await call('GET', '/api/automations', undefined, token)).json.items as Array<{ id: string; templateKey: string | null }>;
    for (const key of ['booking-confirmation', 'no-show-defense']) {
      const seeded = automations.find((a) => a.templateKey === key);
      if (seeded) await call('POST', `/api/automations/${seeded.id}/pause`, undefined, token);
    }
    const remindersId = automations.find((a) => a.templateKey === 'reminders')?.id;
    const serviceId = (await call('POST', '/api/services', { name: 'Nail trim', durationMinutes: 30, priceCents: 2000 }, token)).json.id as string;

    // Customers are setup, not what is measured: written straight to the database.
    const em = stack.orm.em.fork();
    em.setFilterParams('tenant', { tenantId });
    const customers = Array.from({ length: count }, (_, i) => em.create(Customer, { tenantId, name: `Guest ${i}`, phone: phoneOf(i), smsOptIn: true }));
    await em.flush();

    const dueMinute = Math.ceil((Date.now() + leadSeconds * 1000) / 60_000) * 60_000;
    const dueOf = (i: number) => dueMinute + (i % 60) * 1_000;
    const dueByPhone = new Map(customers.map((c, i) => [c.phone as string, dueOf(i)]));
    let failures = 0;
    const booking = await runConcurrent(count, concurrency, async (i) => {
      const startsAt = new Date(dueOf(i) + 2 * HOUR).toISOString();
      const res = await call('POST', '/api/appointments', { serviceId, customerId: customers[i]!.id, startsAt, override: true }, token);
      if (res.status !== 201) failures++;
    });
    const bookedBeforeDue = dueMinute - Date.now();
    if (bookedBeforeDue < 0) throw new Error(`bookings ended ${-bookedBeforeDue} ms after the due minute began: raise BENCH_LEAD_SECONDS`);

    // A run that reaches its 2 h wait only after that time (the worker behind) skips the reminder.
    const runsWaiting = async () =>
      stack.orm.em.fork().count(AutomationRun, { tenantId, automationId: remindersId, currentNodeId: 'w2', status: 'waiting' }, { filters: false });
    const waitingWhenBooked = await runsWaiting();
    while (Date.now() < dueMinute - 2_000) await sleep(1_000);
    const waitingAtDue = await runsWaiting();

    // Everything falls due within the minute; give the worker until 5 minutes after it.
    const deadline = dueMinute + 60_000 + 5 * 60_000;
    while (arrivals.size < count - failures && Date.now() < deadline) await sleep(500);
    const lastArrival = Math.max(...[...arrivals.values()].flat());
    await sleep(15_000); // late duplicates would show up here
    clearInterval(sampler);
    sampler = undefined;
    const after = await worker.memory();

    const lateness: number[] = [];
    let once = 0;
    let duplicates = 0;
    let early = 0;
    for (const [phone, times] of arrivals) {
      if (times.length === 1) once++;
      duplicates += times.length - 1;
      const due = dueByPhone.get(phone) as number;
      if (times[0]! < due) early++;
      lateness.push(times[0]! - due);
    }
    const missing = count - failures - arrivals.size;
    const rows = await stack.orm.em.fork().count(Message, { tenantId, nodeId: 'sms2', status: 'sent' }, { filters: false });
    const skippedAsPast = await stack.orm.em.fork().count(RunStep, { tenantId, nodeId: 'sms2', status: 'skipped' }, { filters: false });

    const table = [
      ['appointments booked (POST /api/appointments, ' + `${concurrency} in flight)`, `${count - failures} of ${count} in ${(booking.totalMs / 1000).toFixed(0)} s`],
      ['reminders due in one minute', `${count - failures}`],
      ['reminder runs at their 2 h wait: bookings done / 2 s before the minute', `${waitingWhenBooked} / ${waitingAtDue}`],
      ['reminders skipped: the run reached its wait after the time (ifPast=skip)', `${skippedAsPast}`],
      ['sent exactly once (at the provider)', `${once}`],
      ['duplicates / missing / before the due time', `${duplicates} / ${missing} / ${early}`],
      ['Message rows sent for the reminder node', `${rows}`],
      ['lateness after the due time p50', fmtMs(percentile(lateness, 50))],
      ['lateness p99', fmtMs(percentile(lateness, 99))],
      ['lateness max', fmtMs(Math.max(...lateness))],
      ['last reminder reached the provider', `${((lastArrival - dueMinute) / 1000).toFixed(1)} s after the minute began`],
      ['worker ready (bundle + connect)', fmtMs(workerReadyMs)],
      ['worker RSS idle / peak / after', `${mib(idle.rss)} / ${mib(Math.max(after.peakRss, ...samples))} / ${mib(after.rss)}`],
    ];
    console.log('\n| figure | value |\n| --- | --- |');
    for (const [k, v] of table) console.log(`| ${k} | ${v} |`);
    if (failures > 0 || duplicates > 0 || missing > 0 || early > 0) process.exitCode = 1;
  } finally {
    if (sampler) clearInterval(sampler);
    const t0 = performance.now();
    await worker.stop();
    console.error(`worker stopped in ${fmtMs(performance.now() - t0)}`);
    await twilio.close();
    await stack.stop();
    console.error(`stack stopped in ${fmtMs(performance.now() - t0)}`);
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
