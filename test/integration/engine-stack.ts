import '../helpers/fresh-orm-metadata';
import type { WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createProviders } from '../../activities/messaging';
import { AutomationRun, AutomationVersion, Message, RunStep } from '../../db/entities';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import type { AutomationRunInput } from '../../workflows/automation-run-contract';
import { type SimulationEvent, type SimulationResult, simulateTimeline } from '../../workflows/dsl';
import { type FakeSmtpServer, startFakeSmtp } from '../fakes/smtp-server';
import { type FakeTwilioServer, inboundSmsParams, signTwilioWebhook, startFakeTwilio } from '../fakes/twilio-server';
import { startTestApp, type TestApp } from '../helpers/app';
import { type Loose, type SignedUp, signup } from '../helpers/http';
import { waitFor } from './automation-harness';

export const PUBLIC_URL = 'https://book.example.test';
export const OUR_NUMBER = '+15005550006';

/** A message as it reached a fake provider, with the moment it did. */
export interface Arrival {
  at: number;
  channel: 'sms' | 'email';
  to: string;
  /** SMS body or email subject. */
  text: string;
}

/**
 * The real stack for the engine's acceptance tests: the API (startTestApp) with Twilio and SMTP
 * configured, the fake Twilio API and a local SMTP server on loopback, and (unless `worker:
 * false`) a worker in this process whose sends go through the real `twilio` client and
 * nodemailer to those fakes. A business is signed up through the API, so it starts with the
 * automations every new tenant gets.
 */
export class EngineStack {
  app!: TestApp;
  owner!: SignedUp;
  twilio!: FakeTwilioServer;
  smtp!: FakeSmtpServer;
  serviceId!: string;
  readonly arrivals: Arrival[] = [];
  private worker?: Worker;
  private running?: Promise<void>;
  private connection?: NativeConnection;
  private phoneSeq = 0;
  /** Numbers differ between customers of a stack (replies are matched to customers by number). */
  private readonly phoneBase = Math.floor(Math.random() * 9000);

  constructor(private readonly options: { worker?: boolean; businessName?: string } = {}) {}

