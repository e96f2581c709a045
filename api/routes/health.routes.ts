import { Router } from 'express';
import type { ApiDeps } from '../deps';

const checkTimeoutMs = 3_000;

/** Liveness and readiness probes; outside /api, unauthenticated, not rate limited. */
export function healthRouter(deps: Pick<ApiDeps, 'orm' | 'temporal' | 'logger'>): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    const [postgres, temporal] = await Promise.all([
      probe(() => deps.orm.em.fork().getConnection().execute('select 1')),
      probe(() => deps.temporal.workflowService.getSystemInfo({})),
    ]);
    const checks = { postgres, temporal };
    const failed = Object.entries(checks).filter(([, c]) => c.status !== 'ok').map(([name]) => name);
    if (failed.length > 0) deps.logger.warn({ checks }, `not ready: ${failed.join(', ')} unreachable`);
    res.status(failed.length > 0 ? 503 : 200).json({ status: failed.length > 0 ? 'unavailable' : 'ok', failed, checks });
  });

  return router;
}

async function probe(check: () => Promise<unknown>): Promise<{ status: 'ok' | 'failed'; ms: number; error?: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${checkTimeoutMs} ms`)), checkTimeoutMs);
      }),
    ]);
    return { status: 'ok', ms: Date.now() - started };
  } catch (error) {
    return { status: 'failed', ms: Date.now() - started, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
