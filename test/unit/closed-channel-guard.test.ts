import net from 'node:net';
import { Connection } from '@temporalio/client';
import { clientInterceptors } from '../../runtime/temporal-connection';

/**
 * A call retried by Temporal's retry interceptor after its connection closed used to throw
 * "Channel has been shut down" out of a timer (an uncaught exception). With the guard the call
 * just fails.
 */
describe('a Temporal client call still retrying when its connection closes', () => {
  let server: net.Server;
  let address: string;

  beforeAll(async () => {
    // Accepts and drops every connection: each attempt fails UNAVAILABLE, which is retried.
    server = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    address = `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('rejects instead of throwing from the retry timer', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const connection = Connection.lazy({ address, interceptors: clientInterceptors() });
      const call = connection.workflowService.getSystemInfo({});
      const settled = call.then(() => 'resolved', (err: unknown) => (err instanceof Error ? err.message : String(err)));
      // Let the first attempts fail and a retry be scheduled, then close under it.
      await new Promise((resolve) => setTimeout(resolve, 150));
      await connection.close();
      await expect(settled).resolves.toMatch(/shut down|cancel/i);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
