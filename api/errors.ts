import type { z } from 'zod';

/** The one table mapping error codes to HTTP statuses; nothing else in the api picks a status. */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  INVALID_REFERENCE: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  EMAIL_TAKEN: 409,
  SLOT_TAKEN: 409,
  INVALID_STATE: 409,
  INVALID_TRANSITION: 409,
  REPUTATION_TOO_LOW: 409,
  TEMPLATE_IN_USE: 409,
  RETRY_NOT_POSSIBLE: 409,
  CANCEL_WINDOW_CLOSED: 409,
  RESCHEDULE_WINDOW_CLOSED: 409,
  SLOT_UNAVAILABLE: 409,
  BOOKING_LIMIT_REACHED: 409,
  VACCINATION_EXPIRED: 409,
  OFFER_NOT_OPEN: 409,
  LOGIN_LINK_INVALID: 401,
  INVALID_AUTOMATION: 422,
  INVALID_TEMPLATE: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  IMPORT_HAS_ERRORS: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  PROVIDER_ERROR: 502,
  NOT_READY: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;
export const errorCodes = Object.keys(errorStatus) as ErrorCode[];

export interface ErrorDetail {
  path: string;
  message: string;
  /** A finer code for this one problem (automation and template problems). */
  code?: string;
  /** The automation node or edge the problem belongs to, so the builder can mark it. */
  nodeId?: string;
  edgeId?: string;
  /** A free slot offered instead of the one asked for (SLOT_TAKEN, SLOT_UNAVAILABLE). */
  slot?: { startsAt: string; endsAt: string; staffIds: string[]; seatsLeft?: number };
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function statusForCode(code: ErrorCode): number {
  return errorStatus[code];
}

export function notFound(what: string, id?: string): AppError {
  return new AppError('NOT_FOUND', id ? `${what} ${id} was not found` : `${what} was not found`);
}

/** Turns zod issues into `{path, message}` details; each unknown key becomes its own line. */
export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[]): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        details.push({ path: base ? `${base}.${key}` : key, message: `Unknown field "${key}"` });
      }
    } else {
      details.push({ path: base || '(root)', message: issue.message });
    }
  }
  return details;
}

export type InputLocation = 'body' | 'query' | 'path';

export function validationError(where: InputLocation, issues: readonly z.core.$ZodIssue[]): AppError {
  const details = zodIssuesToDetails(issues);
  const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new AppError('VALIDATION_FAILED', `Invalid request ${where}: ${summary}`, details);
}
