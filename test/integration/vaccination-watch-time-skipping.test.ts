/**
 * Vaccination watches on Temporal's time-skipping test server: the real `vaccinationWatch` and
 * `automationRun` workflows with the seeded 30/14/7-day automation, weeks passing in seconds.
 * Activities are recording stubs (the database side is covered by vaccination-watch-api.test.ts).
 *
 * - The alerts go out in order, each at 09:00 in the owner's zone 30, 14 and 7 days before expiry.
 * - A renewal stops the alerts still pending; an edit of the expiry moves them (the old run is
 *   cancelled, the new one sends at the new offsets with new send keys).
 */
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { Activities, TriggeredAutomation } from '../../activities';
import type { RecordRunProgressInput } from '../../activities/automation';
import { openWorkflows } from '../../activities/temporal/open-workflows';
import { dateAnchor } from '../../activities/vaccination';
import { vaccinationExpiry } from '../../db/seeders/automations/definitions';
import { createLogger } from '../../runtime/logger';
import { locateTestServer, toEphemeralExecutable } from '../../runtime/temporal-cli';
import { workflowBundle } from '../../worker/workflow-bundle';
import { automationRunWorkflowId, type StepRecord } from '../../workflows/automation-run-contract';
import {
  vaccinationChangedSignal,
  type VaccinationWatchSnapshot,
  type VaccinationWatchState,
  vaccinationWatchWorkflowId,
  vaccinationWatchWorkflowType,
} from '../../workflows/vaccination-watch-contract';

// Weeks of workflow time pass in seconds, but a loaded machine can stretch those seconds.
jest.setTimeout(180_000);

const TENANT = randomUUID();
const DAY = 86_400_000;
const ZONE = 'America/New_York';

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `vaccination-skip-${randomUUID()}`;
const automation: TriggeredAutomation = { automationId: randomUUID(), name: 'Vaccination expiry alerts', version: 1, automationVersionId: randomUUID(), definition: vaccinationExpiry };

/** What the stubs answer and what they saw. */
const records = new Map<string, VaccinationWatchSnapshot>();
const watchRows = new Map<string, { generation: number; expiresOn: string; endReason?: string }>();
const steps = new Map<string, Map<number, StepRecord>>();

function stubActivities(): Partial<Activities> {
  return {
    openWorkflows,
    loadVaccinationWatch: async ({ vaccinationId }) => {
      const record = records.get(vaccinationId);
      if (!record) return null;
      const stored = watchRows.get(vaccinationId);
      return structuredClone({ ...record, ...(stored ? { stored } : {}) });
    },
    recordVaccinationWatch: async (input) => {
      watchRows.set(input.vaccinationId, { generation: input.generation, expiresOn: input.expiresOn, ...(input.endReason ? { endReason: input.endReason } : {}) });
    },
    findTriggeredAutomations: async ({ event }) => (event === 'vaccination.recorded' ? [automation] : []),
    recordRunProgress: async (input: RecordRunProgressInput) => {
      const byRun = steps.get(input.run.workflowId) ?? new Map<number, StepRecord>();
      for (const step of input.steps) byRun.set(step.sequence, step);
      steps.set(input.run.workflowId, byRun);
      return { runId: randomUUID() };
    },
    sendMessage: async () => ({ status: 'sent', messageId: randomUUID() }),
  };
}

beforeAll(async () => {
  const logger = createLogger({ level: 'warn', pretty: false });
  const cacheDir = process.env.CACHE_DIR || path.join(os.homedir(), '.cache', 'appointflow');
  const found = await locateTestServer({ cacheDir, logger });
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: toEphemeralExecutable(found, cacheDir) } });
  worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await workflowBundle(), activities: stubActivities() });
  running = worker.run();
}, 180_000);

afterAll(async () => {
  if (worker?.getState() === 'RUNNING') worker.shutdown();
  await running?.catch(() => undefined);
  await env?.teardown();
});

/** A record of a pet of a customer in New York, expiring `days` from now (local date). */
async function recordExpiringIn(days: number): Promise<VaccinationWatchSnapshot> {
  const now = await env.currentTimeMs();
  const vaccinationId = randomUUID();
  const expiresOn = DateTime.fromMillis(now, { zone: ZONE }).plus({ days }).toISODate() as string;
  const snapshot = snapshotFor(vaccinationId, expiresOn, new Date(now).toISOString());
  records.set(vaccinationId, snapshot);
  return snapshot;
}

function snapshotFor(vaccinationId: string, expiresOn: string, recordedAt: string): VaccinationWatchSnapshot {
  return {
    vaccinationId,
    name: 'Rabies',
    petId: 'pet-1',
    expiresOn,
    context: {
      tenant: { id: TENANT, name: 'Fern Grooming', slug: 'fern', timezone: ZONE, currency: 'USD' },
      customer: { id: randomUUID(), name: 'Ada Byron', firstName: 'Ada', phone: '+12125550142', smsOptIn: true, timezone: ZONE, tags: [] },
      pets: [{ id: 'pet-1', name: 'Biscuit', species: 'dog' }],
      vaccination: { id: vaccinationId, name: 'Rabies', petId: 'pet-1', petName: 'Biscuit', administeredAt: dateAnchor('2025-01-01', ZONE), expiresAt: dateAnchor(expiresOn, ZONE) },
      vars: {},
      event: { type: 'vaccination.recorded', at: recordedAt },
    },
  };
}

