/**
 * Records the histories replayed by automation-replay.test.ts: `npx tsx test/replay/record-histories.ts`.
 * Uses TEMPORAL_ADDRESS when set, else starts a local dev server. Activities are in-memory fakes
 * (no database): replay only needs the workflows' commands and the recorded results.
 * Re-record after a deliberate, patched change of workflow code; never to make a failing replay pass.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Activities, AppointmentSnapshot, TriggeredAutomation } from '../../activities';
import { noShowDefense, reminders, twoWayConfirm } from '../../db/seeders/automations/definitions';
import { createLogger } from '../../runtime/logger';
import { findFreePort } from '../../runtime/ports';
import { startLocalTemporal, type TemporalHandle } from '../../runtime/temporal-server';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import { historyToFixture, type RecordedHistory } from './history-file';
import { adoptRetriedRun } from '../../api/services/executions/adopt-retried-run';
import { resumeState } from '../../api/services/executions/retry-execution';
import { type AppointmentEvent, appointmentEventSignal, appointmentWorkflowId, appointmentWorkflowType } from '../../workflows/appointment-contract';
import { type AutomationRunCarry, type AutomationRunInput, type AutomationRunResult, automationRunWorkflowType } from '../../workflows/automation-run-contract';
import type { AutomationDefinition, AutomationNode } from '../../workflows/dsl';

const FIXTURES = path.join(__dirname, 'fixtures');
const TENANT = '00000000-0000-4000-8000-000000000001';
const CUSTOMER = '00000000-0000-4000-8000-000000000002';
const logger = createLogger({ level: 'warn', pretty: false });

/** A definition with its anchored times shortened (offsets in seconds), so a recording takes seconds. */
function shortened(definition: AutomationDefinition, offsets: Record<string, string>): AutomationDefinition {
  return {
    ...definition,
    nodes: definition.nodes.map((node): AutomationNode => {
      const offset = offsets[node.id];
      if (!offset) return node;
      const data = { ...(node.data as Record<string, unknown>) };
      if ('until' in data) data.until = { anchor: 'appointment.startsAt', offset };
      if ('timeout' in data) data.timeout = offset;
      return { ...node, data } as AutomationNode;
    }),
  };
}

function snapshot(appointmentId: string, startsAt: Date): AppointmentSnapshot {
  return {
    tenant: { id: TENANT, name: 'Replay Salon', slug: 'replay', timezone: 'America/New_York', currency: 'USD', policies: { cancelWindowHours: 24, rescheduleWindowHours: 2, maxActiveBookings: 10, noShowGraceMinutes: 15, noShowFeesCents: [2500, 3500, 5000], reputationThreshold: 30 } },
    appointment: { id: appointmentId, status: 'pending', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(), priceCents: 4500, source: 'admin', durationMinutes: 60, createdAt: new Date().toISOString(), participantCount: 1 },
    service: { id: randomUUID(), name: 'Bath', category: 'grooming', durationMinutes: 60, priceCents: 4500 },
    staff: null,
    customer: { id: CUSTOMER, name: 'Ada Lovelace', firstName: 'Ada', phone: '+15555550100', email: 'ada@example.test', smsOptIn: true, emailOptIn: true, whatsappOptIn: false, preferredChannel: 'sms', reputationScore: 100, noShowCount: 0, visitCount: 0, tags: [], timezone: 'America/New_York' },
    pets: [],
  };
}

/** What a snapshot read after the appointment ended shows: its final status, the runs it had. */
const laterReads = new Map<string, { appointment: AppointmentSnapshot['appointment']; triggerOccurrences: Record<string, number> }>();

type AutomationActivityName =
  | 'loadAppointmentSnapshot'
  | 'findTriggeredAutomations'
  | 'recordRunProgress'
  | 'updateAppointmentStatus'
  | 'chargeNoShowFee'
  | 'adjustReputation'
  | 'changeCustomerTag'
  | 'notifyStaff'
  | 'callWebhook'
  | 'sendMessage'
  | 'pushAppointmentToCalendars'
  | 'sendCalendarInvite';

/** Templates whose sends fail for good until the scenario puts them back (a failed run to retry). */
const missingTemplates = new Set<string>();

