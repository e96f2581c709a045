import { Client } from 'pg';
import type { Logger } from '../../runtime/logger';
import { liveChannel, type LiveNotification, parseLiveNotification } from '../services/live/events';

export interface PgListener {
  close(): Promise<void>;
}

/**
 * One dedicated connection per api process LISTENing on the live channel. When it drops it
 * reconnects with capped exponential backoff; events committed while it was down are missed,
 * which clients tolerate because they refetch on reconnect of their own socket anyway.
 */
export async function startPgListener(options: {
  databaseUrl: string;
  logger: Logger;
  onNotification(notification: LiveNotification): void;
}): Promise<PgListener> {
  const { databaseUrl, logger, onNotification } = options;
  let client: Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let attempt = 0;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5_000, application_name: 'appointflow-live' });
    next.on('notification', (message) => {
      if (message.channel !== liveChannel) return;
      const notification = parseLiveNotification(message.payload);
      if (notification) onNotification(notification);
      else logger.warn({ payload: message.payload?.slice(0, 200) }, 'ignored a malformed live notification');
    });
    next.on('error', (error) => {
      logger.warn({ err: error }, 'live listener connection failed');
      next.removeAllListeners('notification');
      void next.end().catch(() => undefined);
      if (client === next) client = undefined;
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${liveChannel}`);
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    attempt = 0;
  };

  const schedule = () => {
    if (closed || retry) return;
    const delay = Math.min(30_000, 500 * 2 ** attempt++);
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: unknown) => {
        logger.warn({ err: error, attempt }, 'live listener could not reconnect');
        schedule();
      });
    }, delay);
    retry.unref();
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
