/**
 * Acceptance: the worker is killed (SIGKILL) while runs wait on their timers and while one run is
 * in the middle of a send, then a new worker starts. Every run completes, and no message reaches
 * a provider twice.
 *
 * The worker runs as a child process (test/integration/engine-worker-process.ts: worker/main.ts
 * with the twilio client's requests sent to a loopback address). Between it and the fake Twilio
 * API sits a gate that can swallow the answer to a send: Twilio has created the message, the
 * worker never learns it, and dies waiting.
 */
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AutomationRun, Message } from '../../db/entities';
import { sleep, waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';
import { WorkerProcess } from './engine-worker-child';

const HOUR = 3_600_000;

/** A proxy in front of the fake Twilio API that can keep the answers to the next sends to itself. */
class TwilioGate {
  holdNextSends = 0;
  readonly held: Array<{ path: string; form: string }> = [];
  private server?: http.Server;
  url = '';

  constructor(private readonly upstream: () => string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.forward(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  private async forward(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const answer = await fetch(`${this.upstream()}${req.url}`, {
      method: req.method,
      headers: { authorization: req.headers.authorization ?? '', 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
      ...(req.method === 'POST' ? { body } : {}),
    });
    const text = await answer.text();
    if (req.method === 'POST' && req.url?.endsWith('/Messages.json') && this.holdNextSends > 0) {
      // Twilio has the message; the worker never hears back.
      this.holdNextSends -= 1;
      this.held.push({ path: req.url, form: body });
      return;
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let stack: EngineStack;
let gate: TwilioGate;
let dataDir: string;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  stack = await startEngineStack({ worker: false });
  // The no-show watch would keep its runs waiting for hours; the rest is what this test is about.
  await stack.pause('no-show-defense');
  gate = await new TwilioGate(() => stack.twilio.url).start();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-worker-'));
}, 120_000);

afterAll(async () => {
  for (const worker of workers) await worker.stop();
  await gate?.close();
  await stack?.stop();
  if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
});

function startWorkerProcess(): Promise<WorkerProcess> {
  const config = stack.app.config;
  const worker = new WorkerProcess({
    FAKE_TWILIO_URL: gate.url,
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
  });
  workers.push(worker);
  return worker.start();
}

test('SIGKILL while runs wait and while one sends: after a restart every run completes, nothing is sent twice', async () => {
  const first = await startWorkerProcess();
  gate.holdNextSends = 1;

  const guests = await Promise.all([stack.customer(), stack.customer(), stack.customer()]);
  const startsAt = new Date(Date.now() + 2 * HOUR + 25_000);
  const dueAt = startsAt.getTime() - 2 * HOUR;
  const appointments = await Promise.all(guests.map((guest) => stack.book(guest.id, startsAt)));
  const ids = appointments.map((a) => a.id as string);
  const runsOf = () => stack.em().find(AutomationRun, { appointmentId: { $in: ids } });

  // One confirmation is mid-send (Twilio created it, the answer is held); the other two are done;
  // every reminder waits for its 2 h SMS.
  await waitFor(async () => gate.held.length, (n) => n === 1, 60_000);
  const heldBody = new URLSearchParams(gate.held[0]!.form).get('Body');
  const heldTo = new URLSearchParams(gate.held[0]!.form).get('To');
  expect(stack.twilio.messages.filter((m) => m.body === heldBody && m.to === heldTo)).toHaveLength(1);
  await waitFor(runsOf, (runs) => {
    const waiting = runs.filter((r) => r.status === 'waiting' && r.currentNodeId === 'w2').length;
    const confirmed = runs.filter((r) => r.status === 'completed' && r.path.includes('email')).length;
    return waiting === 3 && confirmed === 2;
  }, 60_000);
  await waitFor(async () => stack.smtp.messages.length, (n) => n === 2);
  expect(Date.now()).toBeLessThan(dueAt);

  await first.kill();
  const heldRow = await stack.em().findOneOrFail(Message, { to: heldTo!, nodeId: 'sms', appointmentId: { $in: ids } });
  expect(heldRow).toMatchObject({ status: 'sending' });
  expect(heldRow.providerMessageId ?? null).toBeNull();

  // The reminders fall due while no worker runs.
  await sleep(Math.max(0, dueAt + 2_000 - Date.now()));
  expect(stack.arrivals.filter((a) => a.text.startsWith('Reminder from'))).toEqual([]);
  const restartedAt = Date.now();
  await startWorkerProcess();

  const runs = await waitFor(runsOf, (list) => list.length === 6 && list.every((r) => r.status === 'completed'), 180_000);
  expect(runs.map((r) => r.endReason)).toEqual(Array(6).fill('end'));

  // Every text reached Twilio once: the interrupted one was found there and adopted, not resent.
  const sends = stack.twilio.sendRequests;
  expect(sends).toHaveLength(6);
  const byRecipient = new Map<string, string[]>();
  for (const m of stack.twilio.messages) byRecipient.set(m.to, [...(byRecipient.get(m.to) ?? []), m.body.slice(0, 20)]);
  for (const guest of guests) expect(byRecipient.get(guest.phone)?.sort()).toEqual(['Hi Ada, you\'re booke', 'Reminder from Fern G']);
  const adopted = await stack.em().findOneOrFail(Message, { id: heldRow.id });
  expect(adopted).toMatchObject({ status: 'sent', providerMessageId: stack.twilio.messages.find((m) => m.body === heldBody && m.to === heldTo)!.sid });
  // Every email once (a resend would carry the same Message-ID).
  expect(stack.smtp.messages).toHaveLength(3);
  expect(new Set(stack.smtp.messages.map((m) => m.messageId)).size).toBe(3);

  // The overdue reminders went out once the new worker was there.
  const reminders = stack.arrivals.filter((a) => a.text.startsWith('Reminder from'));
  expect(reminders).toHaveLength(3);
  for (const reminder of reminders) expect(reminder.at).toBeGreaterThanOrEqual(restartedAt);
  const rows = await stack.em().find(Message, { appointmentId: { $in: ids } });
  expect(rows.map((m) => m.status)).toEqual(Array(9).fill('sent'));
  expect(new Set(rows.map((m) => m.idempotencyKey)).size).toBe(9);
  for (const id of ids) await stack.owner.api.post(`/api/appointments/${id}/cancel`);
}, 300_000);