function fakeActivities(automations: () => TriggeredAutomation[], starts: Map<string, Date>) {
  const ok = async () => ({ status: 'ok' as const, detail: 'done' });
  // Only the engine's activities: the workflows recorded here call nothing else.
  const activities: Pick<Activities, AutomationActivityName> = {
    loadAppointmentSnapshot: async ({ appointmentId }) => ({ ...snapshot(appointmentId, starts.get(appointmentId) as Date), ...laterReads.get(appointmentId) }),
    findTriggeredAutomations: async ({ event }) => automations().filter((a) => a.definition.trigger.event === event),
    recordRunProgress: async () => ({ runId: '00000000-0000-4000-8000-0000000000aa' }),
    updateAppointmentStatus: async ({ status }) => ({ status: 'ok', detail: `→ ${status}`, contextPatch: { appointment: { status } }, output: { from: 'pending', to: status } }),
    chargeNoShowFee: async () => ({ status: 'ok', detail: 'offence 1', output: { feeCents: 2500, offenceNumber: 1 } }),
    adjustReputation: async ({ delta }) => ({ status: 'ok', detail: `${delta}`, contextPatch: { customer: { reputationScore: 100 + delta } } }),
    changeCustomerTag: ok,
    notifyStaff: ok,
    callWebhook: ok,
    sendMessage: async ({ templateId }) => {
      if (templateId && missingTemplates.has(templateId)) throw ApplicationFailure.nonRetryable(`template ${templateId} not found`, 'TemplateNotFound');
      return { status: 'sent', messageId: randomUUID() };
    },
    pushAppointmentToCalendars: async () => ({ pushed: [], failed: [], meetingLinkChanged: false }),
    sendCalendarInvite: async () => ({ status: 'skipped', reason: 'no calendar in the recordings' }),
  };
  return activities;
}

const triggered = (definition: AutomationDefinition, n: number): TriggeredAutomation => ({
  automationId: `00000000-0000-4000-8000-00000000010${n}`,
  name: definition.name,
  version: 1,
  automationVersionId: `00000000-0000-4000-8000-00000000020${n}`,
  definition,
});

interface Recorder {
  client: Client;
  taskQueue: string;
  starts: Map<string, Date>;
  /** The automations the next bookings trigger. */
  use(...keys: Array<keyof typeof AUTOMATIONS>): void;
}

const position = { x: 0, y: 0 };

const AUTOMATIONS = {
  reminders: triggered(shortened(reminders, { w24: '-PT4S', w2: '-PT2S' }), 1),
  noShow: triggered(shortened(noShowDefense, { arrive: 'PT2S' }), 2),
  twoWay: triggered(twoWayConfirm, 3),
  ack: triggered(
    {
      schemaVersion: 1,
      name: 'Acknowledge replies',
      trigger: { event: 'message.received' },
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
        { id: 'ack', type: 'sendSms', position: { x: 0, y: 100 }, data: { templateId: 'reminder-2h-sms' } },
        { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'ack' },
        { id: 'e2', source: 'ack', target: 'end' },
      ],
    },
    4,
  ),
  textThenRemind: triggered(
    {
      schemaVersion: 1,
      name: 'Text then remind',
      trigger: { event: 'appointment.booked' },
      nodes: [
        { id: 't', type: 'trigger', position, data: {} },
        { id: 'hello', type: 'sendSms', position, data: { templateId: 'retry-me-sms' } },
        { id: 'w', type: 'wait', position, data: { until: { anchor: 'appointment.startsAt', offset: '-PT2S' }, ifPast: 'skip' } },
        { id: 'remind', type: 'sendSms', position, data: { templateId: 'retry-me-sms' } },
        { id: 'end', type: 'end', position, data: {} },
        { id: 'stop', type: 'goal', position, data: { rule: { '==': [{ var: 'appointment.status' }, 'cancelled'] } } },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'hello' },
        { id: 'e2', source: 'hello', target: 'w' },
        { id: 'e3', source: 'w', target: 'remind' },
        { id: 'e4', source: 'remind', target: 'end' },
      ],
    },
    5,
  ),
};

async function book(rec: Recorder, startsInMs: number): Promise<{ id: string; handle: WorkflowHandle; signal(event: AppointmentEvent): Promise<void> }> {
  const id = randomUUID();
  rec.starts.set(id, new Date(Date.now() + startsInMs));
  const handle = await rec.client.workflow.signalWithStart(appointmentWorkflowType, {
    workflowId: appointmentWorkflowId(TENANT, id),
    taskQueue: rec.taskQueue,
    args: [{ tenantId: TENANT, appointmentId: id }],
    signal: appointmentEventSignal,
    signalArgs: [{ type: 'appointment.booked', at: new Date().toISOString() }],
  });
  return { id, handle, signal: (event) => handle.signal(appointmentEventSignal, event) };
}

const now = () => new Date().toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every workflow of an appointment: the entity workflow and the runs it started. */
async function appointmentHistories(rec: Recorder, handle: WorkflowHandle): Promise<RecordedHistory[]> {
  const state = (await handle.result()) as { children: Array<{ workflowId: string }> };
  const handles = [handle, ...state.children.map((c) => rec.client.workflow.getHandle(c.workflowId))];
  const out: RecordedHistory[] = [];
  for (const h of handles) {
    await h.result();
    out.push({ workflowId: h.workflowId, history: historyToFixture(await h.fetchHistory()) });
  }
  return out;
}

