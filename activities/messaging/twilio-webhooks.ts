import type { EntityManager } from '@mikro-orm/core';
import twilio from 'twilio';
import { Appointment, Customer, Message, type MessageStatus, Tenant } from '../../db/entities';
import { parseReplyIntent, type ReplyIntent } from '../../workflows/dsl/events';
import { insertRow, type MessageDraft } from './outbox-store';
import { mapTwilioStatus } from './providers/twilio';
import { toE164 } from './recipient';

/**
 * Domain side of Twilio's webhooks; the API routes parse the form body, call these and answer.
 * Every query here names its tenant explicitly: an inbound text arrives before we know the tenant.
 */

/** X-Twilio-Signature check over the exact public URL Twilio called and the form parameters. */
export function verifyTwilioSignature(input: { authToken: string; url: string; params: Record<string, unknown>; signature: string | undefined }): boolean {
  if (!input.signature) return false;
  return twilio.validateRequest(input.authToken, input.signature, input.url, input.params);
}

export interface InboundSms {
  /** When the route knows it (per-tenant numbers); otherwise found from the sender's conversation. */
  tenantId?: string;
  from: string;
  to: string;
  body: string;
  /** Twilio's MessageSid: a webhook Twilio retries is recorded once. */
  messageSid?: string;
  now?: Date;
}

export interface InboundResult {
  intent: ReplyIntent;
  tenantId?: string;
  customerId?: string;
  /** confirm/cancel: the customer's next upcoming appointment, the one the reply is about. */
  appointmentId?: string;
  messageId?: string;
  /** Text to answer with (TwiML <Message>), e.g. the HELP text. */
  reply?: string;
  /** True when this MessageSid was handled before: do not signal workflows again. */
  duplicate: boolean;
}

const NO_TENANT_FILTER = { filters: false } as const;

export function helpText(tenantName: string): string {
  return `${tenantName}: appointment messages. Reply C to confirm, X to cancel, STOP to unsubscribe, START to resubscribe. Msg & data rates may apply.`;
}

/** The tenant and customer this number talks to: the last one that texted it, else any customer with it. */
async function findConversation(em: EntityManager, phone: string, tenantId: string | undefined): Promise<{ tenantId: string; customer?: Customer } | undefined> {
  const scope = tenantId ? { tenantId } : {};
  const last = await em.findOne(
    Message,
    { ...scope, to: phone, direction: 'outbound', channel: { $in: ['sms', 'whatsapp'] } },
    { ...NO_TENANT_FILTER, orderBy: { createdAt: 'desc' } },
  );
  if (last) {
    const customer = last.customerId
      ? await em.findOne(Customer, { id: last.customerId, tenantId: last.tenantId }, NO_TENANT_FILTER)
      : await em.findOne(Customer, { tenantId: last.tenantId, phone }, NO_TENANT_FILTER);
    return { tenantId: last.tenantId, ...(customer ? { customer } : {}) };
  }
  const customer = await em.findOne(Customer, { ...scope, phone }, { ...NO_TENANT_FILTER, orderBy: { updatedAt: 'desc' } });
  if (customer) return { tenantId: customer.tenantId, customer };
  return tenantId ? { tenantId } : undefined;
}

/**
 * An inbound SMS/WhatsApp: STOP… opts the number out (every customer with it, in every tenant
 * when the sender number is shared, because the carrier blocks the pair for all of them), START
 * opts back in, HELP answers with the help text, C/YES and X/NO are returned as intents about the
 * next upcoming appointment for the workflows to act on. The message is recorded once.
 */
