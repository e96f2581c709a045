import { Client } from 'pg';

/** The same server and credentials as `url`, pointed at database `name`. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

export async function withPgClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates database `name` on the server behind `adminUrl` unless it exists; true when created. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  return withPgClient(adminUrl, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
      return true;
    } catch (err) {
      // another process created it between the check and the CREATE
      if ((err as { code?: string }).code === '42P04') return false;
      throw err;
    }
  });
}

/** Drops database `name`, closing any session still connected to it. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withPgClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}
