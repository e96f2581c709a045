import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import type { AppConfig } from './config';
import { loadEmbeddedPostgres } from './embedded-postgres-loader';
import type { Logger } from './logger';
import { ensureDatabase, withDatabase } from './pg-admin';
import { assertPortFree, sleep } from './ports';
import { spawnManaged, stopLeftoverProcess } from './processes';

const execFileAsync = promisify(execFile);

/** Local-only credentials: the embedded server listens on 127.0.0.1 and nowhere else. */
export const EMBEDDED_PG_USER = 'postgres';
export const EMBEDDED_PG_PASSWORD = 'appointflow';
export const APP_DATABASE = 'appointflow';

export interface DatabaseHandle {
  /** URL of the application database. */
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresHandle extends DatabaseHandle {
  /** URL of the `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  port: number;
  dataDir: string;
  pid: number;
}

export interface StartEmbeddedPostgresOptions {
  /** The cluster directory itself (`<DATA_DIR>/postgres`); initialised only when empty. */
  dataDir: string;
  port: number;
  logger: Logger;
  /** Database created when missing; default `appointflow`. */
  database?: string;
  /** false trades crash safety for speed (throw-away test clusters). Default true. */
  durable?: boolean;
  readyTimeoutMs?: number;
}

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { port, logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? APP_DATABASE;
  const started = Date.now();
  const { EmbeddedPostgres, binaries } = await loadEmbeddedPostgres();
  const asRoot = process.getuid?.() === 0;

  if (!(await isInitialised(dataDir))) {
    await assertEmptyOrMissing(dataDir);
    logger.info({ dataDir }, 'PostgreSQL: initialising a new data directory (first run)');
    if (asRoot) {
      // initdb refuses to run as root; embedded-postgres then runs it as the `postgres` user.
      await fs.mkdir(dataDir, { recursive: true });
    }
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: EMBEDDED_PG_USER,
      password: EMBEDDED_PG_PASSWORD,
      authMethod: 'scram-sha-256',
      persistent: true,
      createPostgresUser: asRoot,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      onLog: (message) => logger.debug({ process: 'initdb' }, message.trim()),
      onError: (error) => logger.error({ err: error, process: 'initdb' }, 'initdb failed'),
    });
    if (asRoot) await assertReachableByPostgresUser(dataDir);
    await pg.initialise();
  }

  const owner = asRoot ? await postgresUserIds() : undefined;
  if (owner) await assertReachableByPostgresUser(dataDir, owner);
  await stopLeftoverServer(dataDir, logger);
  await assertPortFree(port, 'PostgreSQL', 'PG_PORT');

  const flags = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.durable === false) {
    flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  }
  const proc = spawnManaged({
    name: 'postgres',
    command: binaries.postgres,
    args: flags,
    logger,
    spawnOptions: { ...(owner ?? {}), env: { ...process.env, LC_MESSAGES: 'C' } },
  });

  const adminUrl = `postgres://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/postgres`;
  try {
    await waitUntilAcceptingConnections(adminUrl, options.readyTimeoutMs ?? 30_000, () => proc.exitReason());
    if (await ensureDatabase(adminUrl, database)) logger.info({ database }, 'PostgreSQL: created database');
  } catch (err) {
    await proc.stop({ signal: 'SIGINT', graceMs: 5_000 });
    throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${proc.recentOutput()}`);
  }
  logger.info({ port, dataDir, ms: Date.now() - started }, 'PostgreSQL: ready');

  let stopping: Promise<void> | undefined;
  return {
    url: withDatabase(adminUrl, database),
    adminUrl,
    port,
    dataDir,
    pid: proc.child.pid ?? 0,
    stop: () =>
      (stopping ??= (async () => {
        // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
        await proc.stop({ signal: 'SIGINT', graceMs: 20_000 });
        logger.info('PostgreSQL: stopped');
      })()),
  };
}

/** DATABASE_URL when set (nothing to stop), else the embedded server under `<DATA_DIR>/postgres`. */
export async function resolveDatabase(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATA_DIR' | 'PG_PORT'>,
  logger: Logger,
): Promise<DatabaseHandle & { embedded: boolean }> {
  if (config.DATABASE_URL) {
    logger.info('PostgreSQL: using DATABASE_URL');
    return { url: config.DATABASE_URL, embedded: false, stop: async () => undefined };
  }
  const handle = await startEmbeddedPostgres({
    dataDir: path.join(config.DATA_DIR, 'postgres'),
    port: config.PG_PORT,
    logger,
  });
  return { url: handle.url, embedded: true, stop: handle.stop };
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return fs.access(path.join(dataDir, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
}

async function assertEmptyOrMissing(dataDir: string): Promise<void> {
  const entries = await fs.readdir(dataDir).catch(() => []);
  if (entries.length > 0) {
    throw new Error(`${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); move it away or set DATA_DIR`);
  }
}

async function postgresUserIds(): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    execFileAsync('id', ['-u', 'postgres']),
    execFileAsync('id', ['-g', 'postgres']),
  ]).catch(() => {
    throw new Error('PostgreSQL cannot run as root and there is no `postgres` OS user to run it as');
  });
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** When started as root the server runs as `postgres`, which must be able to reach the data dir. */
async function assertReachableByPostgresUser(dataDir: string, ids?: { uid: number; gid: number }): Promise<void> {
  const owner = ids ?? (await postgresUserIds().catch(() => undefined));
  if (!owner) return; // embedded-postgres creates the user during initialise()
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    const searchable =
      stat.mode & 0o001 ||
      (stat.uid === owner.uid && stat.mode & 0o100) ||
      (stat.gid === owner.gid && stat.mode & 0o010);
    if (!searchable) {
      throw new Error(
        `PostgreSQL runs as the 'postgres' OS user when started as root, and it cannot enter ${dir}; ` +
          'set DATA_DIR to a directory outside it, or set DATABASE_URL',
      );
    }
    if (dir === path.dirname(dir)) break;
  }
  const stat = await fs.stat(dataDir).catch(() => undefined);
  if (stat && stat.uid !== owner.uid) await fs.chown(dataDir, owner.uid, owner.gid);
}

/** A server left running by a killed earlier run holds the data dir and the port: stop it. */
async function stopLeftoverServer(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!pidFile) return;
  // SIGINT is PostgreSQL's fast shutdown
  await stopLeftoverProcess({ pid: Number(pidFile.split('\n')[0]), mustContain: ['postgres', dataDir], signal: 'SIGINT', logger, what: 'PostgreSQL' });
}

async function waitUntilAcceptingConnections(url: string, timeoutMs: number, exited: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    const reason = exited();
    if (reason) throw new Error(reason);
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) throw new Error(`not accepting connections after ${timeoutMs} ms (${lastError})`);
    await sleep(150);
  }
}
