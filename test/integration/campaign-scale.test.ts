/**
 * Acceptance, on one 10,000-recipient A/B campaign against the fake Twilio API (the real twilio
 * client in a real worker process, PostgreSQL and Temporal):
 * - the worker is killed with SIGKILL halfway and a new one started: every eligible recipient
 *   gets exactly one text, and nobody who opted out (STOP, or no marketing consent) gets any;
 * - the texts go out at the configured rate within ±10% (before the kill, and after the restart);
 * - the split is 50/50 within ±3 points, and the reports show the results per variant.
 *
 * The rate defaults to what this test machine sustains with room to spare (2 shared cores);
 * CAMPAIGN_TEST_RATE sets another. bench/campaign.ts measures throughput at other rates and sizes.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Loose } from '../helpers/http';
import { sleep, waitFor } from './automation-harness';
import { type Audience, createSegment, createTemplate, launchCampaign, seedAudience, startWorkerProcess, textsPerNumber, waitForCampaign, zoneAtLocalHour } from './campaign-stack';
import { type EngineStack, startEngineStack } from './engine-stack';
import type { WorkerProcess } from './engine-worker-child';

const AUDIENCE = 10_000;
const RATE = Number(process.env.CAMPAIGN_TEST_RATE ?? 25);

let stack: EngineStack;
let dataDir: string;
let audience: Audience;
let done: Loose;
let killedAt = 0;
let restartedAt = 0;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  stack = await startEngineStack({ worker: false });
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-campaign-'));
  workers.push(await startWorkerProcess(stack, dataDir));
  await createTemplate(stack, 'spring-a', 'Spring is here, {{customer.firstName}}: 15% off a full groom.');
  await createTemplate(stack, 'spring-b', '{{customer.firstName}}, your dog deserves a spring refresh. Book this week!');
  audience = await seedAudience(stack, AUDIENCE, { tag: 'spring', timezone: zoneAtLocalHour(12), optedOutEvery: 97, noMarketingEvery: 101 });
  const segmentId = await createSegment(stack, 'Spring list', { tags: { any: ['spring'] } });
  const launched = await launchCampaign(stack, {
    name: 'Spring',
    segmentId,
    ratePerSecond: RATE,
    content: { channel: 'sms', variants: [{ id: 'a', label: 'Discount', templateId: 'spring-a' }, { id: 'b', label: 'Refresh', templateId: 'spring-b' }] },
  });

  await waitFor(async () => stack.twilio.messages.length, (n) => n >= AUDIENCE / 2, 10 * 60_000);
  await workers[0]!.kill();
  killedAt = Date.now();
  await sleep(3_000);
  workers.push(await startWorkerProcess(stack, dataDir));
  restartedAt = Date.now();
  done = await waitForCampaign(stack, launched.id, (c) => c.status === 'completed', 15 * 60_000);
}, 30 * 60_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await stack?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

test('SIGKILL halfway, then a new worker: every eligible recipient gets exactly one text, nobody opted out gets any', () => {
  const counts = textsPerNumber(stack);
  expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  expect(audience.eligible.filter((p) => counts.get(p) !== 1)).toEqual([]);
  expect(audience.excluded.filter((p) => counts.has(p))).toEqual([]);
  const before = stack.arrivals.filter((a) => a.at <= killedAt).length;
  expect(before).toBeGreaterThanOrEqual(AUDIENCE / 2);
  expect(before).toBeLessThan(audience.eligible.length);
  expect(done.progress).toMatchObject({ audience: AUDIENCE, queued: 0, sent: audience.eligible.length, optedOut: audience.excluded.length, failed: 0 });
});

/** Texts per second over the longest run of arrivals without a pause of more than 10 s. */
function sustainedRate(times: number[]): { rate: number; count: number; seconds: number } {
  let best = { start: 0, end: 0 };
  let start = 0;
  for (let i = 1; i <= times.length; i += 1) {
    if (i === times.length || times[i]! - times[i - 1]! > 10_000) {
      if (i - start > best.end - best.start) best = { start, end: i };
      start = i;
    }
  }
  const seconds = (times[best.end - 1]! - times[best.start]!) / 1000;
  return { rate: (best.end - best.start - 1) / seconds, count: best.end - best.start, seconds };
}

test('texts go out at the configured rate (±10%) before the kill and after the restart', () => {
  const times = stack.arrivals.map((a) => a.at).sort((a, b) => a - b);
  for (const [label, part] of [['before the kill', times.filter((t) => t <= killedAt)], ['after the restart', times.filter((t) => t >= restartedAt)]] as const) {
    const { rate, count, seconds } = sustainedRate(part);
    console.log(`campaign ${label}: ${count} texts in ${seconds.toFixed(1)} s = ${rate.toFixed(1)} msg/s (configured ${RATE})`);
    expect(count).toBeGreaterThan(AUDIENCE / 4);
    expect(rate).toBeGreaterThanOrEqual(RATE * 0.9);
    expect(rate).toBeLessThanOrEqual(RATE * 1.1);
  }
});

test('the A/B split is 50/50 within ±3 points, and the reports show each variant', async () => {
  const report = (await stack.owner.api.get(`/api/campaigns/${done.id}/report`)).body;
  const [a, b] = ['a', 'b'].map((id) => report.variants.find((v: Loose) => v.variant === id));
  // Everyone who agreed to marketing was split, those who replied STOP too (the split comes before the send).
  expect(a.recipients + b.recipients).toBe(AUDIENCE - Math.floor(AUDIENCE / 101));
  expect(a.sent + b.sent).toBe(audience.eligible.length);
  for (const v of [a, b]) expect(Math.abs(v.recipients / (a.recipients + b.recipients) - 0.5)).toBeLessThanOrEqual(0.03);
  for (const v of [a, b]) expect(Math.abs(v.sent / (a.sent + b.sent) - 0.5)).toBeLessThanOrEqual(0.03);
  const bodies = stack.twilio.messages.map((m) => m.body);
  expect(bodies.filter((t) => t.startsWith('Spring is here'))).toHaveLength(a.sent);
  expect(bodies.filter((t) => t.includes('spring refresh'))).toHaveLength(b.sent);
  expect(report.total.sent).toBe(audience.eligible.length);

  // The messaging report groups the same sends by campaign and variant.
  const messaging = (await stack.owner.api.get('/api/reports/messaging?preset=7d')).body;
  const rows = messaging.tables.find((t: Loose) => t.key === 'byCampaign').rows.filter((r: Loose) => r.campaign === done.id);
  expect(rows.map((r: Loose) => [r.variant, r.sent])).toEqual(expect.arrayContaining([['a', a.sent], ['b', b.sent]]));
});
