import fs from 'node:fs';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { closedChannelGuard } from './closed-channel-guard';
import type { AppConfig } from './config';

type TemporalSettings = Pick<AppConfig, 'TEMPORAL_NAMESPACE'> &
  Partial<Pick<AppConfig, 'TEMPORAL_TLS_CERT_PATH' | 'TEMPORAL_TLS_KEY_PATH' | 'TEMPORAL_API_KEY'>>;

/** TLS (mTLS certificates or an API key, as Temporal Cloud takes them) from the config. */
function connectionSecurity(config: TemporalSettings) {
  if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
    return {
      tls: {
        clientCertPair: {
          crt: fs.readFileSync(config.TEMPORAL_TLS_CERT_PATH),
          key: fs.readFileSync(config.TEMPORAL_TLS_KEY_PATH),
        },
      },
    };
  }
  if (config.TEMPORAL_API_KEY) return { tls: true, apiKey: config.TEMPORAL_API_KEY };
  return {};
}

/** Temporal's default retries, with the guard under them for retries that outlive a close. */
export function clientInterceptors() {
  return [makeGrpcRetryInterceptor(defaultGrpcRetryOptions()), closedChannelGuard];
}

/** The client the API and the start script use to start, signal and describe workflows. */
export async function connectTemporalClient(address: string, config: TemporalSettings): Promise<Client> {
  const connection = await Connection.connect({ address, ...connectionSecurity(config), interceptors: clientInterceptors() });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
}

/** The worker's native connection. */
export async function connectTemporalWorker(address: string, config: TemporalSettings): Promise<NativeConnection> {
  return NativeConnection.connect({ address, ...connectionSecurity(config) });
}
