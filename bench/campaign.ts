/**
 * Campaigns on the real stack: an A/B SMS campaign to 10,000 and to 100,000 recipients (1% of
 * them opted out by STOP). The worker runs as its own process (worker/main.ts) and sends through
 * the real `twilio` client to the fake Twilio API on loopback. Reports, per size: throughput at the
 * provider against the configured rate, duplicates and misses (counted at the provider; must be
 * 0), the largest workflow history of the campaign (events and bytes, every continue-as-new run
 * fetched), the number of runs, and the worker's RSS.
 * Run: npx tsx bench/campaign.ts   (BENCH_CAMPAIGN_SIZES=10000,100000  BENCH_CAMPAIGN_RATE=100)
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { temporal as proto } from '@temporalio/proto';
import { startFakeTwilio } from '../test/fakes/twilio-server';
import { seedAudience, zoneAtLocalHour } from '../test/integration/campaign-stack';
import { WorkerProcess } from '../test/integration/engine-worker-child';
import { startBenchStack } from './lib/bench-stack';
import { mib } from './lib/stats';

const sizes = (process.env.BENCH_CAMPAIGN_SIZES ?? '10000,100000').split(',').map(Number);
const rate = Number(process.env.BENCH_CAMPAIGN_RATE ?? 100);
const OUR_NUMBER = '+15005550006';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  if (sizes.some((n) => !(n > 0 && n <= 4_000_000))) throw new Error('BENCH_CAMPAIGN_SIZES: whole numbers up to 4,000,000');
  const stack = await startBenchStack({ worker: false });
  const twilio = await startFakeTwilio();
  const arrivals: number[] = [];
  const push = twilio.messages.push.bind(twilio.messages);
  twilio.messages.push = (...items) => {
    for (let i = 0; i < items.length; i += 1) arrivals.push(Date.now());
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
  });
  const rows: string[][] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    await worker.start();
    const idle = await worker.memory();
    let peakSampled = idle.rss;
    sampler = setInterval(() => void worker.memory().then((m) => (peakSampled = Math.max(peakSampled, m.rss)), () => undefined), 1_000);
    const call = async (method: string, url: string, body?: unknown, token?: string) => {
      const res = await fetch(`${stack.baseUrl}${url}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    };

    for (const [index, size] of sizes.entries()) {
      twilio.reset();
      arrivals.length = 0;
      const signup = await call('POST', '/api/auth/signup', { businessName: `Campaign Salon ${index}`, email: `campaign-${Date.now()}@example.com`, password: 'bench-password-123', timezone: 'America/New_York' });
      const token = signup.token as string;
      const tenantId = (signup.tenant as { id: string }).id;
      for (const [key, body] of [['bench-a', 'Spring sale, {{customer.firstName}}: 15% off.'], ['bench-b', '{{customer.firstName}}, time for a spring groom?']]) {
        await call('POST', '/api/templates', { key, name: key, channel: 'sms', body }, token);
      }
      // Recipients are setup, not what is measured: written straight to the database (midday in their zone).
      const audience = await seedAudience({ orm: stack.orm, tenantId }, size, { tag: 'bench', timezone: zoneAtLocalHour(12), optedOutEvery: 100, phoneFrom: 2_000_000 });
      const segment = await call('POST', '/api/segments', { name: 'Everyone', filter: { tags: { any: ['bench'] } } }, token);
      const created = await call('POST', '/api/campaigns', {
        name: `Bench ${size}`,
        segmentId: segment.id,
        ratePerSecond: rate,
        content: { channel: 'sms', variants: [{ id: 'a', templateId: 'bench-a' }, { id: 'b', templateId: 'bench-b' }] },
      }, token);
      const launchedAt = Date.now();
      await call('POST', `/api/campaigns/${created.id}/launch`, {}, token);
      let campaign: Record<string, unknown> = {};
      for (;;) {
        campaign = await call('GET', `/api/campaigns/${created.id}`, undefined, token);
        if (campaign.status === 'completed' || campaign.status === 'failed' || campaign.status === 'cancelled') break;
        await sleep(2_000);
      }
      const finishedAt = Date.now();
      await sleep(10_000); // late duplicates would show up here

      const perNumber = new Map<string, number>();
      for (const m of twilio.messages) perNumber.set(m.to, (perNumber.get(m.to) ?? 0) + 1);
      const duplicates = [...perNumber.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      const missing = audience.eligible.filter((p) => !perNumber.has(p)).length;
      const toOptedOut = audience.excluded.filter((p) => perNumber.has(p)).length;
      const sorted = [...arrivals].sort((a, b) => a - b);
      const sendSeconds = (sorted[sorted.length - 1]! - sorted[0]!) / 1000;
      const throughput = (sorted.length - 1) / sendSeconds;

      let runs = 0;
      let largest = { events: 0, bytes: 0 };
      const workflowId = campaign.workflowId as string;
      for await (const execution of stack.temporal.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
        const history = await stack.temporal.workflow.getHandle(workflowId, execution.runId).fetchHistory();
        const bytes = proto.api.history.v1.History.encode(history).finish().length;
        runs += 1;
        if ((history.events?.length ?? 0) > largest.events) largest = { events: history.events?.length ?? 0, bytes };
      }
      const memory = await worker.memory();
      rows.push([
        size.toLocaleString('en-US'),
        `${rate}`,
        `${throughput.toFixed(1)} (${((throughput / rate) * 100).toFixed(0)}%)`,
        `${((finishedAt - launchedAt) / 1000).toFixed(0)} s`,
        `${duplicates} / ${missing} / ${toOptedOut}`,
        `${largest.events} events, ${(largest.bytes / 1024).toFixed(0)} KiB (${runs} run${runs === 1 ? '' : 's'})`,
        `${mib(memory.rss)} / ${mib(Math.max(memory.peakRss, peakSampled))}`,
      ]);
      console.error(`size ${size}: done (${JSON.stringify(campaign.progress)})`);
      if (duplicates > 0 || missing > 0 || toOptedOut > 0) process.exitCode = 1;
    }
    console.log('\n| recipients | configured msg/s | sent msg/s (of configured) | launch → completed | duplicates / missing / to opted-out | largest history | worker RSS now / peak |');
    console.log('| --- | --- | --- | --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(`worker RSS idle: ${mib(idle.rss)}`);
  } finally {
    if (sampler) clearInterval(sampler);
    await worker.stop();
    await twilio.close();
    await stack.stop();
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