export async function handleInboundSms(em: EntityManager, input: InboundSms): Promise<InboundResult> {
  const now = input.now ?? new Date();
  const channel = input.from.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
  const phone = toE164(input.from) ?? input.from.replace(/^whatsapp:/, '');
  const to = input.to.replace(/^whatsapp:/, '');
  const intent = parseReplyIntent(input.body);
  const conversation = await findConversation(em, phone, input.tenantId);
  const customer = conversation?.customer;
  const tenantScope = input.tenantId ? { tenantId: input.tenantId } : {};

  let appointmentId: string | undefined;
  if (customer && (intent === 'confirm' || intent === 'cancel')) {
    const next = await em.findOne(
      Appointment,
      { tenantId: customer.tenantId, customerId: customer.id, status: { $in: ['pending', 'confirmed'] }, startsAt: { $gte: now } },
      { ...NO_TENANT_FILTER, orderBy: { startsAt: 'asc' } },
    );
    appointmentId = next?.id;
  }

  let messageId: string | undefined;
  if (conversation) {
    const draft: MessageDraft = {
      tenantId: conversation.tenantId,
      direction: 'inbound',
      channel,
      to,
      from: phone,
      body: input.body.slice(0, 10_000),
      provider: 'twilio',
      idempotencyKey: input.messageSid ? `inbound:${input.messageSid}` : `inbound:${phone}:${now.getTime()}`,
      ...(customer ? { customerId: customer.id } : {}),
      ...(appointmentId ? { appointmentId } : {}),
    };
    const fork = em.fork();
    fork.setFilterParams('tenant', { tenantId: conversation.tenantId });
    messageId = await insertRow(fork, draft, 'received');
    if (messageId === undefined) {
      const earlier = await em.findOne(Message, { tenantId: conversation.tenantId, idempotencyKey: draft.idempotencyKey }, NO_TENANT_FILTER);
      return {
        intent,
        tenantId: conversation.tenantId,
        ...(customer ? { customerId: customer.id } : {}),
        ...(earlier?.appointmentId ? { appointmentId: earlier.appointmentId } : {}),
        ...(earlier ? { messageId: earlier.id } : {}),
        duplicate: true,
      };
    }
    await em.nativeUpdate(Message, { id: messageId }, { providerMessageId: input.messageSid ?? null, sentAt: now }, NO_TENANT_FILTER);
  }

  const word = input.body.trim().toUpperCase().replace(/[.!?,;:'"\s]+$/g, '');
  if (intent === 'stop') {
    await em.nativeUpdate(Customer, { ...tenantScope, phone, smsOptedOutAt: null }, { smsOptedOutAt: now }, NO_TENANT_FILTER);
  } else if (intent === 'start') {
    await em.nativeUpdate(Customer, { ...tenantScope, phone }, { smsOptedOutAt: null, smsOptIn: true }, NO_TENANT_FILTER);
  } else if (intent === 'confirm' && word === 'YES') {
    // Carriers treat YES like START: the number is subscribed again whatever we do, so mirror it.
    await em.nativeUpdate(Customer, { ...tenantScope, phone, smsOptedOutAt: { $ne: null } }, { smsOptedOutAt: null }, NO_TENANT_FILTER);
  }

  let reply: string | undefined;
  if (intent === 'help' && conversation) {
    const tenant = await em.findOne(Tenant, { id: conversation.tenantId });
    reply = helpText(tenant?.name ?? 'Appointflow');
  }

  return {
    intent,
    ...(conversation ? { tenantId: conversation.tenantId } : {}),
    ...(customer ? { customerId: customer.id } : {}),
    ...(appointmentId ? { appointmentId } : {}),
    ...(messageId ? { messageId } : {}),
    ...(reply ? { reply } : {}),
    duplicate: false,
  };
}

export interface StatusCallback {
  MessageSid: string;
  MessageStatus: string;
  ErrorCode?: string | number | null;
  Price?: string | number | null;
  PriceUnit?: string | null;
}

export interface StatusCallbackResult {
  updated: boolean;
  messageId?: string;
  tenantId?: string;
  status?: MessageStatus;
}

/** Callbacks arrive out of order: a later stage never goes back to an earlier one. */
const RANK: Partial<Record<MessageStatus, number>> = { queued: 0, sending: 0, sent: 1, delivered: 2, undelivered: 2, failed: 2 };

/** Twilio's delivery report for an outbound message: status, error code and price. */
export async function handleStatusCallback(em: EntityManager, input: StatusCallback, now: Date = new Date()): Promise<StatusCallbackResult> {
  const row = await em.findOne(Message, { providerMessageId: input.MessageSid, direction: 'outbound' }, NO_TENANT_FILTER);
  if (!row) return { updated: false };
  const next = mapTwilioStatus(String(input.MessageStatus ?? ''));
  const changes: Partial<Message> = {};
  if (next && next !== 'received' && (RANK[next] ?? 0) > (RANK[row.status as MessageStatus] ?? 0)) {
    changes.status = next;
    if (next === 'delivered') changes.deliveredAt = now;
  }
  const errorCode = input.ErrorCode === undefined || input.ErrorCode === null || input.ErrorCode === '' ? undefined : String(input.ErrorCode);
  if (errorCode && errorCode !== row.errorCode) changes.errorCode = errorCode;
  const price = input.Price === undefined || input.Price === null || input.Price === '' ? NaN : Number(input.Price);
  if (Number.isFinite(price)) {
    changes.priceMicros = Math.round(Math.abs(price) * 1_000_000);
    if (input.PriceUnit) changes.priceCurrency = input.PriceUnit.toUpperCase();
  }
  if (Object.keys(changes).length === 0) return { updated: false, messageId: row.id, tenantId: row.tenantId, status: row.status };
  await em.nativeUpdate(Message, { id: row.id }, { ...changes, updatedAt: now }, NO_TENANT_FILTER);
  return { updated: true, messageId: row.id, tenantId: row.tenantId, status: changes.status ?? row.status };
}
