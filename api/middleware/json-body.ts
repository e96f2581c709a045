import express, { type RequestHandler } from 'express';
import { AppError } from '../errors';

export const defaultBodyLimit = '100kb';

/**
 * JSON bodies only, up to `limit`. A body of another type is refused rather than silently
 * ignored; oversized or malformed JSON surfaces through the error handler.
 */
export function jsonBody(limit: string = defaultBodyLimit): RequestHandler[] {
  const onlyJson: RequestHandler = (req, _res, next) => {
    const empty = req.headers['content-length'] === '0';
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && !empty && req.is('application/json') === false) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json (got ${req.headers['content-type'] ?? 'no content type'})`);
    }
    next();
  };
  return [onlyJson, express.json({ limit, strict: true })];
}
