import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../runtime/logger';
import { AppError, statusForCode } from './errors';

interface BodyParserError extends Error {
  type?: string;
  limit?: number;
  status?: number;
}

/** Errors raised below Express's own json parser, put in the api's vocabulary. */
export function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  const bodyError = error as BodyParserError;
  switch (bodyError?.type) {
    case 'entity.parse.failed':
      return new AppError('INVALID_JSON', `The request body is not valid JSON: ${bodyError.message}`);
    case 'entity.too.large':
      return new AppError(
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the ${Math.floor((bodyError.limit ?? 0) / 1024)} kB limit`,
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('UNSUPPORTED_MEDIA_TYPE', bodyError.message);
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError('VALIDATION_FAILED', bodyError.message);
    default:
      return undefined;
  }
}

/**
 * The only place that turns errors into HTTP: `{ error: { code, message, details } }` with
 * the status from the code table. Unexpected errors are logged whole and answered vaguely.
 */
export function errorHandler(fallbackLogger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const log = req.log ?? fallbackLogger;
    let appError = toAppError(error);
    if (!appError) {
      log.error({ err: error }, 'unhandled error');
      res.err = error as Error;
      appError = new AppError('INTERNAL', `Something went wrong on our side; quote request id ${String(req.id)} if you report it`);
    }
    const status = statusForCode(appError.code);
    res.status(status).json({
      error: { code: appError.code, message: appError.message, ...(appError.details ? { details: appError.details } : {}) },
    });
  };
}

/** Unknown /api paths answer in the api's error shape, not with an HTML page. */
export const apiNotFound: RequestHandler = (req) => {
  throw new AppError('NOT_FOUND', `No route ${req.method} ${req.originalUrl.split('?')[0]}`);
};