const scenarios: Record<string, (rec: Recorder) => Promise<RecordedHistory[]>> = {
  async 'reminders-rescheduled'(rec) {
    rec.use('reminders');
    const appt = await book(rec, 8_000);
    await sleep(1_000);
    const startsAt = new Date((rec.starts.get(appt.id) as Date).getTime() + 2_000);
    await appt.signal({ type: 'appointment.rescheduled', at: now(), data: { startsAt: startsAt.toISOString() } });
    await sleep(8_000);
    await appt.signal({ type: 'appointment.completed', at: now(), data: { status: 'completed' } });
    return appointmentHistories(rec, appt.handle);
  },
  async 'reminders-cancelled'(rec) {
    rec.use('reminders', 'noShow');
    const appt = await book(rec, 8_000);
    await sleep(1_500);
    await appt.signal({ type: 'appointment.cancelled', at: now(), data: { status: 'cancelled', reason: 'sick pet' } });
    return appointmentHistories(rec, appt.handle);
  },
  async 'no-show'(rec) {
    rec.use('noShow');
    const appt = await book(rec, 1_000);
    return appointmentHistories(rec, appt.handle);
  },
  async 'two-way-confirm'(rec) {
    rec.use('twoWay');
    const appt = await book(rec, 60_000);
    await sleep(1_500);
    await appt.signal({ type: 'message.received', at: now(), data: { body: 'C', from: '+15555550100' } });
    await sleep(1_000);
    await appt.signal({ type: 'appointment.cancelled', at: now(), data: { status: 'cancelled' } });
    return appointmentHistories(rec, appt.handle);
  },
  async 'restarted-after-close'(rec) {
    // A late reply restarts the ended workflow, which counts on from the runs it had (triggerOccurrences).
    rec.use('ack');
    const appt = await book(rec, 60_000);
    await appt.signal({ type: 'message.received', at: now(), data: { body: 'running late', from: '+15555550100' } });
    await sleep(1_000);
    await appt.signal({ type: 'appointment.cancelled', at: now(), data: { status: 'cancelled' } });
    const first = await appointmentHistories(rec, appt.handle);
    const base = snapshot(appt.id, rec.starts.get(appt.id) as Date);
    laterReads.set(appt.id, { appointment: { ...base.appointment, status: 'cancelled' }, triggerOccurrences: { 'message.received': 1 } });
    const again = await rec.client.workflow.signalWithStart(appointmentWorkflowType, {
      workflowId: appt.handle.workflowId,
      taskQueue: rec.taskQueue,
      args: [{ tenantId: TENANT, appointmentId: appt.id }],
      signal: appointmentEventSignal,
      signalArgs: [{ type: 'message.received', at: now(), data: { body: 'can I come next week?', from: '+15555550100' } }],
    });
    const second = await appointmentHistories(rec, rec.client.workflow.getHandle(again.workflowId, again.signaledRunId));
    if (!second.some((h) => h.workflowId.endsWith(':message.received:2'))) throw new Error('the restarted workflow reused an earlier run id');
    return [...first, ...second];
  },
  async 'retried-run-adopted'(rec) {
    // A run fails on its first send; retried as the executions API retries it (adopted by its
    // appointment's workflow, then started again from the failed node), it still gets the cancel.
    rec.use('textThenRemind');
    missingTemplates.add('retry-me-sms');
    const appt = await book(rec, 60_000);
    const runId = `run:${TENANT}:${appt.id}:${AUTOMATIONS.textThenRemind.automationId}:appointment.booked:1`;
    let failed: WorkflowHandle | undefined;
    for (let i = 0; !failed && i < 100; i++) {
      await sleep(100);
      failed = await rec.client.workflow.getHandle(runId).describe().then(() => rec.client.workflow.getHandle(runId), () => undefined);
    }
    if (!failed) throw new Error('the run did not start');
    const result = (await failed.result()) as AutomationRunResult;
    if (result.endReason !== 'actionFailed') throw new Error(`expected a failed send, got ${result.endReason}`);
    const firstRunId = (await failed.describe()).runId;
    const input = (await failed.fetchHistory()).events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data;
    const runInput = JSON.parse(Buffer.from(input as Uint8Array).toString('utf8')) as AutomationRunInput;
    missingTemplates.delete('retry-me-sms');
    await adoptRetriedRun(rec.client, rec.taskQueue, runId, runInput);
    const carry: AutomationRunCarry = { state: resumeState(result, result.path.length + 2, Date.now()), context: result.context, runRowId: '00000000-0000-4000-8000-0000000000aa', steps: [], inbox: [] };
    const retried = await rec.client.workflow.start(automationRunWorkflowType, { workflowId: runId, taskQueue: rec.taskQueue, args: [runInput, carry] });
    await sleep(1_500);
    const startsAt = new Date((rec.starts.get(appt.id) as Date).getTime() + 60_000);
    await appt.signal({ type: 'appointment.rescheduled', at: now(), data: { startsAt: startsAt.toISOString() } });
    await sleep(1_000);
    await appt.signal({ type: 'appointment.cancelled', at: now(), data: { status: 'cancelled' } });
    const ended = (await retried.result()) as AutomationRunResult;
    if (ended.endReason !== 'goal') throw new Error(`the retried run did not get the cancel: ${ended.endReason}`);
    await appt.handle.result();
    return [
      { workflowId: appt.handle.workflowId, history: historyToFixture(await appt.handle.fetchHistory()) },
      { workflowId: runId, history: historyToFixture(await rec.client.workflow.getHandle(runId, firstRunId).fetchHistory()) },
      { workflowId: runId, history: historyToFixture(await retried.fetchHistory()) },
    ];
  },
  async 'continue-as-new'(rec) {
    const definition: AutomationDefinition = {
      schemaVersion: 1,
      name: 'Three pings',
      trigger: { event: 'manual' },
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
        { id: 'init', type: 'setVariable', position: { x: 0, y: 100 }, data: { name: 'count', value: 0 } },
        { id: 'more', type: 'condition', position: { x: 0, y: 200 }, data: { rule: { '<': [{ var: 'vars.count' }, 3] } } },
        { id: 'w', type: 'wait', position: { x: 0, y: 300 }, data: { duration: 'PT1S' } },
        { id: 'inc', type: 'setVariable', position: { x: 0, y: 400 }, data: { name: 'count', value: { '+': [{ var: 'vars.count' }, 1] } } },
        { id: 'ping', type: 'sendSms', position: { x: 0, y: 500 }, data: { templateId: 'reminder-2h-sms' } },
        { id: 'end', type: 'end', position: { x: 200, y: 300 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 't', target: 'init' },
        { id: 'e2', source: 'init', target: 'more' },
        { id: 'e3', source: 'more', target: 'w', sourceHandle: 'true' },
        { id: 'e4', source: 'more', target: 'end', sourceHandle: 'false' },
        { id: 'e5', source: 'w', target: 'inc' },
        { id: 'e6', source: 'inc', target: 'ping' },
        { id: 'e7', source: 'ping', target: 'more' },
      ],
    };
    const workflowId = `run:${TENANT}:manual:${randomUUID()}`;
    const handle = await rec.client.workflow.start(automationRunWorkflowType, {
      workflowId,
      taskQueue: rec.taskQueue,
      args: [{ tenantId: TENANT, automationId: randomUUID(), version: 1, automationVersionId: randomUUID(), definition, context: { tenant: { id: TENANT, timezone: 'UTC' }, customer: { id: CUSTOMER }, vars: {}, event: { type: 'manual', at: now() } }, triggerEvent: 'manual', historyLimit: 25 }],
    });
    await handle.result();
    const firstRunId = (await handle.describe()).raw.workflowExecutionInfo?.firstRunId ?? undefined;
    const first = rec.client.workflow.getHandle(workflowId, firstRunId);
    return [
      { workflowId, history: historyToFixture(await first.fetchHistory()) },
      { workflowId, history: historyToFixture(await handle.fetchHistory()) },
    ];
  },
};

