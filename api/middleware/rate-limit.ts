import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../errors';

export interface RateLimitOptions {
  windowMs: number;
  limit: number;
}

/**
 * Per-client-address limit for the auth endpoints (password guessing, sign-up floods).
 * Counters live in this process: with several api replicas each enforces its own share.
 */
export function authRateLimit(options: RateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next, used) => {
      const seconds = Math.ceil(used.windowMs / 1000);
      next(new AppError('RATE_LIMITED', `Too many sign-in attempts from this address; try again within ${seconds} s`));
    },
  });
}
