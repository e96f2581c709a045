import type { EntityManager } from '@mikro-orm/postgresql';
import type { Request } from 'express';
import type { Logger } from '../runtime/logger';
import type { UserRole } from '../db/entities';
import { AppError } from './errors';

export interface AuthenticatedUser {
  id: string;
  tenantId: string;
  role: UserRole;
  email: string;
  name: string;
  staffId?: string;
}

/**
 * What every authenticated handler receives: an entity manager forked for this request with
 * the tenant filter already bound, so no handler can read or write another tenant's rows.
 */
export interface RequestContext {
  em: EntityManager;
  tenantId: string;
  user: AuthenticatedUser;
  requestId: string;
  logger: Logger;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      ctx?: RequestContext;
    }
  }
}

/** The context of an authenticated request; routes behind `tenantContext` always have one. */
export function ctxOf(req: Request): RequestContext {
  if (!req.ctx) throw new AppError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <token>');
  return req.ctx;
}