async function main(): Promise<void> {
  installTemporalRuntime(logger);
  let server: TemporalHandle | undefined;
  let address = process.env.TEMPORAL_ADDRESS;
  if (!address) {
    server = await startLocalTemporal({ cacheDir: process.env.CACHE_DIR || path.join(os.homedir(), '.cache', 'appointflow'), port: await findFreePort(), uiPort: null, namespace: 'default', logger });
    address = server.address;
  }
  let active: TriggeredAutomation[] = [];
  const taskQueue = `replay-${randomUUID()}`;
  const starts = new Map<string, Date>();
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: await workflowBundle(), activities: fakeActivities(() => active, starts) });
  const client = new Client({ connection: await Connection.connect({ address }) });
  const only = process.argv.slice(2);
  try {
    await worker.runUntil(async () => {
      await fs.mkdir(FIXTURES, { recursive: true });
      for (const [name, scenario] of Object.entries(scenarios)) {
        if (only.length > 0 && !only.includes(name)) continue;
        const use = (...keys: Array<keyof typeof AUTOMATIONS>) => {
          active = keys.map((key) => AUTOMATIONS[key]);
        };
        const histories = await scenario({ client, taskQueue, starts, use });
        await fs.writeFile(path.join(FIXTURES, `${name}.json`), `${JSON.stringify(histories)}\n`);
        console.log(`recorded ${name}: ${histories.length} workflows`);
      }
    });
  } finally {
    await client.connection.close();
    await connection.close();
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
