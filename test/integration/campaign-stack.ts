import type { MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import type { Loose } from '../helpers/http';
import { waitFor } from './automation-harness';
import type { EngineStack } from './engine-stack';
import { WorkerProcess } from './engine-worker-child';

/**
 * Helpers for the campaign tests, on top of the engine's real stack (test/integration/engine-stack.ts):
 * audiences are written straight into PostgreSQL (thousands of customers through the API would
 * take longer than the campaign), everything else goes through the API.
 */

export interface AudienceOptions {
  /** Tag every customer gets (segments pick the audience by it). */
  tag: string;
  /** IANA zone of the customers (default: none, i.e. the business's). */
  timezone?: string;
  /** Every n-th customer replied STOP. */
  optedOutEvery?: number;
  /** Every n-th customer never agreed to marketing. */
  noMarketingEvery?: number;
  /** First number of the block: +1 212 NNN NNNN from here (the exchange NNN must start with 2–9). */
  phoneFrom?: number;
}

export interface Audience {
  /** Phones of those who may be texted. */
  eligible: string[];
  /** Phones of those who must get nothing. */
  excluded: string[];
}

const phoneOf = (n: number) => `+1212${String(n).padStart(7, '0')}`;

/** Where customers are written: the stack's business, or any (the benchmark's). */
export type AudienceTarget = EngineStack | { orm: MikroORM; tenantId: string };

/** Inserts `count` customers of the business, opted in to SMS and marketing unless told otherwise. */
export async function seedAudience(target: AudienceTarget, count: number, opts: AudienceOptions): Promise<Audience> {
  const { orm, tenantId } = 'app' in target ? { orm: target.app.orm, tenantId: target.owner.tenant.id } : target;
  const from = opts.phoneFrom ?? 5_000_000;
  await orm.em.getKnex().raw(
    `insert into customers (id, tenant_id, name, email, phone, sms_opt_in, email_opt_in, whatsapp_opt_in, marketing_opt_in, channel_preferences, tags, timezone, sms_opted_out_at)
     select gen_random_uuid(), ?, 'Guest ' || i, 'guest' || i || '.' || ? || '@example.com', '+1212' || lpad((? + i)::text, 7, '0'), true, true, true,
       not (? > 0 and i % ? = 0), '["sms","email"]'::jsonb, jsonb_build_array(?::text), ?, case when ? > 0 and i % ? = 0 then now() end
     from generate_series(1, ?) as i`,
    [tenantId, opts.tag, from, opts.noMarketingEvery ?? 0, opts.noMarketingEvery ?? 1, opts.tag, opts.timezone ?? null, opts.optedOutEvery ?? 0, opts.optedOutEvery ?? 1, count],
  );
  const eligible: string[] = [];
  const excluded: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const out = (opts.optedOutEvery && i % opts.optedOutEvery === 0) || (opts.noMarketingEvery && i % opts.noMarketingEvery === 0);
    (out ? excluded : eligible).push(phoneOf(from + i));
  }
  return { eligible, excluded };
}

export async function createTemplate(stack: EngineStack, key: string, body: string): Promise<void> {
  const res = await stack.owner.api.post('/api/templates', { key, name: key, channel: 'sms', body });
  if (res.status !== 201) throw new Error(`template answered ${res.status}: ${JSON.stringify(res.body)}`);
}

export async function createSegment(stack: EngineStack, name: string, filter: Record<string, unknown>): Promise<string> {
  const res = await stack.owner.api.post('/api/segments', { name, filter });
  if (res.status !== 201) throw new Error(`segment answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

/** Creates a campaign (content variants → its automation) and launches it. */
export async function launchCampaign(stack: EngineStack, body: Record<string, unknown>, launch: Record<string, unknown> = {}): Promise<Loose> {
  const created = await stack.owner.api.post('/api/campaigns', body);
  if (created.status !== 201) throw new Error(`campaign answered ${created.status}: ${JSON.stringify(created.body)}`);
  const launched = await stack.owner.api.post(`/api/campaigns/${created.body.id}/launch`, launch);
  if (launched.status !== 200) throw new Error(`launch answered ${launched.status}: ${JSON.stringify(launched.body)}`);
  return launched.body;
}

export async function campaign(stack: EngineStack, id: string): Promise<Loose> {
  return (await stack.owner.api.get(`/api/campaigns/${id}`)).body;
}

export function waitForCampaign(stack: EngineStack, id: string, done: (c: Loose) => boolean, timeoutMs = 120_000): Promise<Loose> {
  return waitFor(() => campaign(stack, id), done, timeoutMs);
}

/** How many texts (those `which` keeps) each number received at the fake Twilio. */
export function textsPerNumber(stack: EngineStack, which: (body: string) => boolean = () => true): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of stack.twilio.messages) if (which(m.body)) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
  return counts;
}

/** An IANA zone (whole-hour offset) where the local time now is `hour`:mm. */
export function zoneAtLocalHour(hour: number, now = new Date()): string {
  let offset = (hour - now.getUTCHours() + 24) % 24;
  if (offset > 14) offset -= 24;
  if (offset === 0) return 'Etc/UTC';
  return `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

export function localTime(zone: string, at: Date): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

/**
 * A worker replica as a child process (the production entry point, worker/main.ts, through
 * engine-worker-process.ts so its twilio client reaches the fake), configured like the stack's.
 */
export function startWorkerProcess(stack: EngineStack, dataDir: string, nodeArgs: string[] = []): Promise<WorkerProcess> {
  const config = stack.app.config;
  return new WorkerProcess({
    FAKE_TWILIO_URL: stack.twilio.url,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    DATA_DIR: dataDir,
    NO_SEED: 'true',
    DATABASE_URL: config.DATABASE_URL as string,
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS as string,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: config.TEMPORAL_TASK_QUEUE,
    ...stack.env(),
  }, nodeArgs).start();
}
