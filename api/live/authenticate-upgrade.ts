import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import { User } from '../../db/entities';
import type { MikroORM } from '../../db/orm';
import type { TokenService } from '../auth/tokens';

/** The subprotocol the live client offers beside its token; the server echoes it back. */
export const liveSubprotocol = 'appointflow-live';

export interface LiveIdentity {
  tenantId: string;
  userId: string;
  /** Epoch milliseconds at which the token expires; the socket is closed then. */
  expiresAt: number;
}

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

/** Verifies the token like the REST api does and checks the user is still active. */
export async function authenticateUpgrade(deps: { orm: MikroORM; tokens: TokenService }, token: string): Promise<LiveIdentity> {
  const claims = await deps.tokens.verify(token);
  const user = await deps.orm.em.fork().findOne(User, { id: claims.userId, tenantId: claims.tenantId, active: true }, { filters: false });
  if (!user) throw new Error('This account no longer exists or is disabled');
  const exp = decodeJwt(token).exp;
  return { tenantId: claims.tenantId, userId: claims.userId, expiresAt: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY };
}

/** Of the given user ids, those still active (one query per heartbeat, not per socket). */
export async function activeUserIds(orm: MikroORM, userIds: string[]): Promise<Set<string>> {
  if (!userIds.length) return new Set();
  const users = await orm.em.fork().find(User, { id: { $in: userIds }, active: true }, { filters: false, fields: ['id'] });
  return new Set(users.map((u) => u.id));
}
