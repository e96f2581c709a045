import type { MikroORM } from '../../db/orm';
import type { PresenceState } from '../../db/entities/staff-presence';
import type { Logger } from '../../runtime/logger';
import { connectionClosed, connectionOpened, connectionState, type PresenceConnection, presenceRefreshMs, refreshConnections } from '../services/activity/presence';

/**
 * Presence bookkeeping for this replica's staff sockets. Each socket's changes run one after
 * another (open, state changes, close), so a quick close never overtakes its own insert; a
 * failed write is logged and the socket keeps working.
 */
export function createPresenceTracker(options: { orm: MikroORM; logger: Logger }) {
  const { orm, logger } = options;
  const chains = new Map<string, Promise<unknown>>();

  const enqueue = (connection: PresenceConnection, what: string, run: () => Promise<unknown>) => {
    const next = (chains.get(connection.id) ?? Promise.resolve())
      .then(run)
      .catch((error: unknown) => logger.warn({ err: error, tenantId: connection.tenantId, userId: connection.userId }, `presence ${what} failed`));
    chains.set(connection.id, next);
    return next;
  };

  const timer = setInterval(() => {
    refreshConnections(orm.em.fork(), [...chains.keys()]).catch((error: unknown) => logger.warn({ err: error }, 'presence refresh failed'));
  }, presenceRefreshMs);
  timer.unref();

  return {
    opened: (connection: PresenceConnection) => enqueue(connection, 'open', () => connectionOpened(orm.em.fork(), connection)),
    state: (connection: PresenceConnection, state: PresenceState) => enqueue(connection, 'state', () => connectionState(orm.em.fork(), connection, state)),
    closed: (connection: PresenceConnection) => {
      const done = enqueue(connection, 'close', () => connectionClosed(orm.em.fork(), connection));
      void done.then(() => {
        if (chains.get(connection.id) === done) chains.delete(connection.id);
      });
      return done;
    },
    /** Waits for pending writes (shutdown). */
    async close(): Promise<void> {
      clearInterval(timer);
      await Promise.allSettled([...chains.values()]);
    },
  };
}
