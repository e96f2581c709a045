import net from 'node:net';

export class PortInUseError extends Error {
  constructor(
    public readonly port: number,
    public readonly what: string,
    public readonly envVar: string,
  ) {
    super(
      `Port ${port} (${what}) is already in use — set ${envVar} to another port or stop the other process`,
    );
    this.name = 'PortInUseError';
  }
}

/**
 * Fails with a message naming the setting to change when something already listens on
 * `port`. Binding the wildcard address also collides with a server bound to localhost only.
 */
export async function assertPortFree(port: number, what: string, envVar = 'PORT'): Promise<void> {
  const free = await canListen(port);
  if (!free) throw new PortInUseError(port, what, envVar);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' || err.code === 'EACCES') resolve(false);
      else reject(err);
    });
    server.listen({ port, exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** A port the kernel considers free right now (tests start servers on these). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not allocate a free port'))));
    });
  });
}

/** Resolves once a TCP connection to host:port succeeds, or rejects after `timeoutMs`. */
export async function waitForTcp(host: string, port: number, timeoutMs: number, isAborted?: () => string | undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const aborted = isAborted?.();
    if (aborted) throw new Error(aborted);
    if (await canConnect(host, port)) return;
    if (Date.now() > deadline) throw new Error(`nothing accepted connections on ${host}:${port} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
