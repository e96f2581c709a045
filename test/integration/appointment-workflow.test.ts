import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Appointment, Customer, Service, Staff, Tenant } from '../../db/entities';
import { createOrm } from '../../db/orm';
import { createLogger } from '../../runtime/logger';
import { connectTemporalWorker } from '../../runtime/temporal-connection';
import { type RunningWorker, startWorker } from '../../worker/start-worker';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import {
  appointmentEventSignal,
  appointmentStateQuery,
  appointmentWorkflowId,
  appointmentWorkflowType,
} from '../../workflows/appointment-contract';
import { createTestDatabase } from '../helpers/database';

const logger = createLogger({ level: 'warn', pretty: false });
const taskQueue = `appointment-wf-${randomUUID()}`;
const config = { TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: taskQueue };

let db: { url: string; drop(): Promise<void> };
let orm: MikroORM;
let client: Client;
let worker: RunningWorker;
let workerConnection: Awaited<ReturnType<typeof connectTemporalWorker>>;

async function bookAppointment(): Promise<Appointment> {
  const em = orm.em.fork();
  const tenant = em.create(Tenant, { name: 'Wf Salon', slug: `wf-${randomUUID()}`, timezone: 'America/New_York' });
  const tenantId = tenant.id;
  const service = em.create(Service, { tenantId, name: 'Bath', durationMinutes: 60, priceCents: 4500 });
  const staff = em.create(Staff, { tenantId, name: 'Sam', email: 'sam@example.com' });
  const customer = em.create(Customer, { tenantId, name: 'Ada', phone: '+15555550100' });
  const id = randomUUID();
  const startsAt = new Date(Date.now() + 48 * 3600_000);
  const appointment = em.create(Appointment, {
    id,
    tenantId,
    serviceId: service.id,
    staffId: staff.id,
    customerId: customer.id,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3600_000),
    priceCents: 4500,
    workflowId: appointmentWorkflowId(tenantId, id),
  });
  await em.flush();
  return appointment;
}

beforeAll(async () => {
  installTemporalRuntime(logger);
  db = await createTestDatabase();
  orm = await createOrm(db.url);
  const address = process.env.TEMPORAL_ADDRESS!;
  client = new Client({ connection: await Connection.connect({ address }), namespace: 'default' });
  workerConnection = await connectTemporalWorker(address, config);
  worker = await startWorker({ config, orm, connection: workerConnection, logger });
});

afterAll(async () => {
  await worker?.stop();
  await workerConnection?.close();
  await client?.connection.close();
  await orm?.close();
  await db?.drop();
});

test('the appointment workflow follows its appointment until a final status', async () => {
  const appointment = await bookAppointment();
  const handle = await client.workflow.signalWithStart(appointmentWorkflowType, {
    workflowId: appointment.workflowId,
    taskQueue,
    args: [{ tenantId: appointment.tenantId, appointmentId: appointment.id }],
    signal: appointmentEventSignal,
    signalArgs: [{ type: 'appointment.booked', at: new Date().toISOString() }],
  });

  let state = await waitFor(() => handle.query(appointmentStateQuery), (s) => s.events.length === 1);
  expect(state.events[0].type).toBe('appointment.booked');

  await handle.signal(appointmentEventSignal, { type: 'appointment.confirmed', at: new Date().toISOString() });
  state = await waitFor(() => handle.query(appointmentStateQuery), (s) => s.status === 'confirmed');
  expect(state.events.map((e) => e.type)).toEqual(['appointment.booked', 'appointment.confirmed']);

  await handle.signal(appointmentEventSignal, {
    type: 'appointment.cancelled',
    at: new Date().toISOString(),
    data: { reason: 'sick pet' },
  });
  const result = await handle.result();
  expect(result.status).toBe('cancelled');
  expect((await handle.describe()).status.name).toBe('COMPLETED');
});

test('a missing appointment fails the workflow without endless retries', async () => {
  const tenantId = randomUUID();
  const handle = await client.workflow.start(appointmentWorkflowType, {
    workflowId: appointmentWorkflowId(tenantId, randomUUID()),
    taskQueue,
    args: [{ tenantId, appointmentId: randomUUID() }],
  });
  await expect(handle.result()).rejects.toThrow();
});

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
