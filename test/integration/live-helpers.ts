import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { LiveServerOptions } from '../../api/live/live-server';
import { type ApiServer, startApiServer } from '../../api/server';
import { Message } from '../../db/entities';
import { createOrm, type MikroORM } from '../../db/orm';
import { createLogger } from '../../runtime/logger';
import { connectTemporalClient } from '../../runtime/temporal-connection';
import { createTestDatabase } from '../helpers/database';
import { apiClient } from '../helpers/http';
import { testConfig } from '../helpers/stack-env';

/** A real 1×1 PNG (for attachment tests). */
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export interface Received {
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** A live socket that records every event and can wait for one. */
export class LiveProbe {
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
  send(frame: unknown): void {
    this.socket.send(JSON.stringify(frame));
  }
  close(): void {
    this.socket.terminate();
  }
}

/** The status an upgrade is refused with (or 101 when accepted). */
export function upgradeStatus(url: string, protocols?: string[]): Promise<number> {
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

/** The code a socket is closed with after it opened (for caps enforced after sign-in). */
export function closeCode(url: string, protocols?: string[]): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
  });
}

export const wsUrl = (baseUrl: string, path: string, token?: string) => `${baseUrl.replace(/^http/, 'ws')}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/** Signs a customer in to the portal through the emailed link (read from the outbox) and returns the portal token. */
export async function portalSignIn(options: { baseUrl: string; orm: MikroORM; tenantId: string; slug: string; email: string }): Promise<string> {
  const anonymous = apiClient(options.baseUrl);
  await anonymous.post('/api/portal/login', { slug: options.slug, email: options.email });
  const em = options.orm.em.fork();
  em.setFilterParams('tenant', { tenantId: options.tenantId });
  const [message] = await em.find(Message, { to: options.email }, { orderBy: { createdAt: 'desc' }, limit: 1 });
  const token = /token=([A-Za-z0-9_-]+)/.exec(message?.body ?? '')?.[1];
  if (!token) throw new Error(`no sign-in link was sent to ${options.email}`);
  const session = await anonymous.post('/api/portal/session', { token });
  if (session.status !== 201) throw new Error(`portal session answered ${session.status}`);
  return session.body.token as string;
}

export interface LiveReplicas {
  apis: ApiServer[];
  orms: MikroORM[];
  close(): Promise<void>;
}

/**
 * Api replicas sharing one fresh database and JWT secret (the one under DATA_DIR), as a
 * deployment would, each with its own live settings.
 */
export async function startLiveReplicas(settings: LiveServerOptions[]): Promise<LiveReplicas> {
  const database = await createTestDatabase();
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-live-'));
  const config = testConfig({ databaseUrl: database.url, env: { HOST: '127.0.0.1', DATA_DIR: dataDir } });
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'live-test', pretty: false });
  const temporal = await connectTemporalClient(config.TEMPORAL_ADDRESS as string, config);
  const orms: MikroORM[] = [];
  const apis: ApiServer[] = [];
  for (const live of settings) {
    const orm = await createOrm(database.url, { pool: { min: 0, max: 10 } });
    orms.push(orm);
    apis.push(await startApiServer({ config: { ...config, PORT: 0 }, orm, temporal, logger, uiDir: false, live }));
  }
  return {
    apis,
    orms,
    async close() {
      for (const api of apis) await api.close();
      await temporal.connection.close();
      for (const orm of orms) await orm.close(true);
      await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
