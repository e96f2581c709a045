import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../../runtime/logger';

const requestIdHeader = 'x-request-id';
const acceptableId = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * pino-http with request ids: an incoming X-Request-Id is kept when it looks sane,
 * otherwise one is made up; either way it is echoed back and carried by every log line,
 * along with the tenant and user once authentication has run.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId(req, res) {
      const incoming = req.headers[requestIdHeader];
      const id = typeof incoming === 'string' && acceptableId.test(incoming) ? incoming : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customProps: (req) => (req.ctx ? { tenantId: req.ctx.tenantId, userId: req.ctx.user.id } : {}),
    customLogLevel(_req, res, error) {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
