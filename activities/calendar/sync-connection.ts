import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { CalendarConnection, ExternalBusy } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import type { CalendarEnv } from './calendar-env';
import { CalendarProviderError } from './errors';
import { openConnection, recordConnectionError } from './open-connection';
import type { SyncChange } from './types';

export interface SyncConnectionInput {
  tenantId: string;
  connectionId: string;
}

export interface SyncConnectionResult {
  /** `gone`: disconnected; `needs_reconnect`: the grant was revoked; `not_synced`: a business calendar (no staff to block). */
  status: 'synced' | 'gone' | 'needs_reconnect' | 'not_synced';
  fullResync?: boolean;
  upserts?: number;
  deletes?: number;
}

/** Busy time further ahead than this never blocks a slot (bookings reach at most this far). */
export const SYNC_WINDOW_DAYS = 370;
const DAY = 86_400_000;

/** Event ids of our own bookings in this calendar: they must not block their own slots. */
async function ownEventIds(em: EntityManager, tenantId: string, connectionId: string): Promise<Set<string>> {
  const rows = await em.getConnection().execute<{ event_id: string }[]>(
    'select calendar_event_ids ->> ? as event_id from appointments where tenant_id = ? and jsonb_exists(calendar_event_ids, ?)',
    [connectionId, tenantId, connectionId],
  );
  return new Set(rows.map((r: { event_id: string }) => r.event_id));
}

async function apply(em: EntityManager, connection: CalendarConnection, changes: SyncChange[], fullResync: boolean): Promise<{ upserts: number; deletes: number }> {
  const staffId = connection.staffId as string;
  const source = connection.provider;
  const own = await ownEventIds(em, connection.tenantId, connection.id);
  const mine = (c: SyncChange) => own.has(c.externalId) || (c.type === 'upsert' && c.ownAppointmentId !== undefined);
  let upserts = 0;
  let deletes = 0;
  await em.transactional(async (tx) => {
    if (fullResync) deletes += await tx.nativeDelete(ExternalBusy, { staffId, source });
    // The last change of an event wins (a page may hold an edit and then its deletion).
    const latest = new Map<string, SyncChange>();
    for (const change of changes) latest.set(change.externalId, change);
    for (const change of latest.values()) {
      if (change.type === 'delete' || mine(change)) {
        if (!fullResync) deletes += await tx.nativeDelete(ExternalBusy, { staffId, source, externalId: change.externalId });
        continue;
      }
      if (change.endsAt <= change.startsAt) continue;
      await tx.upsert(
        ExternalBusy,
        {
          id: randomUUID(),
          tenantId: connection.tenantId,
          staffId,
          source,
          externalId: change.externalId,
          startsAt: change.startsAt,
          endsAt: change.endsAt,
          summary: change.summary?.slice(0, 300) ?? null,
        },
        { onConflictFields: ['tenantId', 'staffId', 'source', 'externalId'], onConflictAction: 'merge', onConflictMergeFields: ['startsAt', 'endsAt', 'summary'] },
      );
      upserts += 1;
    }
  });
  return { upserts, deletes };
}

/**
 * One round of the busy cache of a staff member's connected calendar: incremental from the stored
 * cursor (Google syncToken, Graph deltaLink), or a full list of the window when there is none or
 * the provider answers 410, after which the connection's rows are replaced. Cursor and rows are
 * written together, so a crash repeats the round rather than skipping changes.
 */
export function createSyncConnection(deps: { orm: MikroORM; logger: Logger; env: CalendarEnv; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  return async function syncCalendarConnection(input: SyncConnectionInput): Promise<SyncConnectionResult> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const connection = await em.findOne(CalendarConnection, { id: input.connectionId }, { populate: ['syncCursor', 'tokens'] });
    if (!connection) return { status: 'gone' };
    if (connection.status === 'needs_reconnect') return { status: 'needs_reconnect' };
    if (!connection.staffId) return { status: 'not_synced' };
    const log = deps.logger.child({ tenantId: input.tenantId, connectionId: connection.id, provider: connection.provider, activity: 'syncCalendarConnection' });
    const now = clock();
    try {
      const provider = await openConnection(deps.env, em, connection);
      const result = await provider.sync(connection.syncCursor ?? undefined, { from: new Date(now.getTime() - DAY), to: new Date(now.getTime() + SYNC_WINDOW_DAYS * DAY) });
      const counts = await apply(em, connection, result.changes, result.fullResync);
      await em.nativeUpdate(CalendarConnection, { id: connection.id }, { syncCursor: result.cursor, lastSyncedAt: clock(), lastError: null, lastErrorAt: null });
      log.info({ fullResync: result.fullResync, ...counts }, 'calendar synced');
      return { status: 'synced', fullResync: result.fullResync, ...counts };
    } catch (err) {
      await recordConnectionError(em, connection.id, err);
      log.warn({ kind: (err as CalendarProviderError).kind, error: (err as Error).message }, 'calendar sync failed');
      if (err instanceof CalendarProviderError && err.kind === 'auth_revoked') return { status: 'needs_reconnect' };
      if (err instanceof CalendarProviderError && !err.retryable) throw ApplicationFailure.nonRetryable(err.message, 'CalendarSyncRejected');
      throw ApplicationFailure.retryable(err instanceof CalendarProviderError ? err.message : 'calendar sync failed', 'CalendarSyncRetry');
    }
  };
}
