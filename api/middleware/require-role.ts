import type { RequestHandler } from 'express';
import type { UserRole } from '../../db/entities';
import { ctxOf } from '../context';
import { AppError } from '../errors';

/** Route guard: the signed-in user must hold one of `roles`. */
export function requireRole(...roles: UserRole[]): RequestHandler {
  return (req, _res, next) => {
    const { user } = ctxOf(req);
    if (!roles.includes(user.role)) {
      throw new AppError('FORBIDDEN', `This action needs the ${roles.join(' or ')} role; you are signed in as ${user.role}`);
    }
    next();
  };
}
