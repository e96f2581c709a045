import { ApplicationFailure } from '@temporalio/common';
import {
  type ActionResult,
  type AutomationDefinition,
  completeAction,
  type RunContext,
  type RunIds,
  startRun,
  step,
} from '../../workflows/dsl';
import type { ActionOutcome } from '../automation/action-outcome';
import type { ChangeCustomerTagInput } from '../automation/customer-tags';
import type { SendMessageInput, SendMessageResult } from '../messaging/send-message';

export type RecipientStatus = 'sent' | 'skipped' | 'failed' | 'held' | 'retry';

export interface RecipientOutcome {
  status: RecipientStatus;
  variant?: string;
  messageId?: string;
  /** Why not sent: opted_out, no_consent, quiet_hours, 21610, SendInProgress… */
  reason?: string;
  /** held / retry: when to try again (ISO-8601). */
  notBefore?: string;
}

export interface RecipientRun {
  tenantId: string;
  campaignId: string;
  automationId: string;
  definition: AutomationDefinition;
  context: RunContext & { customer: { id: string; marketingOptIn?: unknown } };
  /** Rows the batch loaded once for all its recipients (the send activity would load them per send). */
  preloaded?: SendMessageInput['preloaded'];
  /** The customer wrote to us in the last 24 h: WhatsApp may send free text (else only an approved template). */
  whatsappWindowOpen?: boolean;
  /** The campaign's quiet hours; absent: the worker's default. */
  quietHours?: { start: string; end: string };
  /** Forced A/B variant (the winner, for the rest of the audience). */
  variant?: string;
  now: () => number;
  sendMessage: (input: SendMessageInput) => Promise<SendMessageResult>;
  changeCustomerTag: (input: ChangeCustomerTagInput) => Promise<ActionOutcome>;
}

const CHANNEL = { sendSms: 'sms', sendWhatsApp: 'whatsapp', sendEmail: 'email' } as const;
/** A send another attempt may still own (a worker died mid-send): reconciled after the outbox grace. */
const RETRY_AFTER_MS = 75_000;

/** The key prefix of a campaign recipient's sends: one "workflow" per (campaign, customer). */
export function recipientRunIds(campaignId: string, customerId: string, automationId: string): RunIds {
  return { workflowId: `campaign:${campaignId}:${customerId}`, automationId };
}

/**
 * Walks the campaign's automation for one recipient with the DSL step machine (the interpreter's
 * semantics, without a workflow per recipient: a campaign graph never waits). Each send's key is
 * `af:campaign:<campaign>:<customer>/<automation>/<node>/<n>`: one per (campaign, recipient,
 * variant node), so running a recipient again — after a crash, or when quiet hours end — sends
 * nothing twice. Held (quiet hours) and interrupted sends stop the walk; the next pass repeats it.
 */
export async function runRecipient(run: RecipientRun): Promise<RecipientOutcome> {
  const { definition, campaignId, tenantId } = run;
  const customerId = run.context.customer.id;
  // Campaigns are marketing: only to customers who agreed to it (channel opt-ins and STOP are checked per send).
  if (run.context.customer.marketingOptIn !== true) return { status: 'skipped', reason: 'no_marketing_consent', ...(run.variant ? { variant: run.variant } : {}) };
  const ids = recipientRunIds(campaignId, customerId, run.automationId);
  let state = startRun({ definition, at: run.now() });
  let context: RunContext = run.context;
  let variant = run.variant;
  const sends: RecipientOutcome[] = [];

  for (let guard = 0; guard < 500; guard += 1) {
    const out = step({ definition, state, context, now: run.now(), ids });
    state = out.state;
    context = out.context;
    const d = out.decision;
    if (d.kind === 'goto') {
      if (d.nodeType === 'split' && run.variant === undefined) variant = d.handle;
      continue;
    }
    if (d.kind === 'end') break;
    if (d.kind !== 'action') {
      sends.push({ status: 'skipped', reason: 'campaign_cannot_wait' });
      break;
    }
    let result: ActionResult;
    if (d.actionType === 'sendSms' || d.actionType === 'sendWhatsApp' || d.actionType === 'sendEmail') {
      const sent = await send(run, {
        tenantId,
        idempotencyKey: d.idempotencyKey,
        channel: CHANNEL[d.actionType],
        customerId,
        templateId: String(d.input.templateId),
        ...(d.input.variables ? { variables: d.input.variables as Record<string, unknown> } : {}),
        context: context as Record<string, unknown>,
        nodeId: d.nodeId,
        campaignId,
        ...(variant ? { variant } : {}),
        ...(run.quietHours ? { quietHours: run.quietHours } : {}),
        ...(run.preloaded ? { preloaded: run.preloaded } : {}),
        ...(d.actionType === 'sendWhatsApp' && !run.whatsappWindowOpen ? { approvedTemplateOnly: true } : {}),
      });
      if (variant) sent.variant = variant;
      if (sent.status === 'held' || sent.status === 'retry') return sent;
      sends.push(sent);
      result = sent.status === 'sent' ? { status: 'ok' } : { status: sent.status, detail: sent.reason ?? sent.status };
    } else if (d.actionType === 'addTag' || d.actionType === 'removeTag') {
      result = await run.changeCustomerTag({ tenantId, customerId, tag: String(d.input.tag), operation: d.actionType === 'addTag' ? 'add' : 'remove' });
    } else {
      result = { status: 'skipped', detail: `${d.actionType} is not available in campaigns` };
    }
    const done = completeAction({ definition, state, context, now: run.now(), ids, result });
    state = done.state;
    context = done.context;
    if (done.decision.kind === 'end') break;
  }
  return (
    sends.find((s) => s.status === 'sent') ??
    sends.find((s) => s.status === 'failed') ??
    sends[0] ?? { status: 'skipped', reason: 'no_message_on_path', ...(variant ? { variant } : {}) }
  );
}

async function send(run: RecipientRun, input: SendMessageInput): Promise<RecipientOutcome> {
  try {
    const result = await run.sendMessage(input);
    const messageId = result.messageId ? { messageId: result.messageId } : {};
    if (result.status === 'sent') return { status: 'sent', ...messageId };
    if (result.status === 'skipped' && result.reason === 'quiet_hours' && result.notBefore) {
      return { status: 'held', reason: 'quiet_hours', notBefore: result.notBefore, ...messageId };
    }
    return { status: result.status, reason: result.reason ?? result.status, ...messageId };
  } catch (err) {
    if (err instanceof ApplicationFailure && err.nonRetryable) {
      const details = (err.details?.[0] ?? {}) as { messageId?: string; errorCode?: string };
      return { status: 'failed', reason: details.errorCode ?? err.type ?? 'failed', ...(details.messageId ? { messageId: details.messageId } : {}) };
    }
    // In progress elsewhere, in doubt, or the provider is down for now: this pass leaves it for the next.
    const type = err instanceof ApplicationFailure && err.type ? err.type : 'SendError';
    return { status: 'retry', reason: type.slice(0, 60), notBefore: new Date(run.now() + RETRY_AFTER_MS).toISOString() };
  }
}