  async start(): Promise<this> {
    [this.twilio, this.smtp] = await Promise.all([startFakeTwilio(), startFakeSmtp()]);
    this.recordArrivals();
    this.app = await startTestApp({ env: this.env() });
    if (this.options.worker !== false) await this.startWorker();
    this.owner = await signup(this.app.baseUrl, { businessName: this.options.businessName ?? 'Fern Grooming' });
    this.serviceId = (await this.owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 60, priceCents: 6500 })).body.id;
    return this;
  }

  /** The provider settings the API and the workers get (the fakes' credentials). */
  env(): Record<string, string> {
    return {
      PUBLIC_URL,
      TWILIO_ACCOUNT_SID: this.twilio.accountSid,
      TWILIO_AUTH_TOKEN: this.twilio.authToken,
      TWILIO_FROM: OUR_NUMBER,
      SMTP_URL: this.smtp.url,
      SMTP_FROM: 'bookings@fern.example',
    };
  }

  private async startWorker(): Promise<void> {
    const logger = createLogger({ level: 'warn', pretty: false });
    installTemporalRuntime(logger);
    const config = this.app.config;
    this.connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS as string });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle: await workflowBundle(),
      activities: createActivities({
        orm: this.app.orm,
        logger,
        messaging: { config, providers: createProviders(config, { twilioHttpClient: this.twilio.httpClient() }) },
      }),
    });
    this.running = this.worker.run();
  }

  /** Times every message reaching the fakes (they keep no arrival time of their own). */
  private recordArrivals(): void {
    const sms = this.twilio.messages;
    const pushSms = sms.push.bind(sms);
    sms.push = (...items) => {
      for (const m of items) this.arrivals.push({ at: Date.now(), channel: 'sms', to: m.to, text: m.body });
      return pushSms(...items);
    };
    const mail = this.smtp.messages;
    const pushMail = mail.push.bind(mail);
    mail.push = (...items) => {
      for (const m of items) this.arrivals.push({ at: Date.now(), channel: 'email', to: m.to.join(','), text: m.subject });
      return pushMail(...items);
    };
  }

  async stop(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.app?.close();
    await Promise.all([this.twilio?.close(), this.smtp?.close()]);
  }

  em() {
    const fork = this.app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: this.owner.tenant.id });
    return fork;
  }

  /** A customer with a phone number of their own and an email, opted in to both. */
  async customer(fields: Record<string, unknown> = {}): Promise<{ id: string; phone: string; email: string }> {
    this.phoneSeq += 1;
    const phone = `+1212555${String(1000 + ((this.phoneBase + this.phoneSeq) % 9000))}`;
    const email = `guest${this.phoneSeq}.${Date.now().toString(36)}@example.com`;
    const res = await this.owner.api.post('/api/customers', { name: 'Ada Byron', phone, email, smsOptIn: true, emailOptIn: true, ...fields });
    if (res.status !== 201) throw new Error(`customer answered ${res.status}: ${JSON.stringify(res.body)}`);
    return { id: res.body.id, phone, email };
  }

  /**
   * POST /api/appointments starting `startsAt`. The owner books with `override` (these tests are
   * about what happens after a booking, at times no opening hours would offer).
   */
  async book(customerId: string, startsAt: Date): Promise<Loose> {
    const res = await this.owner.api.post('/api/appointments', { serviceId: this.serviceId, customerId, startsAt: startsAt.toISOString(), override: true });
    if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** The seeded automation with this template key. */
  async automation(templateKey: string): Promise<Loose> {
    const items = (await this.owner.api.get('/api/automations?limit=100')).body.items as Loose[];
    const found = items.find((a) => a.templateKey === templateKey);
    if (!found) throw new Error(`no automation ${templateKey}: ${items.map((a) => a.templateKey).join(', ')}`);
    return found;
  }

  /** The template key of a seeded automation, by id. */
  async automationKeyOf(automationId: string): Promise<string | null> {
    return (await this.owner.api.get(`/api/automations/${automationId}`)).body.templateKey ?? null;
  }

  async pause(templateKey: string): Promise<void> {
    const res = await this.owner.api.post(`/api/automations/${(await this.automation(templateKey)).id}/pause`);
    if (res.status >= 300) throw new Error(`pause answered ${res.status}: ${JSON.stringify(res.body)}`);
  }

  /** Saves `definition` as the automation's draft and publishes it (the next version). */
  async publish(templateKey: string, definition: unknown): Promise<number> {
    const id = (await this.automation(templateKey)).id;
    const saved = await this.owner.api.patch(`/api/automations/${id}`, { draft: definition });
    if (saved.status !== 200) throw new Error(`save answered ${saved.status}: ${JSON.stringify(saved.body)}`);
    const published = await this.owner.api.post(`/api/automations/${id}/publish`);
    if (published.status !== 201) throw new Error(`publish answered ${published.status}: ${JSON.stringify(published.body)}`);
    return published.body.version;
  }

  /** An inbound SMS webhook, signed as Twilio signs it. */
  async reply(from: string, body: string): Promise<{ status: number; text: string }> {
    const path = '/api/webhooks/twilio/inbound';
    const params = inboundSmsParams({ accountSid: this.twilio.accountSid, from, to: OUR_NUMBER, body });
    const res = await fetch(`${this.app.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Twilio-Signature': signTwilioWebhook(this.twilio.authToken, `${PUBLIC_URL}${path}`, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text() };
  }

  async runs(appointmentId: string): Promise<AutomationRun[]> {
    return this.em().find(AutomationRun, { appointmentId }, { orderBy: { startedAt: 'asc' } });
  }

  /** The appointment's run of the seeded automation `templateKey`, once `done` holds for it. */
  async runOf(appointmentId: string, templateKey: string, done: (run: AutomationRun) => boolean = () => true, timeoutMs = 30_000): Promise<AutomationRun> {
    const automationId = (await this.automation(templateKey)).id as string;
    const run = await waitFor(
      () => this.em().findOne(AutomationRun, { appointmentId, automationId }, { orderBy: { startedAt: 'desc' } }),
      (found) => found !== null && done(found),
      timeoutMs,
    );
    return run as AutomationRun;
  }

  async steps(runId: string): Promise<RunStep[]> {
    return this.em().find(RunStep, { runId }, { orderBy: { sequence: 'asc' } });
  }

  async messages(appointmentId: string): Promise<Message[]> {
    return this.em().find(Message, { appointmentId }, { orderBy: { createdAt: 'asc' } });
  }

  arrivalsTo(address: string): Arrival[] {
    return this.arrivals.filter((a) => a.to === address || a.to.split(',').includes(address));
  }

  runHandle(workflowId: string): WorkflowHandle {
    return this.app.temporal.workflow.getHandle(workflowId);
  }

  /** What the run was started with: its pinned definition and the context at the trigger. */
  async runInput(workflowId: string): Promise<AutomationRunInput> {
    return runInputOf(this.runHandle(workflowId));
  }

  /**
   * The simulator's timeline for a run, from the same definition (the pinned version), the same
   * starting context and the events that happened to the appointment since.
   */
  async simulate(run: AutomationRun, events: SimulationEvent[] = [], horizon?: number): Promise<SimulationResult> {
    const input = await this.runInput(run.workflowId);
    const version = await this.em().findOneOrFail(AutomationVersion, { id: run.automationVersionId });
    expect(version.definition).toEqual(input.definition);
    return simulateTimeline({
      definition: input.definition,
      context: input.context,
      startAt: run.startedAt.getTime(),
      events,
      ...(horizon !== undefined ? { horizon } : {}),
      ids: { workflowId: input.parentWorkflowId ?? run.workflowId, automationId: input.automationId, ...(input.triggerKey ? { triggerKey: input.triggerKey } : {}) },
    });
  }

  /**
   * Asserts that the interpreter did what the simulator predicts for this run: the same actions,
   * in the same order, with the same outcome (done or skipped) and send keys, each at the
   * predicted time (within `toleranceMs`: the real clock and the workers add some delay).
   * A run still waiting is compared up to now (the simulator stops at that horizon).
   */
  async expectMatchesSimulation(run: AutomationRun, events: SimulationEvent[] = [], toleranceMs = 5_000): Promise<SimulationResult> {
    const current = await this.em().findOneOrFail(AutomationRun, { id: run.id });
    const predicted = await this.simulate(run, events, current.endedAt ? undefined : Date.now());
    const actual = (await this.steps(run.id)).filter((s) => s.input?.idempotencyKey !== undefined);
    expect(actual.map((s) => [s.nodeId, s.status === 'succeeded' ? 'ok' : s.status, s.input?.idempotencyKey])).toEqual(
      predicted.actions.map((a) => [a.nodeId, a.action?.status, a.action?.idempotencyKey]),
    );
    actual.forEach((step, i) => {
      const at = Date.parse(predicted.actions[i]!.at);
      expect(Math.abs(step.startedAt.getTime() - at)).toBeLessThanOrEqual(toleranceMs);
    });
    if (!current.endedAt) {
      expect(predicted.endedBy).toMatchObject({ reason: 'horizon', nodeId: current.currentNodeId });
    } else {
      expect(predicted.endedBy.reason).toBe(current.endReason);
      // A goal ends a run wherever it was; the row keeps that node, the simulator names the goal.
      if (current.endReason === 'end') expect(predicted.endedBy.nodeId).toBe(current.currentNodeId);
    }
    return predicted;
  }
}

/** The first argument a workflow was started with (the latest run's, after continue-as-new). */
export async function runInputOf(handle: WorkflowHandle): Promise<AutomationRunInput> {
  const history = await handle.fetchHistory();
  const payload = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!payload?.data) throw new Error(`no input in the history of ${handle.workflowId}`);
  return JSON.parse(Buffer.from(payload.data).toString('utf8')) as AutomationRunInput;
}

export async function startEngineStack(options: ConstructorParameters<typeof EngineStack>[0] = {}): Promise<EngineStack> {
  const stack = new EngineStack(options);
  try {
    return await stack.start();
  } catch (err) {
    await stack.stop().catch(() => undefined);
    throw err;
  }
}
