import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { MikroORM } from '../db/orm';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { PortInUseError } from '../runtime/ports';
import { createApp, type CreateAppOptions } from './app';
import { createTokenService, resolveJwtSecret } from './auth/tokens';
import { createPortalTokenService } from './auth/portal-tokens';
import { type LiveServer, type LiveServerOptions, startLiveServer } from './live/live-server';
import { type SignalRelay, type SignalRelayOptions, startSignalRelay } from './services/workflow-outbox/signal-relay';

export interface ApiServer {
  url: string;
  server: http.Server;
  /** The /api/live WebSocket, unless started with `live: false`. */
  live?: LiveServer;
  /** The workflow-signal outbox relay, unless started with `signalRelay: false`. */
  signalRelay?: SignalRelay;
  close(): Promise<void>;
}

/** Starts the api (and UI) on HOST:PORT; PORT 0 picks a free port. */
export async function startApiServer(
  options: { config: AppConfig; orm: MikroORM; temporal: Client; logger: Logger; /** /api/live settings; `false` attaches no WebSocket. */ live?: LiveServerOptions | false; /** Outbox relay settings; `false` runs none. */ signalRelay?: SignalRelayOptions | false } & Partial<CreateAppOptions>,
): Promise<ApiServer> {
  // Built here so the REST api and the /api/live WebSocket verify tokens with the same key.
  const tokens = options.tokens ?? createTokenService(resolveJwtSecret(options.config), options.config.TOKEN_TTL);
  const app = createApp({ ...options, tokens });
  const server = http.createServer(app);
  const portalTokens = createPortalTokenService(resolveJwtSecret(options.config));
  const live = options.live === false ? undefined : await startLiveServer({ server, orm: options.orm, tokens, portalTokens, logger: options.logger, ...options.live });
  // Keep-alive a little longer than typical load balancers so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { HOST: host, PORT: port } = options.config;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      void live?.close();
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port, 'api', 'PORT') : error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });

  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  options.logger.info({ url }, 'api listening');
  const signalRelay = options.signalRelay === false
    ? undefined
    : startSignalRelay({ em: options.orm.em, temporal: options.temporal, taskQueue: options.config.TEMPORAL_TASK_QUEUE, logger: options.logger, ...options.signalRelay });

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    ...(live ? { live } : {}),
    ...(signalRelay ? { signalRelay } : {}),
    close() {
      closing ??= Promise.all([live?.close(), signalRelay?.stop()]).then(() => new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Requests in flight get a grace period, then their sockets are dropped.
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      }));
      return closing;
    },
  };
}
