import type { RunContext } from './context';

/** Events a trigger can start a run on. */
export const TRIGGER_EVENTS = [
  'appointment.booked',
  'appointment.confirmed',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.checked_in',
  'appointment.completed',
  'appointment.no_show',
  'customer.created',
  'payment.received',
  'vaccination.recorded',
  'message.received',
  'schedule',
  'manual',
] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

/** Events delivered to a run in flight (forwarded by the entity workflow); what waitForEvent can listen for. */
export const RUN_EVENTS = [
  'appointment.confirmed',
  'appointment.rescheduled',
  'appointment.cancelled',
  'appointment.checked_in',
  'appointment.completed',
  'appointment.no_show',
  'message.received',
  'payment.received',
  'vaccination.renewed',
] as const;
export type RunEventType = (typeof RUN_EVENTS)[number];

export type ReplyIntent = 'confirm' | 'cancel' | 'stop' | 'start' | 'help' | 'other';

export interface RunEvent {
  type: RunEventType;
  /** ISO-8601 time the event happened. */
  at: string;
  /** Fields of the appointment after the change (rescheduled: startsAt/endsAt; cancelled: cancelReason…). */
  appointment?: Record<string, unknown>;
  /** Fields of the customer after the change. */
  customer?: Record<string, unknown>;
  /** Fields of the vaccination after the change. */
  vaccination?: Record<string, unknown>;
  /** message.received */
  body?: string;
  intent?: ReplyIntent;
  channel?: 'sms' | 'whatsapp' | 'email';
  data?: Record<string, unknown>;
}

const CONFIRM = new Set(['C', 'Y', 'YES', 'CONFIRM', 'CONFIRMED']);
const CANCEL = new Set(['X', 'N', 'NO']);
// Twilio's carrier-level opt-out keywords include CANCEL, so CANCEL must mean STOP here too.
const STOP = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT']);
const START = new Set(['START', 'UNSTOP']);
const HELP = new Set(['HELP', 'INFO']);

/** What a one-word reply means: C/YES confirm, X/NO cancel, STOP… opt out, START opt in, HELP. */
export function parseReplyIntent(body: string): ReplyIntent {
  const word = String(body ?? '')
    .trim()
    .toUpperCase()
    .replace(/[.!?,;:'"\s]+$/g, '')
    .replace(/^['"\s]+/g, '');
  if (CONFIRM.has(word)) return 'confirm';
  if (CANCEL.has(word)) return 'cancel';
  if (STOP.has(word)) return 'stop';
  if (START.has(word)) return 'start';
  if (HELP.has(word)) return 'help';
  return 'other';
}

const STATUS_BY_EVENT: Partial<Record<RunEventType, string>> = {
  'appointment.confirmed': 'confirmed',
  'appointment.cancelled': 'cancelled',
  'appointment.checked_in': 'checked_in',
  'appointment.completed': 'completed',
  'appointment.no_show': 'no_show',
};

/**
 * The context after an event: appointment/customer/vaccination fields updated (a reschedule moves
 * appointment.startsAt, which re-resolves anchored waits), and `lastEvent` set. Pure.
 */
export function applyEvent(context: RunContext, event: RunEvent): RunContext {
  const next: RunContext = { ...context };
  if (context.appointment) {
    const appointment = { ...context.appointment, ...(event.appointment ?? {}) } as NonNullable<RunContext['appointment']>;
    const status = STATUS_BY_EVENT[event.type];
    if (status) appointment.status = status;
    if (event.type === 'appointment.checked_in' && appointment.arrivedAt === undefined) appointment.arrivedAt = event.at;
    if (event.type === 'appointment.rescheduled' && appointment.startsAt !== context.appointment.startsAt) {
      appointment.previousStartsAt = context.appointment.startsAt;
    }
    next.appointment = appointment;
  }
  if (context.customer) {
    const customer = { ...context.customer, ...(event.customer ?? {}) } as NonNullable<RunContext['customer']>;
    if (event.type === 'message.received' && (event.channel ?? 'sms') === 'sms') {
      if (event.intent === 'stop') customer.smsOptIn = false;
      if (event.intent === 'start') customer.smsOptIn = true;
    }
    next.customer = customer;
  }
  if (context.vaccination && event.vaccination) next.vaccination = { ...context.vaccination, ...event.vaccination };
  const lastEvent: NonNullable<RunContext['lastEvent']> = { type: event.type, at: event.at };
  if (event.body !== undefined) lastEvent.body = event.body;
  if (event.intent !== undefined) lastEvent.intent = event.intent;
  else if (event.body !== undefined) lastEvent.intent = parseReplyIntent(event.body);
  if (event.channel !== undefined) lastEvent.channel = event.channel;
  if (event.data !== undefined) lastEvent.data = event.data;
  next.lastEvent = lastEvent;
  return next;
}
