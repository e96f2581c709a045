import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import type { CountryCode } from 'libphonenumber-js';
import { Customer, type Message, MessageTemplate, Tenant } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import { checkConsent, DEFAULT_QUIET_HOURS, type QuietHours } from './consent';
import { buildAppointmentIcs } from './ics';
import { claimRow, findByKey, insertRow, isSettled, markAttemptFailed, markSent, type MessageDraft } from './outbox-store';
import { emailFromOf, type MessagingConfig, ProviderError, type Providers, publicUrlOf, type SendResult } from './providers';
import { renderTemplate, TemplateRenderError } from './render';
import { resolveRecipient } from './recipient';

export type SendChannel = 'sms' | 'whatsapp' | 'email';

/**
 * The Message-ID of an email: the same for every attempt of one send, so mailbox providers drop a
 * resend after a crash. A digest of the key, because keys of automation sends run past the
 * 80 characters a provider id may take (and past what some servers accept in a Message-ID).
 */
export function emailMessageId(idempotencyKey: string, publicUrl: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 32);
  return `<af.${digest}@${new URL(publicUrl).hostname}>`;
}

export interface SendMessageInput {
  tenantId: string;
  /** From (appointment workflow id, automation, node, occurrence): the same send, the same key. */
  idempotencyKey: string;
  channel: SendChannel;
  customerId: string;
  appointmentId?: string;
  /** The MessageTemplate key. */
  templateId: string;
  variables?: Record<string, unknown>;
  attachIcs?: boolean;
  /** The run context (workflows/dsl/context.ts). */
  context: Record<string, unknown>;
  runId?: string;
  nodeId?: string;
  campaignId?: string;
  variant?: string;
  /** A campaign's own quiet hours (null: none); absent: the worker's setting. */
  quietHours?: QuietHours | null;
  /**
   * Rows the caller loaded already, for in-process calls only (a campaign batch loads them once
   * for hundreds of sends); never passed through Temporal.
   */
  preloaded?: { tenant?: Tenant; customer?: Customer; templates?: ReadonlyMap<string, MessageTemplate> };
  /**
   * WhatsApp to a customer who has not written in the last 24 h: only the template's approved
   * Content SID may be sent (variables as its content variables); without one the send fails
   * (`TemplateNotApproved`, non-retryable) instead of being refused by WhatsApp (63016).
   */
  approvedTemplateOnly?: boolean;
}

export interface SendMessageResult {
  status: 'sent' | 'skipped' | 'failed';
  messageId?: string;
  providerMessageId?: string;
  /** skipped: opted_out | no_consent | no_address | invalid_address | quiet_hours; failed: the error code. */
  reason?: string;
  detail?: string;
  /** quiet_hours: when the same send (same key) would be allowed. */
  notBefore?: string;
}

export interface SendMessageOptions {
  quietHours?: QuietHours | null;
  /** How long an attempt may be in flight; after it a `sending` row is reconciled. Above the provider timeout. */
  inFlightGraceMs?: number;
  defaultCountry?: CountryCode;
  now?: () => Date;
}

