import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A request as a fake API saw it, with the status it answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string;
  status?: number;
}

/** Express middleware for the provider fakes: appends every request to `requests` and fills in its status once answered. */
/** `extra` adds or overrides fields (Graph: the path below /v1.0 and the Prefer header). */
export function recordRequests<R extends RecordedRequest>(requests: R[], extra: (req: Request) => Partial<R> = () => ({})): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const record = {
      method: req.method,
      path: req.path,
      query: Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, String(v)])),
      body: req.body && Object.keys(req.body as object).length > 0 ? structuredClone(req.body) : undefined,
      authorization: req.header('authorization'),
      ...extra(req),
    } as R;
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    next();
  };
}
