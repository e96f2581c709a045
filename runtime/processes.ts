import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import readline from 'node:readline';
import type { Logger } from './logger';

/** A child process whose output goes to the logger and whose end can be awaited. */
export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The exit reason once it has exited, for readiness loops that must give up early. */
  exitReason(): string | undefined;
  /** The last lines the process printed, for error messages. */
  recentOutput(): string;
  /** Sends `signal`, then SIGKILL when the process has not exited after `graceMs`. */
  stop(options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<void>;
}

const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

/**
 * Children run in their own process group (`detached`) so that a Ctrl-C reaching the whole
 * terminal group does not stop the database before the worker has drained; this hook makes
 * sure none of them outlives the parent when it exits without a clean shutdown.
 */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const proc of running) {
      try {
        proc.child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }
  });
}

export function spawnManaged(options: {
  name: string;
  command: string;
  args: string[];
  logger: Logger;
  spawnOptions?: SpawnOptions;
  /** Level for the child's output lines. */
  outputLevel?: 'debug' | 'info' | 'trace';
}): ManagedProcess {
  installExitHook();
  const { name, command, args, logger } = options;
  const level = options.outputLevel ?? 'debug';
  const child = spawn(command, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    ...options.spawnOptions,
  });
  const tail: string[] = [];
  let reason: string | undefined;
  const onLine = (line: string) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > 40) tail.shift();
    logger[level]({ process: name }, line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) readline.createInterface({ input: stream }).on('line', onLine);
  }
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (err) => {
      reason = `${name} could not be started: ${err.message}`;
      running.delete(proc);
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => {
      reason ??= `${name} exited (${signal ? `signal ${signal}` : `code ${code}`})`;
      running.delete(proc);
      resolve({ code, signal });
    });
  });

  const proc: ManagedProcess = {
    name,
    child,
    exited,
    exitReason: () => reason,
    recentOutput: () => tail.join('\n'),
    async stop({ signal = 'SIGTERM', graceMs = 10_000 } = {}) {
      if (reason !== undefined) return;
      child.kill(signal);
      const timer = setTimeout(() => {
        if (reason === undefined) {
          logger.warn({ process: name, graceMs }, `${name} did not stop in time; killing it`);
          child.kill('SIGKILL');
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(proc);
  return proc;
}

/**
 * Stops a server that an earlier run left behind (that run was killed before it could stop
 * it), identified by its pid and by words its command line must contain.
 */
export async function stopLeftoverProcess(options: {
  pid: number;
  mustContain: string[];
  signal: NodeJS.Signals;
  logger: Logger;
  what: string;
}): Promise<void> {
  const { pid, logger } = options;
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return;
  const cmdline = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ');
  if (!options.mustContain.every((word) => cmdline.includes(word))) return;
  logger.warn({ leftoverPid: pid }, `stopping ${options.what} left running by an earlier run`);
  process.kill(pid, options.signal);
  const deadline = Date.now() + 20_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
