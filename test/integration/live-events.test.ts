import '../helpers/fresh-orm-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { WebSocket } from 'ws';
import { type ApiServer, startApiServer } from '../../api/server';
import { publishLiveEvent } from '../../api/services/live/events';
import { createOrm, type MikroORM } from '../../db/orm';
import { createLogger } from '../../runtime/logger';
import { connectTemporalClient } from '../../runtime/temporal-connection';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { type SignedUp, signup } from '../helpers/http';
import { testConfig } from '../helpers/stack-env';

interface Received {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** A live socket that records every event and can wait for one. */
class LiveProbe {
  readonly events: Received[] = [];
  private waiters: Array<() => void> = [];
  constructor(readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      this.events.push(JSON.parse(String(raw)) as Received);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }
  static open(url: string, protocols?: string[]): Promise<LiveProbe> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, protocols);
      const probe = new LiveProbe(socket);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      socket.once('error', reject);
      // The server says live.ready once the socket is subscribed.
      void probe.next((e) => e.type === 'live.ready').then(() => resolve(probe), reject);
    });
  }
  async next(match: (event: Received) => boolean, timeoutMs = 10_000): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching event; got ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }
  close(): void {
    this.socket.terminate();
  }
}

/** The status an upgrade is refused with (or 101 when accepted). */
function upgradeStatus(url: string, protocols?: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      resolve(101);
      socket.close();
    });
    socket.once('error', (error) => reject(error));
  });
}

describe('live events across api replicas', () => {
  let database: TestDatabase;
  let dataDir: string;
  let temporal: Client;
  const orms: MikroORM[] = [];
  let apiA: ApiServer;
  let apiB: ApiServer;
  let owner: SignedUp;
  let other: SignedUp;
  const probes: LiveProbe[] = [];
  const wsUrl = (api: ApiServer, token?: string) => `${api.url.replace(/^http/, 'ws')}/api/live${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const open = async (url: string, protocols?: string[]) => {
    const probe = await LiveProbe.open(url, protocols);
    probes.push(probe);
    return probe;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-live-'));
    // Both replicas share the database and the JWT secret (the one under DATA_DIR), as a deployment would.
    const config = testConfig({ databaseUrl: database.url, env: { HOST: '127.0.0.1', DATA_DIR: dataDir } });
    const logger = createLogger({ level: config.LOG_LEVEL, name: 'live-test', pretty: false });
    temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS as string, config);
    const start = async (live: Parameters<typeof startApiServer>[0]['live']) => {
      const orm = await createOrm(database.url, { pool: { min: 0, max: 10 } });
      orms.push(orm);
      return startApiServer({ config: { ...config, PORT: 0 }, orm, temporal, logger, uiDir: false, live });
    };
    apiA = await start({});
    apiB = await start({ limits: { maxPerIp: 3, maxMessages: 5, messageWindowMs: 60_000 } });
    owner = await signup(apiA.url);
    other = await signup(apiA.url);
  });
  afterAll(async () => {
    for (const probe of probes) probe.close();
    await apiA?.close();
    await apiB?.close();
    await temporal?.connection.close();
    for (const orm of orms) await orm.close(true);
    await database?.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    for (const probe of probes.splice(0)) probe.close();
  });

  test('a booking made through replica A reaches its tenant on replica B, and no other tenant', async () => {
    const mine = await open(wsUrl(apiB, owner.token));
    const theirs = await open(wsUrl(apiB), ['appointflow-live', other.token]);
    expect(theirs.socket.protocol).toBe('appointflow-live');

    const serviceId = (await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 60, priceCents: 4000 })).body.id;
    const staffId = (await owner.api.post('/api/staff', { name: 'Alex', email: 'alex@example.com' })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Dana', email: 'dana@example.com' })).body.id;
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-03-03T10:00:00.000Z' });
    expect(booked.status).toBe(201);

    const created = await mine.next((e) => e.type === 'booking.created');
    expect(created.data).toMatchObject({ appointmentId: booked.body.id, staffId, status: 'pending' });
    expect(Date.parse(created.at)).not.toBeNaN();
    const availability = await mine.next((e) => e.type === 'availability.changed' && e.data.reason === 'booking');
    expect(availability.data).toMatchObject({ staffId });

    const cancelled = await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Sick' });
    expect(cancelled.status).toBe(200);
    await mine.next((e) => e.type === 'booking.cancelled' && e.data.appointmentId === booked.body.id);

    // The other tenant's socket saw the whole exchange and got nothing but its greeting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs.events.map((e) => e.type)).toEqual(['live.ready']);
  });

  test('events published by the helper fan out too, scoped to their tenant', async () => {
    const mine = await open(wsUrl(apiA, owner.token));
    const theirs = await open(wsUrl(apiB, other.token));
    await publishLiveEvent(orms[1]!.em.fork(), { tenantId: other.tenant.id, type: 'message.status', data: { messageId: 'm1', status: 'delivered' } });
    const event = await theirs.next((e) => e.type === 'message.status');
    expect(event.data).toEqual({ messageId: 'm1', status: 'delivered' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(mine.events.some((e) => e.type === 'message.status')).toBe(false);
  });

  test('an upgrade without a valid token is refused', async () => {
    expect(await upgradeStatus(wsUrl(apiA))).toBe(401);
    expect(await upgradeStatus(wsUrl(apiA, 'not-a-jwt'))).toBe(401);
    expect(await upgradeStatus(`${apiA.url.replace(/^http/, 'ws')}/api/elsewhere?token=${owner.token}`)).toBe(404);
  });

  test('connections beyond the per-address cap are refused, and chatty clients are dropped', async () => {
    const held = [await open(wsUrl(apiB, owner.token)), await open(wsUrl(apiB, owner.token)), await open(wsUrl(apiB, owner.token))];
    expect(apiB.live?.connectionCount()).toBe(3);
    expect(await upgradeStatus(wsUrl(apiB, owner.token))).toBe(429);

    held[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const chatty = await open(wsUrl(apiB, owner.token));
    const closed = new Promise<number>((resolve) => chatty.socket.once('close', (code) => resolve(code)));
    for (let i = 0; i < 10; i++) chatty.socket.send('{"type":"ping"}');
    expect(await closed).toBe(1008);
    expect(chatty.events.filter((e) => e.type === 'pong').length).toBe(5);
  });
});
