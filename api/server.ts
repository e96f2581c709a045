import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { MikroORM } from '../db/orm';
import type { AppConfig } from '../runtime/config';
import type { Logger } from '../runtime/logger';
import { PortInUseError } from '../runtime/ports';
import { createApp, type CreateAppOptions } from './app';

export interface ApiServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/** Starts the api (and UI) on HOST:PORT; PORT 0 picks a free port. */
export async function startApiServer(
  options: { config: AppConfig; orm: MikroORM; temporal: Client; logger: Logger } & Partial<CreateAppOptions>,
): Promise<ApiServer> {
  const app = createApp(options);
  const server = http.createServer(app);
  // Keep-alive a little longer than typical load balancers so they close first.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const { HOST: host, PORT: port } = options.config;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
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

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        // Requests in flight get a grace period, then their sockets are dropped.
        setTimeout(() => server.closeAllConnections(), 10_000).unref();
      });
      return closing;
    },
  };
}
