import express, { type RequestHandler } from 'express';
import { AppError } from '../errors';

export const defaultBodyLimit = '100kb';

/**
 * JSON bodies only, up to `limit`. A body of another type is refused rather than silently
 * ignored; oversized or malformed JSON surfaces through the error handler.
 */
export function jsonBody(limit: string = defaultBodyLimit, options: { multipartPaths?: RegExp } = {}): RequestHandler[] {
  const onlyJson: RequestHandler = (req, _res, next) => {
    const empty = req.headers['content-length'] === '0';
    // File uploads (vaccination records) come as multipart/form-data on their own routes only.
    const upload = options.multipartPaths?.test(req.path) && req.is('multipart/form-data');
    if (['POST', 'PUT', 'PATCH'].includes(req.method) && !empty && !upload && req.is('application/json') === false) {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json (got ${req.headers['content-type'] ?? 'no content type'})`);
    }
    next();
  };
  return [onlyJson, express.json({ limit, strict: true })];
}