const startWatch = (vaccinationId: string) =>
  env.client.workflow.start(vaccinationWatchWorkflowType, {
    workflowId: vaccinationWatchWorkflowId(TENANT, vaccinationId),
    taskQueue,
    args: [{ tenantId: TENANT, vaccinationId }],
  });

const runId = (vaccinationId: string, generation = 1) =>
  automationRunWorkflowId({ tenantId: TENANT, subjectId: vaccinationId, automationId: automation.automationId, event: 'vaccination.recorded', occurrence: generation });

/** The sends of a run: node, local time in the owner's zone, and the send key. */
function alerts(workflowId: string): Array<{ nodeId: string; at: string; key: string }> {
  return [...(steps.get(workflowId)?.values() ?? [])]
    .filter((s) => s.nodeType === 'sendSms' && s.status === 'succeeded')
    .sort((a, b) => a.sequence - b.sequence)
    .map((s) => ({ nodeId: s.nodeId, at: DateTime.fromISO(s.startedAt, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm'), key: String(s.input?.idempotencyKey) }));
}

const nineAm = (expiresOn: string, daysBefore: number) => `${DateTime.fromISO(expiresOn, { zone: ZONE }).minus({ days: daysBefore }).toISODate()} 09:00`;

async function waitUntil(done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('the alerts fire in order at 09:00 local, 30, 14 and 7 days before the expiry', async () => {
  const record = await recordExpiringIn(45);
  const watch = await startWatch(record.vaccinationId);
  const result = (await watch.result()) as VaccinationWatchState;

  expect(result).toMatchObject({ endReason: 'completed', generation: 1, expiresOn: record.expiresOn });
  expect(alerts(runId(record.vaccinationId)).map(({ nodeId, at }) => [nodeId, at])).toEqual([
    ['a30', nineAm(record.expiresOn, 30)],
    ['a14', nineAm(record.expiresOn, 14)],
    ['a7', nineAm(record.expiresOn, 7)],
  ]);
  expect(watchRows.get(record.vaccinationId)).toEqual({ generation: 1, expiresOn: record.expiresOn, endReason: 'completed' });
});

test('an alert whose day has already passed is skipped; the later ones still go out', async () => {
  const record = await recordExpiringIn(20);
  const result = (await (await startWatch(record.vaccinationId)).result()) as VaccinationWatchState;
  expect(result.endReason).toBe('completed');
  expect(alerts(runId(record.vaccinationId)).map((a) => a.nodeId)).toEqual(['a14', 'a7']);
});

test('a renewal stops the alerts still pending', async () => {
  const record = await recordExpiringIn(45);
  const watch = await startWatch(record.vaccinationId);
  // Past the 30-day alert (day 15), before the 14-day one (day 31).
  await env.sleep(20 * DAY);
  await waitUntil(() => alerts(runId(record.vaccinationId)).length === 1);
  await watch.signal(vaccinationChangedSignal, { type: 'renewed', at: new Date(await env.currentTimeMs()).toISOString(), renewedById: randomUUID() });

  const result = (await watch.result()) as VaccinationWatchState;
  expect(result.endReason).toBe('renewed');
  expect(alerts(runId(record.vaccinationId)).map((a) => a.nodeId)).toEqual(['a30']);
  const goal = [...(steps.get(runId(record.vaccinationId))?.values() ?? [])].find((s) => s.nodeType === 'goal');
  expect(goal).toMatchObject({ nodeId: 'renewed', status: 'succeeded' });
  // Weeks later nothing else has been sent for the old record.
  await env.sleep(40 * DAY);
  expect(alerts(runId(record.vaccinationId)).map((a) => a.nodeId)).toEqual(['a30']);
});

test('an edit of the expiry moves the pending alerts to the new date, with new send keys', async () => {
  const record = await recordExpiringIn(45);
  const watch = await startWatch(record.vaccinationId);
  await env.sleep(20 * DAY);
  await waitUntil(() => alerts(runId(record.vaccinationId)).length === 1);

  const moved = DateTime.fromISO(record.expiresOn, { zone: ZONE }).plus({ days: 30 }).toISODate() as string;
  records.set(record.vaccinationId, snapshotFor(record.vaccinationId, moved, record.context.event.at));
  await watch.signal(vaccinationChangedSignal, { type: 'edited', at: new Date(await env.currentTimeMs()).toISOString() });

  const result = (await watch.result()) as VaccinationWatchState;
  expect(result).toMatchObject({ endReason: 'completed', generation: 2, expiresOn: moved });
  const old = alerts(runId(record.vaccinationId, 1));
  const fresh = alerts(runId(record.vaccinationId, 2));
  expect(old.map(({ nodeId, at }) => [nodeId, at])).toEqual([['a30', nineAm(record.expiresOn, 30)]]);
  expect(fresh.map(({ nodeId, at }) => [nodeId, at])).toEqual([
    ['a30', nineAm(moved, 30)],
    ['a14', nineAm(moved, 14)],
    ['a7', nineAm(moved, 7)],
  ]);
  expect(new Set([...old, ...fresh].map((a) => a.key)).size).toBe(4);
  const oldSteps = [...(steps.get(runId(record.vaccinationId, 1))?.values() ?? [])];
  expect(oldSteps.some((s) => s.nodeId === 'a14')).toBe(false);
});
