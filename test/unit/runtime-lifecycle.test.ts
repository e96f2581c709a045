import net from 'node:net';
import pino from 'pino';
import { formatBanner } from '../../runtime/banner';
import { Lifecycle, ShutdownRequested } from '../../runtime/lifecycle';
import { assertPortFree, findFreePort, PortInUseError } from '../../runtime/ports';

const logger = pino({ level: 'silent' });

describe('shutdown order', () => {
  test('parts stop once, newest first: api, worker, temporal, postgres', async () => {
    const stopped: string[] = [];
    const lifecycle = new Lifecycle(logger);
    for (const name of ['postgres', 'temporal', 'worker', 'api']) {
      await lifecycle.add(name, async () => {
        stopped.push(name);
      });
    }
    await Promise.all([lifecycle.stop(), lifecycle.stop()]);
    expect(stopped).toEqual(['api', 'worker', 'temporal', 'postgres']);
  });

  test('a part that fails to stop does not keep the others running', async () => {
    const stopped: string[] = [];
    const lifecycle = new Lifecycle(logger);
    await lifecycle.add('postgres', async () => void stopped.push('postgres'));
    await lifecycle.add('worker', async () => {
      throw new Error('boom');
    });
    await lifecycle.stop();
    expect(stopped).toEqual(['postgres']);
  });

  test('a part that finishes starting after Ctrl-C is stopped at once and ends the start-up', async () => {
    const lifecycle = new Lifecycle(logger);
    const late = jest.fn(async () => undefined);
    await lifecycle.stop();
    await expect(lifecycle.add('worker', late)).rejects.toBeInstanceOf(ShutdownRequested);
    expect(late).toHaveBeenCalledTimes(1);
  });
});

describe('ports', () => {
  test('a port in use gets a message naming the setting to change', async () => {
    const port = await findFreePort();
    const server = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const error = await assertPortFree(port, 'app', 'PORT').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toBe(
        `Port ${port} (app) is already in use — set PORT to another port or stop the other process`,
      );
    } finally {
      server.close();
    }
    await expect(assertPortFree(port, 'app')).resolves.toBeUndefined();
  });
});

describe('start-up banner', () => {
  test('shows the app, API docs, Temporal UI and the demo login', () => {
    const text = formatBanner({
      appUrl: 'http://localhost:3000',
      apiDocsUrl: 'http://localhost:3000/api/docs',
      temporalUiUrl: 'http://localhost:8233',
      temporalAddress: '127.0.0.1:7233',
      database: 'embedded PostgreSQL',
      login: { email: 'owner@demo.test', password: 'pw' },
      dev: false,
      seconds: 4.2,
    });
    expect(text).toContain('http://localhost:3000');
    expect(text).toContain('http://localhost:3000/api/docs');
    expect(text).toContain('http://localhost:8233');
    expect(text).toContain('owner@demo.test / pw');
    expect(text).toContain('ready in 4.2 s');
  });

  test('names the external Temporal server when there is no local UI', () => {
    const text = formatBanner({
      appUrl: 'http://a',
      apiDocsUrl: 'http://a/api/docs',
      temporalAddress: 'temporal.example:7233',
      database: 'DATABASE_URL',
      dev: true,
      seconds: 1,
    });
    expect(text).toContain('(external server at temporal.example:7233)');
    expect(text).not.toContain('Demo login');
  });
});
