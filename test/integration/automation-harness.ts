import '../helpers/fresh-orm-metadata';
import { randomUUID } from 'node:crypto';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createActivities, type SendMessageInput, type SendMessageResult } from '../../activities';
import { Appointment, Automation, AutomationVersion, Customer, Message, Service, Staff, Tenant } from '../../db/entities';
import { createOrm } from '../../db/orm';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import {
  type AppointmentEvent,
  appointmentEventSignal,
  appointmentWorkflowId,
  appointmentWorkflowType,
} from '../../workflows/appointment-contract';
import type { AutomationDefinition } from '../../workflows/dsl';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { stackEnv } from '../helpers/stack-env';

export interface SentMessage extends SendMessageInput {
  at: number;
}

/**
 * A worker on a task queue of its own, against the shared Temporal dev server and an isolated
 * database, with the real activities. sendMessage is, unless `realMessaging`, an outbox that
 * writes a Message row per idempotency key (as the messaging activity does) and remembers every call.
 */
export class AutomationHarness {
  readonly taskQueue = `automation-${randomUUID()}`;
  readonly sent: SentMessage[] = [];
  /** Calls that found their key already written (a retried send). */
  readonly duplicates: SentMessage[] = [];
  db!: TestDatabase;
  orm!: MikroORM;
  client!: Client;
  private worker!: Worker;
  private running!: Promise<void>;
  private connection!: NativeConnection;

  /** realMessaging: the messaging activities with their default (outbox) providers, no quiet hours. */
  constructor(private readonly options: { realMessaging?: boolean } = {}) {}

