import { randomUUID } from 'node:crypto';
import { type IncomingMessage, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { MikroORM } from '../../db/orm';
import type { Logger } from '../../runtime/logger';
import type { PortalTokenService } from '../auth/portal-tokens';
import type { TokenService } from '../auth/tokens';
import { publishTyping } from '../services/chat/chat-messages';
import { customerLiveEventTypes, type LiveEvent, type LiveNotification } from '../services/live/events';
import {
  activeUserIds,
  authenticatePortalUpgrade,
  authenticateUpgrade,
  type LiveIdentity,
  liveSubprotocol,
  openPortalSessionIds,
  upgradeToken,
} from './authenticate-upgrade';
import { ConnectionLimiter, defaultLiveLimits, type LiveLimits } from './connection-limits';
import { type LiveFrame, parseLiveFrame } from './live-frames';
import { createPresenceTracker } from './live-presence';
import { startPgListener } from './pg-listener';

export const livePath = '/api/live';
/** The customer portal's socket: its own token audience, only that customer's chat events. */
export const portalLivePath = '/api/portal/live';

/** Close codes a client can act on (4000–4999 are the application's). */
export const liveCloseCodes = {
  tokenExpired: 4001,
  accountDisabled: 4003,
  /** Over the per-user or per-tenant socket cap: back off, do not hammer. */
  tooManyConnections: 4029,
  messageRate: 1008,
} as const;

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

type LiveClient = LiveIdentity & {
  connectionId: string;
  ip: string;
  alive: boolean;
  messages: number[];
  expiry?: NodeJS.Timeout;
};

const slowConsumerBytes = 1024 * 1024;
const subjectOf = (identity: LiveIdentity) => (identity.kind === 'staff' ? identity.userId : `customer:${identity.customerId}`);

/** Whether a socket may see an event: staff see their tenant's, a customer only chat about themselves. */
function visibleTo(client: LiveClient, notification: LiveNotification): boolean {
  if (client.kind === 'staff') return true;
  return customerLiveEventTypes.includes(notification.type) && notification.data.customerId === client.customerId;
}

/**
 * /api/live (staff) and /api/portal/live (customers): tenant-scoped WebSockets on the api's own
 * http.Server. Events arrive from PostgreSQL NOTIFY (any replica or the worker may have caused
 * them) and go to this replica's sockets of the event's tenant that may see them.
 */
export async function startLiveServer(options: {
  server: Server;
  orm: MikroORM;
  tokens: TokenService;
  /** Without it the portal socket is not offered. */
  portalTokens?: PortalTokenService;
  logger: Logger;
} & LiveServerOptions): Promise<LiveServer> {
  const { server, orm, tokens, portalTokens } = options;
  const logger = options.logger.child({ component: 'live' });
  const limits = { ...defaultLiveLimits, ...options.limits };
  const limiter = new ConnectionLimiter(limits);
  const presence = createPresenceTracker({ orm, logger });
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
    for (const [socket, client] of clients) {
      if (socket.readyState !== WebSocket.OPEN || !visibleTo(client, notification)) continue;
      if (socket.bufferedAmount > slowConsumerBytes) {
        socket.terminate();
        continue;
      }
      socket.send(text);
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const portal = path === portalLivePath && portalTokens;
    if (path !== livePath && !portal) return refuse(socket, 404, 'No WebSocket here');
    const ip = req.socket.remoteAddress ?? 'unknown';
    if (!limiter.admitAddress(ip)) return refuse(socket, 429, 'Too many live connections from this address');
    const token = upgradeToken(req);
    if (!token) return refuse(socket, 401, 'Sign in first: pass the token as ?token= or a Sec-WebSocket-Protocol entry');
    const identify: Promise<LiveIdentity> = portal ? authenticatePortalUpgrade({ orm, portalTokens: portal }, token) : authenticateUpgrade({ orm, tokens }, token);
    identify.then(
      (identity) => {
        if (socket.destroyed) return;
        wss.handleUpgrade(req, socket, head, (ws) => {
          // Over a cap after sign-in: a close code the browser can read, unlike a refused handshake.
          if (!limiter.admitSubject(subjectOf(identity))) return ws.close(liveCloseCodes.tooManyConnections, 'too many live connections for this user');
          if (!limiter.admitTenant(identity.tenantId)) return ws.close(liveCloseCodes.tooManyConnections, 'too many live connections for this account');
          accept(ws, { ...identity, connectionId: randomUUID(), ip, alive: true, messages: [] });
        });
      },
      () => refuse(socket, 401, 'The token is invalid or expired'),
    );
  }

  const presenceOf = (client: LiveClient & { kind: 'staff' }) => ({ id: client.connectionId, tenantId: client.tenantId, userId: client.userId });

  function accept(ws: WebSocket, client: LiveClient): void {
    const subject = subjectOf(client);
    limiter.opened(client.ip, client.tenantId, subject);
    let clients = byTenant.get(client.tenantId);
    if (!clients) byTenant.set(client.tenantId, (clients = new Map()));
    clients.set(ws, client);
    const untilExpiry = client.expiresAt - Date.now();
    if (Number.isFinite(untilExpiry)) client.expiry = setTimeout(() => ws.close(liveCloseCodes.tokenExpired, 'token expired'), Math.min(Math.max(untilExpiry, 0), 2 ** 31 - 1));
    if (client.kind === 'staff') void presence.opened(presenceOf(client));

    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data) => {
      const now = Date.now();
      client.messages = client.messages.filter((at) => now - at < limits.messageWindowMs);
      client.messages.push(now);
      if (client.messages.length > limits.maxMessages) return ws.close(liveCloseCodes.messageRate, 'message rate exceeded');
      const parsed = parseLiveFrame(data.toString());
      if (!parsed.ok) return reply(ws, 'error', { field: parsed.field, message: parsed.message });
      void handleFrame(ws, client, parsed.frame).catch((error: unknown) => {
        logger.warn({ err: error, tenantId: client.tenantId }, 'live frame failed');
        reply(ws, 'error', { field: '', message: 'That could not be done; try again' });
      });
    });
    ws.on('error', (error) => logger.debug({ err: error }, 'live socket error'));
    ws.on('close', () => {
      if (client.expiry) clearTimeout(client.expiry);
      limiter.closed(client.ip, client.tenantId, subject);
      clients.delete(ws);
      if (!clients.size) byTenant.delete(client.tenantId);
      if (client.kind === 'staff') void presence.closed(presenceOf(client));
    });
    reply(ws, 'live.ready', client.kind === 'staff' ? { connectionId: client.connectionId } : {});
  }

  async function handleFrame(ws: WebSocket, client: LiveClient, frame: LiveFrame): Promise<void> {
    const scope = { em: orm.em.fork(), tenantId: client.tenantId };
    switch (frame.type) {
      case 'ping':
        return reply(ws, 'pong', {});
      case 'presence':
        if (client.kind !== 'staff') return reply(ws, 'error', { field: 'type', message: 'Presence is for staff sockets' });
        await presence.state(presenceOf(client), frame.state);
        return;
      case 'typing':
        if (client.kind === 'customer') return publishTyping(scope, { customerId: client.customerId, by: 'customer' });
        if (!frame.customerId) return reply(ws, 'error', { field: 'customerId', message: 'Name the customer whose conversation you are typing in' });
        return publishTyping(scope, { customerId: frame.customerId, by: 'staff', userId: client.userId, userName: client.userName });
    }
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
    // A disabled account or a signed-out portal session loses its sockets within one heartbeat.
    try {
      const staff = all.filter(([, c]) => c.kind === 'staff') as Array<[WebSocket, LiveClient & { kind: 'staff' }]>;
      const customers = all.filter(([, c]) => c.kind === 'customer') as Array<[WebSocket, LiveClient & { kind: 'customer' }]>;
      const [active, open] = await Promise.all([
        activeUserIds(orm, [...new Set(staff.map(([, c]) => c.userId))]),
        openPortalSessionIds(orm, [...new Set(customers.map(([, c]) => c.sessionId))]),
      ]);
      for (const [ws, client] of staff) if (!active.has(client.userId)) ws.close(liveCloseCodes.accountDisabled, 'account disabled');
      for (const [ws, client] of customers) if (!open.has(client.sessionId)) ws.close(liveCloseCodes.tokenExpired, 'portal session ended');
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
      await presence.close();
      await listener.close();
    },
  };
}

function reply(ws: WebSocket, type: string, data: Record<string, unknown>): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ type, at: new Date().toISOString(), data }));
}

function refuse(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  const body = JSON.stringify({ error: { code: status === 401 ? 'UNAUTHENTICATED' : status === 429 ? 'RATE_LIMITED' : 'NOT_FOUND', message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
