import { Connection } from '@temporalio/client';
import type * as TestingModule from '@temporalio/testing';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { assertPortFree, sleep, waitForTcp } from './ports';
import { spawnManaged, stopLeftoverProcess } from './processes';
import { locateTemporalCli, toEphemeralExecutable } from './temporal-cli';

export interface TemporalHandle {
  /** host:port of the frontend gRPC service. */
  address: string;
  namespace: string;
  /** Web UI, when a local server with a UI runs. */
  uiUrl?: string;
  stop(): Promise<void>;
}

export interface StartDevServerOptions {
  cliPath: string;
  port: number;
  /** Web UI port; omitted (or null) runs the server headless. */
  uiPort?: number | null;
  /** SQLite file that keeps state between runs; omitted keeps everything in memory. */
  dbFile?: string;
  namespace: string;
  logger: Logger;
  readyTimeoutMs?: number;
  extraArgs?: string[];
}

const HOST = '127.0.0.1';

export async function startTemporalDevServer(options: StartDevServerOptions): Promise<TemporalHandle> {
  const { cliPath, port, uiPort, dbFile, namespace, logger } = options;
  const started = Date.now();
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port), '--log-level', 'warn'];
  if (namespace !== 'default') args.push('--namespace', namespace);
  if (uiPort) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (dbFile) {
    await fs.mkdir(path.dirname(path.resolve(dbFile)), { recursive: true });
    args.push('--db-filename', path.resolve(dbFile));
  }
  args.push(...(options.extraArgs ?? []));

  logger.info({ port, uiPort: uiPort ?? undefined, dbFile: dbFile ?? '(in memory)' }, 'Temporal: starting the dev server');
  const proc = spawnManaged({ name: 'temporal', command: cliPath, args, logger });
  // A persistent server records its pid so that a run killed before it could stop it is cleaned up.
  const pidFile = dbFile ? devServerPidFile(dbFile) : undefined;
  if (pidFile && proc.child.pid) await fs.writeFile(pidFile, String(proc.child.pid));
  const address = `${HOST}:${port}`;
  try {
    await waitUntilServing(address, namespace, options.readyTimeoutMs ?? 60_000, () => proc.exitReason());
  } catch (err) {
    await proc.stop({ graceMs: 3_000 });
    throw new Error(`Temporal dev server did not start: ${(err as Error).message}\n${proc.recentOutput()}`);
  }
  const uiUrl = uiPort ? `http://localhost:${uiPort}` : undefined;
  logger.info({ address, uiUrl, ms: Date.now() - started }, 'Temporal: ready');

  let stopping: Promise<void> | undefined;
  return {
    address,
    namespace,
    uiUrl,
    stop: () =>
      (stopping ??= (async () => {
        await proc.stop({ signal: 'SIGTERM', graceMs: 10_000 });
        if (pidFile) await fs.rm(pidFile, { force: true });
        logger.info('Temporal: stopped');
      })()),
  };
}

/** Polls until the frontend accepts connections and knows `namespace`. */
export async function waitUntilServing(
  address: string,
  namespace: string,
  timeoutMs: number,
  exited: () => string | undefined = () => undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const [host, port] = splitAddress(address);
  await waitForTcp(host, port, timeoutMs, exited);
  let lastError = '';
  while (Date.now() < deadline) {
    const reason = exited();
    if (reason) throw new Error(reason);
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 });
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await sleep(200);
  }
  throw new Error(`namespace ${namespace} not served at ${address} within ${timeoutMs} ms (${lastError})`);
}

function devServerPidFile(dbFile: string): string {
  return `${path.resolve(dbFile)}.pid`;
}

/** Stops a dev server on `dbFile` that an earlier, killed run left behind. */
export async function stopLeftoverDevServer(dbFile: string, logger: Logger): Promise<void> {
  const pid = Number(await fs.readFile(devServerPidFile(dbFile), 'utf8').catch(() => ''));
  await stopLeftoverProcess({ pid, mustContain: ['start-dev', path.resolve(dbFile)], signal: 'SIGTERM', logger, what: 'a Temporal dev server' });
}

function splitAddress(address: string): [string, number] {
  const at = address.lastIndexOf(':');
  return [address.slice(0, at), Number(address.slice(at + 1))];
}

/**
 * TEMPORAL_ADDRESS when set (nothing to stop); else a local dev server keeping its state in
 * `<DATA_DIR>/temporal.sqlite`, with the CLI resolved as DESIGN.md orders it.
 */
export async function resolveTemporal(
  config: Pick<
    AppConfig,
    'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_PORT' | 'TEMPORAL_UI_PORT' | 'TEMPORAL_CLI_PATH' | 'DATA_DIR' | 'CACHE_DIR'
  >,
  logger: Logger,
): Promise<TemporalHandle & { local: boolean }> {
  const namespace = config.TEMPORAL_NAMESPACE;
  if (config.TEMPORAL_ADDRESS) {
    logger.info({ address: config.TEMPORAL_ADDRESS, namespace }, 'Temporal: using TEMPORAL_ADDRESS');
    return { address: config.TEMPORAL_ADDRESS, namespace, local: false, stop: async () => undefined };
  }
  const dbFile = path.join(config.DATA_DIR, 'temporal.sqlite');
  await stopLeftoverDevServer(dbFile, logger);
  await assertPortFree(config.TEMPORAL_PORT, 'Temporal', 'TEMPORAL_PORT');
  await assertPortFree(config.TEMPORAL_UI_PORT, 'Temporal UI', 'TEMPORAL_UI_PORT');
  const handle = await startLocalTemporal({
    cacheDir: config.CACHE_DIR,
    env: { ...process.env, TEMPORAL_CLI_PATH: config.TEMPORAL_CLI_PATH ?? '' },
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    dbFile,
    namespace,
    logger,
  });
  return { ...handle, local: true };
}

/**
 * A dev server from the resolved CLI; when no CLI could be found or installed, the SDK's own
 * download (which needs access to temporal.download) runs it instead.
 */
export async function startLocalTemporal(
  options: Omit<StartDevServerOptions, 'cliPath'> & { cacheDir: string; env?: NodeJS.ProcessEnv },
): Promise<TemporalHandle> {
  const { cacheDir, env, logger, ...server } = options;
  const found = await locateTemporalCli({ cacheDir, logger, env });
  if (found.kind === 'path') return startTemporalDevServer({ ...server, cliPath: found.path, logger });

  let testing: typeof TestingModule;
  try {
    testing = await import('@temporalio/testing');
  } catch {
    throw new Error(
      'No Temporal CLI could be found or installed, and @temporalio/testing (which can download one) is not installed. ' +
        'Install the CLI and set TEMPORAL_CLI_PATH, or set TEMPORAL_ADDRESS to a running server.',
    );
  }
  logger.info('Temporal: starting the dev server through the SDK download');
  const testEnv = await testing.TestWorkflowEnvironment.createLocal({
    server: {
      executable: toEphemeralExecutable(found, cacheDir),
      port: server.port,
      ui: Boolean(server.uiPort),
      uiPort: server.uiPort ?? undefined,
      dbFilename: server.dbFile ? path.resolve(server.dbFile) : undefined,
      namespace: server.namespace,
      extraArgs: server.extraArgs,
    },
  });
  return {
    address: testEnv.address,
    namespace: server.namespace,
    uiUrl: server.uiPort ? `http://localhost:${server.uiPort}` : undefined,
    stop: () => testEnv.teardown(),
  };
}
