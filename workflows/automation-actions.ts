import { ActivityFailure, ApplicationFailure, isCancellation, proxyActivities } from '@temporalio/workflow';
import type { ActionOutcome, Activities } from '../activities';
import { NON_RETRYABLE_ACTION_ERRORS } from './automation-run-contract';
import type { APPOINTMENT_STATUSES, Decision, RunContext } from './dsl';

type ActionDecision = Extract<Decision, { kind: 'action' }>;

const nonRetryableErrorTypes = [...NON_RETRYABLE_ACTION_ERRORS];

/** Sends are idempotent (outbox row keyed by the idempotency key), so retrying them is safe. */
const messaging = proxyActivities<Pick<Activities, 'sendMessage'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 12, nonRetryableErrorTypes },
});

/** Database effects: quick, transactional, idempotent. */
const records = proxyActivities<
  Pick<Activities, 'updateAppointmentStatus' | 'chargeNoShowFee' | 'adjustReputation' | 'changeCustomerTag' | 'notifyStaff'>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20, nonRetryableErrorTypes },
});

/** An owner's endpoint may be down for a while: back off further; the request carries its idempotency key. */
const webhooks = proxyActivities<Pick<Activities, 'callWebhook'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: 8, nonRetryableErrorTypes },
});

const CHANNEL = { sendSms: 'sms', sendWhatsApp: 'whatsapp', sendEmail: 'email' } as const;
const NOT_CONNECTED: Record<string, string> = {
  syncCalendar: 'no calendar is connected',
  createMeeting: 'no video provider is connected',
  notifyWaitlist: 'the waitlist is notified by the booking service',
};

export interface ActionEnv {
  tenantId: string;
  context: RunContext;
  /** The AutomationRun row, for the Message rows the action writes. */
  runRowId: string;
  /** ISO-8601 workflow time. */
  now: string;
}

const id = (section: Record<string, unknown> | undefined): string | undefined =>
  typeof section?.id === 'string' && section.id !== '' ? section.id : undefined;

/** Runs one action decision through its activity and answers what the step machine needs. */
export async function runAction(decision: ActionDecision, env: ActionEnv): Promise<ActionOutcome> {
  try {
    return await dispatch(decision, env);
  } catch (err) {
    if (isCancellation(err)) throw err;
    const cause = err instanceof ActivityFailure ? err.cause : err;
    const type = cause instanceof ApplicationFailure && cause.type ? `${cause.type}: ` : '';
    return { status: 'failed', detail: `${type}${cause instanceof Error ? cause.message : String(cause)}` };
  }
}

async function dispatch(decision: ActionDecision, env: ActionEnv): Promise<ActionOutcome> {
  const { input, idempotencyKey, nodeId } = decision;
  const { tenantId, context } = env;
  const appointmentId = id(context.appointment);
  const customerId = id(context.customer);
  switch (decision.actionType) {
    case 'sendSms':
    case 'sendWhatsApp':
    case 'sendEmail': {
      if (!customerId) return { status: 'skipped', detail: 'the run has no customer to send to' };
      const result = await messaging.sendMessage({
        tenantId,
        idempotencyKey,
        channel: CHANNEL[decision.actionType],
        customerId,
        ...(appointmentId ? { appointmentId } : {}),
        templateId: String(input.templateId),
        ...(input.variables ? { variables: input.variables as Record<string, unknown> } : {}),
        ...(input.attachIcs === true ? { attachIcs: true } : {}),
        context,
        runId: env.runRowId,
        nodeId,
      });
      const output = { messageId: result.messageId ?? null, channel: CHANNEL[decision.actionType] };
      const why = [result.reason, result.detail].filter(Boolean).join(': ');
      if (result.status === 'sent') return { status: 'ok', detail: 'sent', output };
      if (result.status === 'skipped' && result.reason === 'quiet_hours' && result.notBefore) {
        return { status: 'skipped', detail: why, output, deferUntil: result.notBefore };
      }
      if (result.status === 'skipped') return { status: 'skipped', detail: why || 'not sent', output };
      return { status: 'failed', detail: why || 'the provider refused the message', output };
    }
    case 'updateAppointment':
      if (!appointmentId) return { status: 'failed', detail: 'the run has no appointment' };
      return records.updateAppointmentStatus({
        tenantId,
        appointmentId,
        status: input.status as (typeof APPOINTMENT_STATUSES)[number],
        ...(typeof input.reason === 'string' ? { reason: input.reason } : {}),
        at: env.now,
      });
    case 'chargeNoShowFee':
      if (!appointmentId) return { status: 'failed', detail: 'the run has no appointment' };
      return records.chargeNoShowFee({
        tenantId,
        appointmentId,
        mode: input.mode as 'fixed' | 'escalating',
        amountsCents: input.amountsCents as number[],
        idempotencyKey,
      });
    case 'adjustReputation':
      if (!customerId) return { status: 'skipped', detail: 'the run has no customer' };
      return records.adjustReputation({
        tenantId,
        customerId,
        ...(appointmentId ? { appointmentId } : {}),
        delta: Number(input.delta),
        reason: String(input.reason),
        idempotencyKey,
      });
    case 'addTag':
    case 'removeTag':
      if (!customerId) return { status: 'skipped', detail: 'the run has no customer' };
      return records.changeCustomerTag({ tenantId, customerId, tag: String(input.tag), operation: decision.actionType === 'addTag' ? 'add' : 'remove' });
    case 'notifyStaff':
      return records.notifyStaff({
        tenantId,
        idempotencyKey,
        ...(typeof input.message === 'string' ? { message: input.message } : {}),
        ...(typeof input.templateId === 'string' ? { templateId: input.templateId } : {}),
        ...(input.variables ? { variables: input.variables as Record<string, unknown> } : {}),
        ...(input.channel ? { channel: input.channel as 'live' | 'email' | 'sms' } : {}),
        context,
        runId: env.runRowId,
        nodeId,
      });
    case 'webhook':
      return webhooks.callWebhook({
        idempotencyKey,
        url: String(input.url),
        method: input.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
        ...(input.headers ? { headers: input.headers as Record<string, string> } : {}),
        ...(input.body !== undefined ? { body: input.body } : {}),
        context,
      });
    default:
      return { status: 'skipped', detail: NOT_CONNECTED[decision.actionType] ?? `${decision.actionType} is not available` };
  }
}
