import { createHash } from 'node:crypto';
import { type MikroORM, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { AuditLog, Message, MessageTemplate } from '../../db/entities';
import { renderTemplate } from '../messaging/render';
import type { ActionOutcome } from './action-outcome';
import { actionFailure } from './errors';
import { tenantEm } from './scope';

export interface NotifyStaffInput {
  tenantId: string;
  idempotencyKey: string;
  /** Handlebars text over the context, or the key of a MessageTemplate. */
  message?: string;
  templateId?: string;
  variables?: Record<string, unknown>;
  /** live (default): the staff feed; email / sms: the outbox, to the appointment's staff member. */
  channel?: 'live' | 'email' | 'sms';
  context: Record<string, unknown>;
  runId?: string;
  nodeId?: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * Tells the staff something an automation found (a customer who did not confirm…). `live` writes
 * an AuditLog row the staff feed shows; email and sms write an outbox Message to the staff member.
 * The idempotency key makes a retry write nothing new.
 */
export function createNotifyStaffActivity(deps: { orm: MikroORM }) {
  return async function notifyStaff(input: NotifyStaffInput): Promise<ActionOutcome> {
    const em = tenantEm(deps.orm, input.tenantId);
    const text = await staffText(em, input);
    const channel = input.channel ?? 'live';
    const appointmentId = str((input.context.appointment as Record<string, unknown> | undefined)?.id);
    if (channel === 'live') {
      const existing = await em.findOne(AuditLog, { action: 'automation.staff_notified', requestId: digest(input.idempotencyKey) });
      if (existing) return { status: 'ok', detail: 'staff already notified', output: { auditLogId: existing.id } };
      const row = em.create(AuditLog, {
        tenantId: input.tenantId,
        action: 'automation.staff_notified',
        entityType: appointmentId ? 'appointment' : 'automation_run',
        entityId: appointmentId ?? input.runId,
        reason: text,
        changes: { idempotencyKey: input.idempotencyKey, nodeId: input.nodeId ?? null, runId: input.runId ?? null },
        requestId: digest(input.idempotencyKey),
      });
      await em.flush();
      return { status: 'ok', detail: 'staff notified (live)', output: { auditLogId: row.id, text } };
    }
    const staff = (input.context.staff ?? {}) as Record<string, unknown>;
    const tenant = (input.context.tenant ?? {}) as Record<string, unknown>;
    const to = channel === 'email' ? str(staff.email) ?? str(tenant.email) : str(staff.phone) ?? str(tenant.phone);
    if (!to) throw actionFailure('NoRecipient', `no staff ${channel === 'email' ? 'email address' : 'phone number'} to notify`);
    const existing = await em.findOne(Message, { idempotencyKey: input.idempotencyKey });
    if (existing) return { status: 'ok', detail: `staff already notified by ${channel}`, output: { messageId: existing.id, to } };
    const message = em.create(Message, {
      tenantId: input.tenantId,
      appointmentId,
      channel,
      to,
      subject: channel === 'email' ? 'Automation notice' : undefined,
      body: text,
      status: 'sent',
      provider: 'outbox',
      idempotencyKey: input.idempotencyKey,
      automationRunId: input.runId,
      nodeId: input.nodeId,
      sentAt: new Date(),
    });
    try {
      await em.flush();
    } catch (err) {
      // A concurrent attempt with the same key wrote it first.
      if (err instanceof UniqueConstraintViolationException) return { status: 'ok', detail: `staff already notified by ${channel}`, output: { to } };
      throw err;
    }
    return { status: 'ok', detail: `staff notified by ${channel}`, output: { messageId: message.id, to, text } };
  };
}
async function staffText(em: ReturnType<typeof tenantEm>, input: NotifyStaffInput): Promise<string> {
  if (input.message !== undefined) {
    return renderTemplate({ channel: 'email', body: input.message }, input.context, { variables: input.variables }).body;
  }
  const template = await em.findOne(MessageTemplate, { key: input.templateId ?? '' });
  if (!template) throw actionFailure('TemplateNotFound', `template "${input.templateId}" not found`);
  return renderTemplate({ channel: 'email', subject: null, body: template.body }, input.context, { variables: input.variables }).body;
}

/** AuditLog.requestId is 64 characters: a stable digest of the idempotency key fits it. */
function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
