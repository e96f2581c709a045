import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../runtime/logger';
import { findFreePort } from '../runtime/ports';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../runtime/postgres';

/**
 * The report benchmark's PostgreSQL: a cluster kept outside the repository
 * (`$BENCH_REPORTS_DIR`, default /var/tmp/appointflow-bench-reports/postgres: outside home, which
 * the `postgres` user cannot enter when run as root), so the million-row seed is paid once and
 * later runs start in seconds.
 */
export function benchReportsDataDir(): string {
  return process.env.BENCH_REPORTS_DIR ?? path.join(process.platform === 'win32' ? os.tmpdir() : '/var/tmp', 'appointflow-bench-reports', 'postgres');
}

export async function startBenchReportsDatabase(logger: Logger): Promise<EmbeddedPostgresHandle> {
  return startEmbeddedPostgres({ dataDir: benchReportsDataDir(), port: await findFreePort(), logger, database: 'bench_reports', durable: true });
}
