import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import { Customer, PortalSession, User } from '../../db/entities';
import type { MikroORM } from '../../db/orm';
import type { PortalTokenService } from '../auth/portal-tokens';
import type { TokenService } from '../auth/tokens';

/** The subprotocol the live client offers beside its token; the server echoes it back. */
export const liveSubprotocol = 'appointflow-live';

/** A signed-in staff member's socket (/api/live): every event of the tenant. */
export interface StaffIdentity {
  kind: 'staff';
  tenantId: string;
  userId: string;
  userName: string;
  /** Epoch milliseconds at which the token expires; the socket is closed then. */
  expiresAt: number;
}

/** A signed-in customer's socket (/api/portal/live): only chat events about that customer. */
export interface CustomerIdentity {
  kind: 'customer';
  tenantId: string;
  customerId: string;
  sessionId: string;
  expiresAt: number;
}

export type LiveIdentity = StaffIdentity | CustomerIdentity;

/**
 * The bearer token of an upgrade request. Browsers cannot set headers on a WebSocket, so it
 * comes as the `token` query parameter or as a second Sec-WebSocket-Protocol entry after
 * `appointflow-live`. Cookies are not accepted: they would let another site's page open a
 * socket in the user's name.
 */
export function upgradeToken(req: IncomingMessage): string | undefined {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = url.searchParams.get('token');
  if (query) return query;
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return offered.find((p) => p !== liveSubprotocol);
}

function expiryOf(token: string): number {
  const exp = decodeJwt(token).exp;
  return typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY;
}

/** Verifies the token like the REST api does and checks the user is still active. */
export async function authenticateUpgrade(deps: { orm: MikroORM; tokens: TokenService }, token: string): Promise<StaffIdentity> {
  const claims = await deps.tokens.verify(token);
  const user = await deps.orm.em.fork().findOne(User, { id: claims.userId, tenantId: claims.tenantId, active: true }, { filters: false, fields: ['id', 'name'] });
  if (!user) throw new Error('This account no longer exists or is disabled');
  return { kind: 'staff', tenantId: claims.tenantId, userId: claims.userId, userName: user.name, expiresAt: expiryOf(token) };
}

/** A portal token (another audience than staff tokens) naming a session that is still open. */
export async function authenticatePortalUpgrade(deps: { orm: MikroORM; portalTokens: PortalTokenService }, token: string): Promise<CustomerIdentity> {
  const claims = await deps.portalTokens.verify(token);
  const em = deps.orm.em.fork();
  const [session, customer] = await Promise.all([
    em.findOne(PortalSession, { id: claims.sessionId, tenantId: claims.tenantId }, { filters: false }),
    em.findOne(Customer, { id: claims.customerId, tenantId: claims.tenantId }, { filters: false, fields: ['id'] }),
  ]);
  if (!session || !customer || session.revokedAt || session.expiresAt <= new Date() || session.customerId !== claims.customerId) {
    throw new Error('This portal session has ended');
  }
  const expiresAt = Math.min(expiryOf(token), session.expiresAt.getTime());
  return { kind: 'customer', tenantId: claims.tenantId, customerId: claims.customerId, sessionId: session.id, expiresAt };
}

/** Of the given user ids, those still active (one query per heartbeat, not per socket). */
export async function activeUserIds(orm: MikroORM, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const users = await orm.em.fork().find(User, { id: { $in: userIds }, active: true }, { filters: false, fields: ['id'] });
  return new Set(users.map((u) => u.id));
}

/** Of the given portal sessions, those still open (signing out revokes a session). */
export async function openPortalSessionIds(orm: MikroORM, sessionIds: string[]): Promise<Set<string>> {
  if (!sessionIds.length) return new Set();
  const sessions = await orm.em.fork().find(PortalSession, { id: { $in: sessionIds }, revokedAt: null, expiresAt: { $gt: new Date() } }, { filters: false, fields: ['id'] });
  return new Set(sessions.map((s) => s.id));
}
