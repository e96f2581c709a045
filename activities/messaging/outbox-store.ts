import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Message, type MessageStatus } from '../../db/entities';
import type { SendResult } from './providers/types';

/** Statuses after which a send is done: the provider took it, or it can never be sent. */
const SETTLED = new Set<MessageStatus>(['sent', 'delivered', 'undelivered', 'failed', 'received']);
/** Rows no attempt is working on: a new attempt may claim them. */
const CLAIMABLE: MessageStatus[] = ['queued', 'suppressed'];

export function isSettled(row: Pick<Message, 'status' | 'providerMessageId'>): boolean {
  return Boolean(row.providerMessageId) || SETTLED.has(row.status);
}

export type MessageDraft = Pick<
  Message,
  'tenantId' | 'channel' | 'to' | 'body' | 'provider' | 'idempotencyKey'
> &
  Partial<Pick<Message, 'direction' | 'customerId' | 'appointmentId' | 'from' | 'subject' | 'campaignId' | 'variant' | 'automationRunId' | 'nodeId'>>;

export function findByKey(em: EntityManager, idempotencyKey: string): Promise<Message | null> {
  return em.findOne(Message, { idempotencyKey }, { disableIdentityMap: true });
}

/**
 * Writes the outbox row in the given status. Returns its id, or undefined when a row with the
 * same (tenant, idempotency key) exists already: someone else owns this send.
 */
export async function insertRow(em: EntityManager, draft: MessageDraft, status: MessageStatus, error?: { code: string; message: string }): Promise<string | undefined> {
  const row = em.create(
    Message,
    { direction: 'outbound', ...draft, status, ...(error ? { errorCode: error.code, errorMessage: error.message } : {}) },
    { persist: false },
  );
  try {
    await em.insert(Message, row);
    return row.id;
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) return undefined;
    throw err;
  }
}

/**
 * Moves an existing row to `sending` (or `suppressed`) if nobody else did first. A row already
 * `sending` is taken over only when its lease (updatedAt) is the one the caller saw.
 */
export async function claimRow(
  em: EntityManager,
  row: Pick<Message, 'id' | 'status' | 'updatedAt'>,
  draft: MessageDraft,
  status: 'sending' | 'suppressed',
  now: Date,
  error?: { code: string; message: string },
): Promise<boolean> {
  const where = row.status === 'sending' ? { id: row.id, status: 'sending' as const, updatedAt: row.updatedAt } : { id: row.id, status: { $in: CLAIMABLE } };
  const affected = await em.nativeUpdate(Message, where, {
    to: draft.to,
    body: draft.body,
    subject: draft.subject ?? null,
    from: draft.from ?? null,
    provider: draft.provider,
    status,
    errorCode: error?.code ?? null,
    errorMessage: error?.message ?? null,
    updatedAt: now,
  });
  return affected === 1;
}

export async function markSent(em: EntityManager, id: string, result: SendResult, now: Date): Promise<void> {
  await em.nativeUpdate(
    Message,
    { id },
    {
      providerMessageId: result.providerMessageId,
      status: result.status,
      sentAt: now,
      ...(result.status === 'delivered' ? { deliveredAt: now } : {}),
      ...(result.from ? { from: result.from } : {}),
      ...(result.priceMicros !== undefined ? { priceMicros: result.priceMicros, priceCurrency: result.priceCurrency ?? null } : {}),
      errorCode: null,
      errorMessage: null,
      updatedAt: now,
    },
  );
}

export async function markAttemptFailed(
  em: EntityManager,
  id: string,
  status: 'failed' | 'queued' | 'sending',
  error: { code: string; message: string },
  now: Date,
): Promise<void> {
  // A row left `sending` keeps its lease time: the next attempt must wait it out, then reconcile.
  await em.nativeUpdate(Message, { id }, { status, errorCode: error.code, errorMessage: error.message.slice(0, 2000), ...(status === 'sending' ? {} : { updatedAt: now }) });
}