export interface SendMessageDeps {
  orm: MikroORM;
  logger: Logger;
  providers: Providers;
  config: Partial<MessagingConfig>;
  options?: SendMessageOptions;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function resultOf(row: Message): SendMessageResult {
  const base = { messageId: row.id, ...(row.providerMessageId ? { providerMessageId: row.providerMessageId } : {}) };
  if (row.status === 'failed') return { status: 'failed', ...base, ...(row.errorCode ? { reason: row.errorCode } : {}), ...(row.errorMessage ? { detail: row.errorMessage } : {}) };
  if (row.status === 'suppressed') return { status: 'skipped', ...base, ...(row.errorCode ? { reason: row.errorCode } : {}) };
  return { status: 'sent', ...base };
}

const nonRetryable = (message: string, type: string, details?: unknown) =>
  ApplicationFailure.create({ message, type, nonRetryable: true, details: details === undefined ? undefined : [details] });

interface Prepared {
  draft: MessageDraft;
  consent: ReturnType<typeof checkConsent> | { allowed: false; reason: string; detail: string; notBefore?: string };
  deliver: (messageId: string) => Promise<SendResult>;
}

/**
 * The send activity. One Message row per (tenant, idempotency key) is written before any
 * provider call; a retry, a duplicate call or a worker crash finds it and never sends twice.
 * See docs/messaging.md for the crash-recovery rule.
 */
export function createSendMessage(deps: SendMessageDeps) {
  const opts = deps.options ?? {};
  const clock = opts.now ?? (() => new Date());
  const graceMs = opts.inFlightGraceMs ?? 60_000;
  const quietHours = opts.quietHours === undefined ? DEFAULT_QUIET_HOURS : opts.quietHours;
  const publicUrl = publicUrlOf(deps.config);

  async function prepare(em: EntityManager, input: SendMessageInput): Promise<Prepared> {
    const given = input.preloaded;
    const [tenant, customer, template] = await Promise.all([
      given?.tenant ?? em.findOne(Tenant, { id: input.tenantId }),
      given?.customer ?? em.findOne(Customer, { id: input.customerId }),
      given?.templates?.get(input.templateId) ?? em.findOne(MessageTemplate, { key: input.templateId }),
    ]);
    if (!tenant) throw nonRetryable(`tenant ${input.tenantId} not found`, 'TenantNotFound');
    if (!customer) throw nonRetryable(`customer ${input.customerId} not found`, 'CustomerNotFound');
    if (!template) throw nonRetryable(`template "${input.templateId}" not found`, 'TemplateNotFound');
    if ((template.channel === 'email') !== (input.channel === 'email')) {
      throw nonRetryable(`template "${template.key}" is for ${template.channel}, not ${input.channel}`, 'TemplateChannelMismatch');
    }
    if (input.channel === 'whatsapp' && input.approvedTemplateOnly && !template.whatsappContentSid) {
      throw nonRetryable(`template "${template.key}" has no approved WhatsApp template, needed outside the 24 h window`, 'TemplateNotApproved');
    }
    const zone = customer.timezone ?? tenant.timezone;
    let rendered;
    try {
      rendered = renderTemplate(template, input.context, { publicUrl, variables: input.variables, fallbackZone: zone });
    } catch (err) {
      if (err instanceof TemplateRenderError) throw nonRetryable(`template "${template.key}": ${err.message}`, 'TemplateError');
      throw err;
    }
    const recipient = resolveRecipient(customer, input.channel, opts.defaultCountry);
    const provider = deps.providers[input.channel];
    const draft: MessageDraft = {
      tenantId: input.tenantId,
      customerId: customer.id,
      channel: input.channel,
      to: recipient.ok ? recipient.address : (input.channel === 'email' ? customer.email : customer.phone) ?? '',
      body: rendered.body,
      provider: provider.name,
      idempotencyKey: input.idempotencyKey,
      ...(rendered.subject !== undefined ? { subject: rendered.subject.slice(0, 300) } : {}),
      ...(input.appointmentId ? { appointmentId: input.appointmentId } : {}),
      ...(input.campaignId ? { campaignId: input.campaignId } : {}),
      ...(input.variant ? { variant: input.variant } : {}),
      ...(input.runId && UUID.test(input.runId) ? { automationRunId: input.runId } : {}),
      ...(input.nodeId ? { nodeId: input.nodeId } : {}),
    };
    const consent = recipient.ok
      ? checkConsent({
          customer,
          channel: input.channel,
          kind: input.appointmentId && !input.campaignId ? 'transactional' : 'marketing',
          now: clock(),
          zone,
          quietHours: input.quietHours === undefined ? quietHours : input.quietHours,
        })
      : { allowed: false as const, reason: recipient.reason, detail: recipient.detail };

    const deliver = async (messageId: string): Promise<SendResult> => {
      if (input.channel !== 'email') {
        const approved = input.channel === 'whatsapp' && input.approvedTemplateOnly ? template.whatsappContentSid : undefined;
        const contentVariables = input.variables ? Object.fromEntries(Object.entries(input.variables).map(([k, v]) => [k, String(v)])) : undefined;
        return deps.providers[input.channel].send({
          channel: input.channel,
          to: draft.to,
          body: draft.body,
          messageId,
          ...(approved ? { contentSid: approved, ...(contentVariables ? { contentVariables } : {}) } : {}),
        });
      }
      const from = emailFromOf(deps.config);
      const replyTo = typeof (input.context.tenant as { email?: unknown } | undefined)?.email === 'string'
        ? ((input.context.tenant as { email: string }).email)
        : undefined;
      const ics = input.attachIcs
        ? buildAppointmentIcs({
            context: input.context,
            uidDomain: new URL(publicUrl).hostname,
            organizer: { name: tenant.name, email: replyTo ?? from },
            attendee: { name: customer.name, email: draft.to },
            now: clock(),
          })
        : undefined;
      return deps.providers.email.send({
        to: draft.to,
        toName: customer.name,
        fromName: tenant.name,
        ...(replyTo ? { replyTo } : {}),
        subject: draft.subject ?? template.name,
        text: draft.body,
        ...(ics ? { ics } : {}),
        messageIdHeader: emailMessageId(input.idempotencyKey, publicUrl),
        messageId,
      });
    };
    return { draft, consent, deliver };
  }

  async function deliverAndRecord(em: EntityManager, input: SendMessageInput, prepared: Prepared, messageId: string): Promise<SendMessageResult> {
    const log = deps.logger.child({ tenantId: input.tenantId, messageId, channel: input.channel, appointmentId: input.appointmentId, runId: input.runId, nodeId: input.nodeId });
    let result: SendResult;
    try {
      result = await prepared.deliver(messageId);
    } catch (err) {
      const pe = err instanceof ProviderError ? err : new ProviderError((err as Error).message ?? String(err), { code: 'UNKNOWN', permanent: false, notSent: false, cause: err });
      const now = clock();
      if (pe.permanent) {
        await markAttemptFailed(em, messageId, 'failed', { code: pe.code, message: pe.message }, now);
        if (pe.code === '21610' && input.channel !== 'email') {
          // The carrier holds a STOP for this number: mirror it so no further SMS is even attempted.
          await em.nativeUpdate(Customer, { id: input.customerId, smsOptedOutAt: null }, { smsOptedOutAt: now });
        }
        log.warn({ errorCode: pe.code }, 'recipient unreachable: message failed for good');
        throw nonRetryable(pe.message, 'RecipientUnreachable', { messageId, errorCode: pe.code });
      }
      await markAttemptFailed(em, messageId, pe.notSent ? 'queued' : 'sending', { code: pe.code, message: pe.message }, now);
      log.warn({ errorCode: pe.code, inDoubt: !pe.notSent }, 'send attempt failed; will retry');
      throw ApplicationFailure.create({ message: pe.message, type: pe.notSent ? 'ProviderUnavailable' : 'SendInDoubt', cause: pe });
    }
    await markSent(em, messageId, result, clock());
    log.info({ provider: prepared.draft.provider, providerMessageId: result.providerMessageId }, 'message sent');
    return { status: 'sent', messageId, providerMessageId: result.providerMessageId };
  }

  /** A `sending` row with no provider id: an attempt died mid-send. Did the provider take it? */
  async function reconcile(em: EntityManager, row: Message): Promise<SendMessageResult | undefined> {
    const provider = row.channel === 'email' ? undefined : deps.providers[row.channel];
    if (!provider?.findSent || provider.name !== row.provider) return undefined;
    const found = await provider.findSent({ channel: row.channel as 'sms' | 'whatsapp', to: row.to, body: row.body, since: row.createdAt });
    if (!found) return undefined;
    await markSent(em, row.id, found, clock());
    deps.logger.info({ tenantId: row.tenantId, messageId: row.id, providerMessageId: found.providerMessageId }, 'interrupted send found at the provider');
    return { status: 'sent', messageId: row.id, providerMessageId: found.providerMessageId };
  }

  return async function sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    if (!input.idempotencyKey) throw nonRetryable('idempotencyKey is required', 'InvalidInput');
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });

    for (let round = 0; round < 4; round += 1) {
      const row = await findByKey(em, input.idempotencyKey);
      if (row && isSettled(row)) return resultOf(row);
      if (row?.status === 'sending') {
        const age = clock().getTime() - row.updatedAt.getTime();
        if (age < graceMs) {
          throw ApplicationFailure.create({
            message: `message ${row.id} is being sent by another attempt (${Math.round(age / 1000)} s ago)`,
            type: 'SendInProgress',
          });
        }
        const recovered = await reconcile(em, row);
        if (recovered) return recovered;
      }

      const prepared = await prepare(em, input);
      const now = clock();
      if (!prepared.consent.allowed) {
        const { reason, detail } = prepared.consent;
        const notBefore = 'notBefore' in prepared.consent ? prepared.consent.notBefore : undefined;
        const error = { code: reason, message: detail };
        const id = row ? ((await claimRow(em, row, prepared.draft, 'suppressed', now, error)) ? row.id : undefined) : await insertRow(em, prepared.draft, 'suppressed', error);
        if (!id) continue;
        deps.logger.info({ tenantId: input.tenantId, messageId: id, channel: input.channel, reason }, 'message suppressed');
        return { status: 'skipped', messageId: id, reason, detail, ...(notBefore ? { notBefore } : {}) };
      }
      const id = row ? ((await claimRow(em, row, prepared.draft, 'sending', now)) ? row.id : undefined) : await insertRow(em, prepared.draft, 'sending');
      if (!id) continue;
      return deliverAndRecord(em, input, prepared, id);
    }
    throw ApplicationFailure.create({ message: `message ${input.idempotencyKey} is contended; retrying`, type: 'SendInProgress' });
  };
}
