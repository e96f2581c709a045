import type { RequestHandler } from 'express';
import { User } from '../../db/entities';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';

export const sessionCookie = 'af_session';

/**
 * The single place tenant scoping happens. It verifies the bearer token (or the session
 * cookie), forks an entity manager for this request, binds the `tenant` filter to the
 * caller's tenant and exposes everything as `req.ctx`. Routes mounted after it cannot
 * reach another tenant's rows through `req.ctx.em`.
 */
export function authenticate(deps: Pick<ApiDeps, 'orm' | 'tokens'>): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.headers.authorization) ?? cookieValue(req.headers.cookie, sessionCookie);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
    const claims = await deps.tokens.verify(token);

    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: claims.tenantId });
    const user = await em.findOne(User, { id: claims.userId });
    if (!user || !user.active) throw new AppError('UNAUTHENTICATED', 'This account no longer exists or is disabled');

    const logger = req.log.child({ tenantId: user.tenantId, userId: user.id });
    req.log = logger;
    req.ctx = {
      em,
      tenantId: user.tenantId,
      user: {
        id: user.id,
        tenantId: user.tenantId,
        role: user.role,
        email: user.email,
        name: user.name,
        staffId: user.staffId,
      },
      requestId: String(req.id),
      logger,
    };
    next();
  };
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
