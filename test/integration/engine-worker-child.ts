import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

const ENTRY = path.join(__dirname, 'engine-worker-process.ts');

/**
 * A worker replica as a child process (engine-worker-process.ts: worker/main.ts with the twilio
 * client sent to FAKE_TWILIO_URL), configured only through its environment. Started with
 * `node --import tsx` so that the pid is the worker itself: a SIGKILL kills the worker, and its
 * memory can be read. Used by the crash test and by bench/timers.ts.
 */
export class WorkerProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<number | null>;

  /** `nodeArgs`: extra flags for node itself (e.g. `--cpu-prof` when profiling the bench). */
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly nodeArgs: string[] = [],
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves once the worker polls its task queue; rejects if it exits first. */
  async start(): Promise<this> {
    const child = spawn(process.execPath, [...this.nodeArgs, '--import', 'tsx', ENTRY], {
      cwd: path.join(__dirname, '..', '..'),
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    let ready: () => void = () => undefined;
    const polling = new Promise<void>((resolve) => (ready = resolve));
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.output.push(text);
      if (this.output.length > 500) this.output.splice(0, this.output.length - 500);
      if (text.includes('"msg":"worker polling"')) ready();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const failed = this.exited.then((code) => {
      throw new Error(`the worker exited (${code}) before polling:\n${this.output.join('').slice(-4000)}`);
    });
    failed.catch(() => undefined);
    await Promise.race([polling, failed]);
    return this;
  }

  /** Resident and peak resident memory of the worker process, in bytes (Linux /proc). */
  async memory(): Promise<{ rss: number; peakRss: number }> {
    const status = await fs.readFile(`/proc/${this.child?.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), peakRss: kb('VmHWM') };
  }

  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (the worker drains), SIGKILL if it is not gone in 15 s. */
  async stop(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const force = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
      await this.exited;
      clearTimeout(force);
    }
  }
}
