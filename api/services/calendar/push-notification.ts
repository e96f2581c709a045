import { timingSafeEqual } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { hashWatchSecret } from '../../../activities/calendar/watch-connection';
import { CalendarConnection } from '../../../db/entities';
import type { MikroORM } from '../../../db/orm';
import type { Logger } from '../../../runtime/logger';
import { signalCalendarSync } from './sync-signal';

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A push notification from Google (channel id + token) or Graph (subscription id + clientState):
 * when the secret matches the hash stored with that channel, the connection's sync workflow is
 * woken. Anything else is ignored without saying why (the sender learns nothing).
 */
export async function handleCalendarNotification(options: {
  orm: MikroORM;
  temporal: Client;
  taskQueue: string;
  logger: Logger;
  watchId: string;
  secret: string;
}): Promise<boolean> {
  if (!options.watchId || !options.secret) return false;
  const em = options.orm.em.fork();
  const connection = await em.findOne(CalendarConnection, { watchId: options.watchId }, { filters: false });
  if (!connection?.watchSecretHash || !sameHash(connection.watchSecretHash, hashWatchSecret(options.secret))) {
    options.logger.warn({ watchId: options.watchId.slice(0, 60) }, 'calendar notification for an unknown channel or with a wrong secret ignored');
    return false;
  }
  await signalCalendarSync({ temporal: options.temporal, taskQueue: options.taskQueue, logger: options.logger, input: { tenantId: connection.tenantId, connectionId: connection.id } });
  options.logger.info({ tenantId: connection.tenantId, connectionId: connection.id }, 'calendar change notified');
  return true;
}
