import { randomBytes } from 'node:crypto';
import { loadConfig, type AppConfig } from '../../runtime/config';

/** What test/global-setup.ts started for this jest run, as handed to the test workers. */
export interface StackEnv {
  /** URL of the maintenance database of the test PostgreSQL server (CREATE/DROP DATABASE). */
  pgAdminUrl: string;
  /** Migrated database that every test database is copied from. */
  pgTemplate: string;
  temporalAddress: string;
  temporalNamespace: string;
  /** Unique per jest run; prefixes the databases this run creates. */
  runId: string;
}

export const STACK_ENV_VARS = {
  pgAdminUrl: 'TEST_PG_ADMIN_URL',
  pgTemplate: 'TEST_PG_TEMPLATE',
  temporalAddress: 'TEMPORAL_ADDRESS',
  temporalNamespace: 'TEMPORAL_NAMESPACE',
  runId: 'TEST_RUN_ID',
} as const satisfies Record<keyof StackEnv, string>;

export function stackEnv(env: NodeJS.ProcessEnv = process.env): StackEnv {
  const missing = Object.values(STACK_ENV_VARS).filter((name) => name !== 'TEMPORAL_NAMESPACE' && !env[name]);
  if (missing.length) {
    throw new Error(
      `${missing.join(', ')} not set: integration tests need the stack started by test/global-setup.ts ` +
        '(run them through jest, e.g. `npx jest --selectProjects integration`)',
    );
  }
  return {
    pgAdminUrl: env.TEST_PG_ADMIN_URL as string,
    pgTemplate: env.TEST_PG_TEMPLATE as string,
    temporalAddress: env.TEMPORAL_ADDRESS as string,
    temporalNamespace: env.TEMPORAL_NAMESPACE || 'default',
    runId: env.TEST_RUN_ID as string,
  };
}

/** A name no other test file of this run uses (task queues, tenants, workflow ids). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.env.JEST_WORKER_ID ?? '0'}-${randomBytes(4).toString('hex')}`;
}

/**
 * An app config for a test talking to the shared stack: its own database URL, the shared
 * Temporal server, a task queue of its own so workers of other test files never take its tasks.
 */
export function testConfig(options: { databaseUrl: string; env?: NodeJS.ProcessEnv }): AppConfig {
  const stack = stackEnv();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    NO_SEED: 'true',
    CACHE_DIR: process.env.CACHE_DIR,
    DATABASE_URL: options.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    TEMPORAL_TASK_QUEUE: uniqueName('appointflow-test'),
    ...options.env,
  });
}
