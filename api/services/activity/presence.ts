import type { EntityManager } from '@mikro-orm/postgresql';
import { type PresenceState, User } from '../../../db/entities';
import { publishLiveEvent } from '../live/events';

/** A connection row not refreshed for this long belongs to a replica that is gone. */
export const presenceStaleMs = 90_000;
/** How often a replica refreshes the rows of its open sockets. */
export const presenceRefreshMs = 30_000;

export type UserPresence = PresenceState | 'offline';

export interface PresenceConnection {
  id: string;
  tenantId: string;
  userId: string;
}

const aggregateSql = `select case when bool_or(state = 'online') then 'online' when count(*) > 0 then 'away' else 'offline' end as presence
  from staff_presence where tenant_id = ? and user_id = ? and seen_at > now() - make_interval(secs => ?)`;

/**
 * Applies one change to a user's connection rows and, when the user's overall presence moved
 * (online, away, offline), tells every replica's admin sockets of that tenant. The row lock on
 * the user serialises two sockets of the same person changing at once.
 */
async function changePresence(em: EntityManager, connection: PresenceConnection, change: (tx: EntityManager) => Promise<unknown>): Promise<UserPresence> {
  return em.transactional(async (tx) => {
    const conn = tx;
    await conn.execute('select 1 from users where id = ? and tenant_id = ? for update', [connection.userId, connection.tenantId]);
    const params = [connection.tenantId, connection.userId, presenceStaleMs / 1000];
    const [before] = await conn.execute<Array<{ presence: UserPresence }>>(aggregateSql, params);
    await change(tx);
    const [after] = await conn.execute<Array<{ presence: UserPresence }>>(aggregateSql, params);
    const presence = after?.presence ?? 'offline';
    if (before?.presence !== presence) {
      await publishLiveEvent(tx, { tenantId: connection.tenantId, type: 'presence.changed', data: { userId: connection.userId, presence } });
    }
    return presence;
  });
}

export function connectionOpened(em: EntityManager, connection: PresenceConnection): Promise<UserPresence> {
  return changePresence(em, connection, (tx) =>
    tx.execute(`insert into staff_presence (id, tenant_id, user_id, state, seen_at) values (?, ?, ?, 'online', now())`, [connection.id, connection.tenantId, connection.userId]),
  );
}

/** The idle signal: the UI says `away` after a few idle minutes or a hidden tab, `online` on activity. */
export function connectionState(em: EntityManager, connection: PresenceConnection, state: PresenceState): Promise<UserPresence> {
  return changePresence(em, connection, (tx) =>
    tx.execute(`update staff_presence set state = ?, seen_at = now(), updated_at = now() where id = ? and tenant_id = ?`, [state, connection.id, connection.tenantId]),
  );
}

export function connectionClosed(em: EntityManager, connection: PresenceConnection): Promise<UserPresence> {
  return changePresence(em, connection, (tx) => tx.execute(`delete from staff_presence where id = ? and tenant_id = ?`, [connection.id, connection.tenantId]));
}

/** Heartbeat of one replica: its sockets are still there; rows nobody refreshed are dropped. */
export async function refreshConnections(em: EntityManager, ids: string[]): Promise<void> {
  const conn = em;
  if (ids.length) await conn.execute(`update staff_presence set seen_at = now() where id in (?)`, [ids]);
  await conn.execute(`delete from staff_presence where seen_at < now() - make_interval(secs => ?)`, [(presenceStaleMs * 2) / 1000]);
}

export interface PresenceRow {
  userId: string;
  name: string;
  email: string;
  role: string;
  presence: UserPresence;
  connections: number;
  /** The last sign of life: a live socket's refresh, else the last sign-in. */
  lastSeenAt: string | null;
}

/** Everyone who signs in to the business, with their presence; online first, then away, then offline. */
export async function listPresence(scope: { em: EntityManager; tenantId: string }): Promise<{ items: PresenceRow[]; total: number }> {
  const [users, rows] = await Promise.all([
    scope.em.find(User, { active: true }, { fields: ['id', 'name', 'email', 'role', 'lastLoginAt'], orderBy: { name: 'asc' } }),
    scope.em.execute<Array<{ user_id: string; online: boolean; connections: string; seen_at: Date }>>(
      `select user_id, bool_or(state = 'online') as online, count(*) as connections, max(seen_at) as seen_at from staff_presence
        where tenant_id = ? and seen_at > now() - make_interval(secs => ?) group by user_id`,
      [scope.tenantId, presenceStaleMs / 1000],
    ),
  ]);
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  const rank: Record<UserPresence, number> = { online: 0, away: 1, offline: 2 };
  const items = users.map((u): PresenceRow => {
    const live = byUser.get(u.id);
    const lastSeen = live?.seen_at ?? u.lastLoginAt;
    return {
      userId: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      presence: live ? (live.online ? 'online' : 'away') : 'offline',
      connections: live ? Number(live.connections) : 0,
      lastSeenAt: lastSeen ? new Date(lastSeen).toISOString() : null,
    };
  });
  items.sort((a, b) => rank[a.presence] - rank[b.presence]);
  return { items, total: items.length };
}
