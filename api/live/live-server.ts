import { type IncomingMessage, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { MikroORM } from '../../db/orm';
import type { Logger } from '../../runtime/logger';
import type { TokenService } from '../auth/tokens';
import type { LiveEvent, LiveNotification } from '../services/live/events';
import { activeUserIds, authenticateUpgrade, type LiveIdentity, liveSubprotocol, upgradeToken } from './authenticate-upgrade';
import { ConnectionLimiter, defaultLiveLimits, type LiveLimits } from './connection-limits';
import { startPgListener } from './pg-listener';

export const livePath = '/api/live';

export interface LiveServerOptions {
  limits?: Partial<LiveLimits>;
  /** Ping interval; a client that has not answered the previous ping is dropped. */
  heartbeatMs?: number;
  /** The database to LISTEN on; defaults to the ORM's. */
  databaseUrl?: string;
}

export interface LiveServer {
  /** Open sockets on this replica (for tests and metrics). */
  connectionCount(): number;
  close(): Promise<void>;
}

interface LiveClient extends LiveIdentity {
  ip: string;
  alive: boolean;
  messages: number[];
  expiry?: NodeJS.Timeout;
}

const slowConsumerBytes = 1024 * 1024;

/**
 * /api/live: a tenant-scoped WebSocket on the api's own http.Server. Events arrive from
 * PostgreSQL NOTIFY (any replica or the worker may have caused them) and go to this
 * replica's sockets of the event's tenant only.
 */
export async function startLiveServer(options: {
  server: Server;
  orm: MikroORM;
  tokens: TokenService;
  logger: Logger;
} & LiveServerOptions): Promise<LiveServer> {
  const { server, orm, tokens } = options;
  const logger = options.logger.child({ component: 'live' });
  const limits = { ...defaultLiveLimits, ...options.limits };
  const limiter = new ConnectionLimiter(limits);
  const byTenant = new Map<string, Map<WebSocket, LiveClient>>();
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4 * 1024,
    clientTracking: true,
    handleProtocols: (protocols) => (protocols.has(liveSubprotocol) ? liveSubprotocol : false),
  });

  const databaseUrl = options.databaseUrl ?? orm.config.get('clientUrl');
  if (!databaseUrl) throw new Error('The live server needs a database URL to LISTEN on');
  const listener = await startPgListener({ databaseUrl, logger, onNotification: deliver });

  function deliver(notification: LiveNotification): void {
    const clients = byTenant.get(notification.tenantId);
    if (!clients?.size) return;
    const event: LiveEvent = { type: notification.type, at: new Date().toISOString(), data: notification.data };
    const text = JSON.stringify(event);
    for (const socket of clients.keys()) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (socket.bufferedAmount > slowConsumerBytes) {
        socket.terminate();
        continue;
      }
      socket.send(text);
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== livePath) return refuse(socket, 404, 'No WebSocket here');
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (!limiter.admitAddress(ip)) return refuse(socket, 429, 'Too many live connections from this address');
    const token = upgradeToken(req);
    if (!token) return refuse(socket, 401, 'Sign in first: pass the token as ?token= or a Sec-WebSocket-Protocol entry');
    authenticateUpgrade({ orm, tokens }, token).then(
      (identity) => {
        if (socket.destroyed) return;
        if (!limiter.admitTenant(identity.tenantId)) return refuse(socket, 429, 'Too many live connections for this account');
        wss.handleUpgrade(req, socket, head, (ws) => accept(ws, { ...identity, ip, alive: true, messages: [] }));
      },
      () => refuse(socket, 401, 'The token is invalid or expired'),
    );
  }

  function accept(ws: WebSocket, client: LiveClient): void {
    limiter.opened(client.ip, client.tenantId);
    let clients = byTenant.get(client.tenantId);
    if (!clients) byTenant.set(client.tenantId, (clients = new Map()));
    clients.set(ws, client);
    const untilExpiry = client.expiresAt - Date.now();
    if (Number.isFinite(untilExpiry)) client.expiry = setTimeout(() => ws.close(4001, 'token expired'), Math.min(Math.max(untilExpiry, 0), 2 ** 31 - 1));

    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data) => {
      const now = Date.now();
      client.messages = client.messages.filter((at) => now - at < limits.messageWindowMs);
      client.messages.push(now);
      if (client.messages.length > limits.maxMessages) return ws.close(1008, 'message rate exceeded');
      if (data.toString() === '{"type":"ping"}') ws.send(JSON.stringify({ type: 'pong', at: new Date(now).toISOString(), data: {} }));
    });
    ws.on('error', (error) => logger.debug({ err: error }, 'live socket error'));
    ws.on('close', () => {
      if (client.expiry) clearTimeout(client.expiry);
      limiter.closed(client.ip, client.tenantId);
      clients.delete(ws);
      if (!clients.size) byTenant.delete(client.tenantId);
    });
    ws.send(JSON.stringify({ type: 'live.ready', at: new Date().toISOString(), data: {} }));
  }

  const heartbeat = setInterval(() => void beat(), options.heartbeatMs ?? 30_000);
  heartbeat.unref();
  async function beat(): Promise<void> {
    const all = [...byTenant.values()].flatMap((clients) => [...clients.entries()]);
    for (const [ws, client] of all) {
      if (!client.alive) {
        ws.terminate();
        continue;
      }
      client.alive = false;
      ws.ping();
    }
    // A disabled account loses its sockets within one heartbeat.
    try {
      const active = await activeUserIds(orm, [...new Set(all.map(([, c]) => c.userId))]);
      for (const [ws, client] of all) if (!active.has(client.userId)) ws.close(4003, 'account disabled');
    } catch (error) {
      logger.warn({ err: error }, 'live heartbeat could not check accounts');
    }
  }

  server.on('upgrade', onUpgrade);
  logger.debug({ limits }, 'live server attached');

  return {
    connectionCount: () => wss.clients.size,
    async close() {
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      await new Promise((resolve) => setTimeout(resolve, wss.clients.size ? 100 : 0));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await listener.close();
    },
  };
}

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: status === 401 ? 'UNAUTHENTICATED' : status === 429 ? 'RATE_LIMITED' : 'NOT_FOUND', message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
