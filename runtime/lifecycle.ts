import type { Logger } from './logger';

export class ShutdownRequested extends Error {
  constructor() {
    super('shutdown requested during start-up');
    this.name = 'ShutdownRequested';
  }
}

/**
 * The parts of a running stack, stopped once, in the reverse of the order they started:
 * the API before the worker it feeds, the worker before Temporal, Temporal before PostgreSQL.
 */
export class Lifecycle {
  private readonly parts: { name: string; stop(): Promise<void> }[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Registers a started part; one that finishes starting after shutdown began is stopped at once. */
  async add(name: string, stop: () => Promise<void>): Promise<void> {
    if (this.stopping) {
      await this.stopPart({ name, stop });
      throw new ShutdownRequested();
    }
    this.parts.push({ name, stop });
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      while (this.parts.length) {
        const part = this.parts.pop();
        if (part) await this.stopPart(part);
      }
    })();
    return this.stopping;
  }

  private async stopPart(part: { name: string; stop(): Promise<void> }): Promise<void> {
    const started = Date.now();
    try {
      await part.stop();
      this.logger.debug({ part: part.name, ms: Date.now() - started }, 'stopped');
    } catch (err) {
      this.logger.error({ err, part: part.name }, `could not stop ${part.name} cleanly`);
    }
  }
}
