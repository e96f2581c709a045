import type { EntityManager } from '@mikro-orm/core';
import type { Client } from '@temporalio/client';
import type { CalendarEnv } from '../../../activities/calendar/calendar-env';
import { openTokens } from '../../../activities/calendar/oauth';
import { stopWatching } from '../../../activities/calendar/watch-connection';
import { CalendarConnection, ExternalBusy } from '../../../db/entities';
import type { Logger } from '../../../runtime/logger';
import type { RequestContext } from '../../context';
import { AppError } from '../../errors';
import { createInTenant } from '../tenant-scope';
import { AuditLog } from '../../../db/entities';
import { stopCalendarSync } from './sync-signal';

/** RFC 7009 revocation at Google (the refresh token revokes the whole grant). Microsoft has no per-token revocation. */
async function revokeGrant(env: CalendarEnv, connection: CalendarConnection, sealed: string): Promise<boolean> {
  const revokeUrl = env.clients[connection.provider]?.revokeUrl;
  if (!revokeUrl || !env.cipher) return false;
  const tokens = openTokens(env.cipher, sealed, connection.id);
  const res = await env.fetch(revokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: tokens.refreshToken ?? tokens.accessToken }).toString(),
    signal: AbortSignal.timeout(15_000),
  });
  // 400 invalid_token: already revoked by the user.
  return res.ok || res.status === 400;
}

/**
 * Takes a connection down: stops its push notifications, revokes the grant at the provider (best
 * effort: the row goes whatever the provider says, with what failed logged), removes the busy
 * time it brought, deletes the row and ends its sync workflow. Events already pushed stay in the
 * calendar (they are the person's own now).
 */
export async function removeCalendarConnection(options: { em: EntityManager; env: CalendarEnv; temporal: Client; logger: Logger; connection: CalendarConnection }): Promise<{ revoked: boolean }> {
  const { em, env, connection } = options;
  const log = options.logger.child({ tenantId: connection.tenantId, connectionId: connection.id, provider: connection.provider });
  const sealed = (await em.findOneOrFail(CalendarConnection, { id: connection.id }, { fields: ['tokens'], disableIdentityMap: true })).tokens;
  await stopWatching(env, em, connection).catch((err: unknown) => log.warn({ error: (err as Error).message }, 'could not stop calendar notifications'));
  const revoked = await revokeGrant(env, connection, sealed).catch((err: unknown) => {
    log.warn({ error: (err as Error).message }, 'could not revoke the calendar grant');
    return false;
  });
  if (connection.staffId) await em.nativeDelete(ExternalBusy, { staffId: connection.staffId, source: connection.provider });
  await em.nativeDelete(CalendarConnection, { id: connection.id });
  await stopCalendarSync({ temporal: options.temporal, logger: log, tenantId: connection.tenantId, connectionId: connection.id });
  log.info({ revoked }, 'calendar disconnected');
  return { revoked };
}

/** DELETE /api/integrations/calendar/:id — owners/admins any, staff their own. */
export async function disconnectCalendar(options: { ctx: RequestContext; env: CalendarEnv; temporal: Client; id: string }): Promise<{ revoked: boolean }> {
  const { ctx } = options;
  const connection = await ctx.em.findOne(CalendarConnection, { id: options.id });
  if (!connection) throw new AppError('NOT_FOUND', `Calendar connection ${options.id} was not found`);
  const manager = ctx.user.role === 'owner' || ctx.user.role === 'admin';
  if (!manager && (!connection.staffId || connection.staffId !== ctx.user.staffId)) throw new AppError('FORBIDDEN', 'Staff members disconnect only their own calendar');
  const result = await removeCalendarConnection({ em: ctx.em, env: options.env, temporal: options.temporal, logger: ctx.logger, connection });
  createInTenant(ctx, AuditLog, { userId: ctx.user.id, action: 'calendar.disconnected', entityType: 'calendar_connection', entityId: connection.id, changes: { provider: connection.provider, staffId: connection.staffId ?? null, revoked: result.revoked }, requestId: ctx.requestId });
  await ctx.em.flush();
  return result;
}