  async start(): Promise<this> {
    const logger = createLogger({ level: 'warn', pretty: false });
    const stack = stackEnv();
    installTemporalRuntime(logger);
    this.db = await createTestDatabase();
    this.orm = await createOrm(this.db.url);
    this.client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }), namespace: stack.temporalNamespace });
    this.connection = await NativeConnection.connect({ address: stack.temporalAddress });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: stack.temporalNamespace,
      taskQueue: this.taskQueue,
      workflowBundle: await workflowBundle(),
      activities: this.options.realMessaging
        ? createActivities({ orm: this.orm, logger, messaging: { config: { quietHours: null } } })
        : { ...createActivities({ orm: this.orm, logger }), sendMessage: (input: SendMessageInput) => this.outbox(input) },
    });
    this.running = this.worker.run();
    return this;
  }

  async stop(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.client?.connection.close();
    await this.orm?.close();
    await this.db?.drop();
  }

  /** While set and in the future, sends are held back as the messaging activity does in quiet hours. */
  quietUntil: Date | undefined;

  private async outbox(input: SendMessageInput): Promise<SendMessageResult> {
    const call = { ...input, at: Date.now() };
    if (this.quietUntil && this.quietUntil.getTime() > Date.now()) {
      return { status: 'skipped', reason: 'quiet_hours', notBefore: this.quietUntil.toISOString() };
    }
    const em = this.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const customer = await em.findOneOrFail(Customer, { id: input.customerId });
    const optedIn = { sms: customer.smsOptIn, whatsapp: customer.whatsappOptIn, email: customer.emailOptIn }[input.channel];
    if (!optedIn) return { status: 'skipped', reason: `customer opted out of ${input.channel}` };
    const rows = await em.getConnection().execute<Array<{ id: string }>>(
      `insert into messages (id, tenant_id, customer_id, appointment_id, channel, "to", body, status, provider, idempotency_key, node_id, sent_at)
       values (?, ?, ?, ?, ?, ?, ?, 'sent', 'outbox', ?, ?, now())
       on conflict (tenant_id, idempotency_key) do nothing returning id`,
      [randomUUID(), input.tenantId, input.customerId, input.appointmentId ?? null, input.channel,
        (input.channel === 'email' ? customer.email : customer.phone) ?? 'unknown', input.templateId, input.idempotencyKey, input.nodeId ?? null],
    );
    if (rows.length === 0) {
      this.duplicates.push(call);
      const existing = await em.findOneOrFail(Message, { idempotencyKey: input.idempotencyKey });
      return { status: 'sent', messageId: existing.id };
    }
    this.sent.push(call);
    return { status: 'sent', messageId: rows[0]!.id };
  }

  /** A tenant with one service, one staff member and one customer (reputation 100, opted in). */
  async createBusiness(): Promise<{ tenantId: string; serviceId: string; staffId: string; customerId: string }> {
    const em = this.orm.em.fork();
    const tenant = em.create(Tenant, { name: 'Engine Salon', slug: `engine-${randomUUID()}`, timezone: 'America/New_York' });
    const service = em.create(Service, { tenantId: tenant.id, name: 'Bath', durationMinutes: 60, priceCents: 4500 });
    const staff = em.create(Staff, { tenantId: tenant.id, name: 'Sam', email: 'sam@example.test' });
    const customer = em.create(Customer, {
      tenantId: tenant.id,
      name: 'Ada Lovelace',
      phone: '+15555550100',
      email: 'ada@example.test',
      smsOptIn: true,
      emailOptIn: true,
    });
    await em.flush();
    return { tenantId: tenant.id, serviceId: service.id, staffId: staff.id, customerId: customer.id };
  }

  /** Publishes a definition as a new active automation (v1). */
  async publish(tenantId: string, definition: AutomationDefinition): Promise<{ automationId: string; versionId: string }> {
    const em = this.orm.em.fork();
    const json = definition as unknown as Record<string, unknown>;
    const automation = em.create(Automation, {
      tenantId,
      name: definition.name,
      triggerEvent: definition.trigger.event,
      status: 'active',
      draft: json,
      publishedVersion: 1,
    });
    const version = em.create(AutomationVersion, { tenantId, automationId: automation.id, version: 1, definition: json });
    automation.publishedVersionId = version.id;
    await em.flush();
    return { automationId: automation.id, versionId: version.id };
  }

  /** Publishes the next version of an automation, as the API's publish does. */
  async publishVersion(tenantId: string, automationId: string, definition: AutomationDefinition): Promise<number> {
    const em = this.orm.em.fork();
    em.setFilterParams('tenant', { tenantId });
    const automation = await em.findOneOrFail(Automation, { id: automationId });
    const next = (automation.publishedVersion ?? 0) + 1;
    const json = definition as unknown as Record<string, unknown>;
    const version = em.create(AutomationVersion, { tenantId, automationId, version: next, definition: json });
    automation.draft = json;
    automation.publishedVersion = next;
    automation.publishedVersionId = version.id;
    await em.flush();
    return next;
  }

  /** Books an appointment starting `startsInMs` from now and starts its workflow with `appointment.booked`. */
  async book(business: { tenantId: string; serviceId: string; staffId: string; customerId: string }, startsInMs: number) {
    const em = this.orm.em.fork();
    const id = randomUUID();
    const startsAt = new Date(Date.now() + startsInMs);
    const appointment = em.create(Appointment, {
      id,
      tenantId: business.tenantId,
      serviceId: business.serviceId,
      // No staff member: the appointments of one test overlap in time.
      customerId: business.customerId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3_600_000),
      priceCents: 4500,
      workflowId: appointmentWorkflowId(business.tenantId, id),
    });
    await em.flush();
    const handle = await this.client.workflow.signalWithStart(appointmentWorkflowType, {
      workflowId: appointment.workflowId,
      taskQueue: this.taskQueue,
      args: [{ tenantId: business.tenantId, appointmentId: id }],
      signal: appointmentEventSignal,
      signalArgs: [{ type: 'appointment.booked', at: new Date().toISOString(), data: { startsAt: startsAt.toISOString() } }],
    });
    return { appointment, handle };
  }

  /** Changes the row as the API would, then signals the entity workflow. */
  async change(appointment: Appointment, event: AppointmentEvent, patch: Partial<Pick<Appointment, 'startsAt' | 'endsAt' | 'status' | 'arrivedAt'>>): Promise<void> {
    const em = this.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: appointment.tenantId });
    const row = await em.findOneOrFail(Appointment, { id: appointment.id });
    Object.assign(row, patch);
    await em.flush();
    await this.client.workflow.getHandle(appointment.workflowId).signal(appointmentEventSignal, event);
  }

  em(tenantId: string) {
    const em = this.orm.em.fork();
    em.setFilterParams('tenant', { tenantId });
    return em;
  }

  runHandle(workflowId: string): WorkflowHandle {
    return this.client.workflow.getHandle(workflowId);
  }
}

export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read().catch(() => undefined as T);
    if (value !== undefined && done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
