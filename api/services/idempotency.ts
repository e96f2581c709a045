import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { IdempotencyKey } from '../../db/entities';
import type { RequestContext } from '../context';
import { AppError } from '../errors';
import { createInTenant } from './tenant-scope';

/** A write that carried an Idempotency-Key header. */
export interface IdempotentRequest {
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export interface StoredResponse {
  status: number;
  body: unknown;
}

const keyPattern = /^[\x21-\x7e]{1,255}$/;

/** Validates the header and fingerprints the request it came with. */
export function idempotentRequest(
  header: string | undefined,
  request: { method: string; path: string; body: unknown },
): IdempotentRequest | undefined {
  if (header === undefined) return undefined;
  if (!keyPattern.test(header)) {
    throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header must be 1–255 visible ASCII characters', [
      { path: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
    ]);
  }
  return { key: header, method: request.method, path: request.path, requestHash: requestHash(request) };
}

export function requestHash(request: { method: string; path: string; body: unknown }): string {
  return createHash('sha256')
    .update(canonicalJson([request.method.toUpperCase(), request.path, request.body ?? null]))
    .digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` fingerprint the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The answer already given to this key, if any. The same key with a different request is
 * refused: it almost always means a client bug, and replaying would hide it.
 */
export async function storedResponse(em: EntityManager, request: IdempotentRequest): Promise<StoredResponse | undefined> {
  const row = await em.findOne(IdempotencyKey, { key: request.key });
  if (!row || row.expiresAt.getTime() <= Date.now()) return undefined;
  if (row.requestHash !== request.requestHash || row.method !== request.method || row.path !== request.path) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      `Idempotency-Key "${request.key}" was already used for a different request; use a new key for a new request`,
    );
  }
  if (row.responseStatus == null) return undefined;
  return { status: row.responseStatus, body: row.responseBody };
}

/**
 * Claims the key inside the caller's transaction (flushing the row first, so a concurrent
 * duplicate blocks on the unique index and fails once this transaction commits). An
 * expired row for the same key is replaced.
 */
export async function claimIdempotencyKey(
  tx: EntityManager,
  ctx: Pick<RequestContext, 'tenantId'>,
  request: IdempotentRequest,
): Promise<IdempotencyKey> {
  await tx.nativeDelete(IdempotencyKey, { tenantId: ctx.tenantId, key: request.key, expiresAt: { $lte: new Date() } });
  const row = createInTenant({ em: tx, tenantId: ctx.tenantId }, IdempotencyKey, {
    key: request.key,
    method: request.method,
    path: request.path,
    requestHash: request.requestHash,
  });
  await tx.flush();
  return row;
}

export function isIdempotencyKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && e.constraint === 'idempotency_keys_tenant_id_key_unique';
}
