import fs from 'node:fs/promises';
import { withPgClient } from '../../runtime/pg-admin';

/** What the jest global setup started; lives on globalThis until the global teardown. */
export interface TestStack {
  runId: string;
  template?: string;
  /** Set when tests ran against DATABASE_URL instead of an embedded server. */
  externalAdminUrl?: string;
  tmpDir?: string;
  stops: { name: string; stop(): Promise<void> }[];
}

const KEY = '__appointflowTestStack__';
type WithStack = typeof globalThis & { [KEY]?: TestStack };

export function setTestStack(stack: TestStack): void {
  (globalThis as WithStack)[KEY] = stack;
}

export function takeTestStack(): TestStack | undefined {
  const stack = (globalThis as WithStack)[KEY];
  delete (globalThis as WithStack)[KEY];
  return stack;
}

/** Stops what was started, newest first, and removes what this run left on a shared server. */
export async function stopTestStack(stack: TestStack): Promise<void> {
  if (stack.externalAdminUrl) await dropRunDatabases(stack.externalAdminUrl, stack).catch(() => undefined);
  for (const { stop } of [...stack.stops].reverse()) await stop().catch(() => undefined);
  stack.stops = [];
  if (stack.tmpDir) await fs.rm(stack.tmpDir, { recursive: true, force: true });
}

async function dropRunDatabases(adminUrl: string, stack: TestStack): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2",
      [`appointflow\\_test\\_${stack.runId}\\_%`, stack.template ?? ''],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
    }
  });
}
