import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request, RequestHandler } from 'express';
import { Customer, PortalSession } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import type { PortalTokenService } from '../auth/portal-tokens';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { cookieValue } from './authenticate';

export const portalCookie = 'af_portal';

/** A signed-in customer: their own entity manager, scoped to their business. */
export interface PortalContext {
  em: EntityManager;
  tenantId: string;
  customerId: string;
  sessionId: string;
  requestId: string;
  logger: Logger;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      portal?: PortalContext;
    }
  }
}

export function portalOf(req: Request): PortalContext {
  if (!req.portal) throw new AppError('UNAUTHENTICATED', 'Sign in to the portal first');
  return req.portal;
}

/**
 * The customer-side twin of `authenticate`: a portal token (bearer or the af_portal cookie) names
 * a session that must still be open, and binds the tenant filter. Staff tokens are not accepted
 * here (another audience), and portal tokens are not accepted on staff routes.
 */
export function authenticateCustomer(deps: Pick<ApiDeps, 'orm'>, tokens: PortalTokenService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
    const token = header ?? cookieValue(req.headers.cookie, portalCookie);
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in to the portal first: ask for a sign-in link');
    const claims = await tokens.verify(token);
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: claims.tenantId });
    const [session, customer] = await Promise.all([
      em.findOne(PortalSession, { id: claims.sessionId }),
      em.findOne(Customer, { id: claims.customerId }),
    ]);
    const now = new Date();
    if (!session || session.revokedAt || session.expiresAt <= now || session.customerId !== claims.customerId || !customer) {
      throw new AppError('UNAUTHENTICATED', 'This portal session has ended; ask for a new sign-in link');
    }
    if (now.getTime() - session.lastSeenAt.getTime() > 5 * 60_000) {
      await em.nativeUpdate(PortalSession, { id: session.id }, { lastSeenAt: now });
    }
    const logger = req.log.child({ tenantId: claims.tenantId, customerId: claims.customerId });
    req.log = logger;
    req.portal = { em, tenantId: claims.tenantId, customerId: claims.customerId, sessionId: session.id, requestId: String(req.id), logger };
    next();
  };
}
