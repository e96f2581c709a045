import { DateTime } from 'luxon';
import { type RunContext } from './context';
import { parseReplyIntent, type RunEvent } from './events';
import { type AutomationDefinition } from './schema';
import {
  completeAction,
  receiveEvent,
  startRun,
  step,
  type ActionResult,
  type Decision,
  type EndReason,
  type RunIds,
  type RunState,
} from './semantics';
import { tenantZone, toIso, toMillis } from './wait-time';

/** A scripted event: what happens to the appointment or the customer, and when. */
export type ScriptEvent =
  | { at: string | number; type: 'rescheduled'; startsAt: string; endsAt?: string }
  | { at: string | number; type: 'cancelled'; reason?: string }
  | { at: string | number; type: 'reply'; body: string; channel?: 'sms' | 'whatsapp' }
  | { at: string | number; type: 'confirmed' | 'checked_in' | 'completed' | 'no_show' };

export type SimulationEvent = ScriptEvent | RunEvent;

export interface SimulationEntry {
  /** ISO-8601 in the simulation zone. */
  at: string;
  nodeId: string;
  /** The node type, or `event` for a scripted event arriving. */
  type: string;
  handle?: string;
  /** An action not run because its time slot had passed (ifPast=skip). */
  skipped?: boolean;
  action?: { type: string; input: Record<string, unknown>; idempotencyKey: string; status: ActionResult['status'] };
  /** Node ids entered up to this entry. */
  path: string[];
  detail: string;
}

export interface SimulationResult {
  entries: SimulationEntry[];
  /** Every node entered, in order. */
  path: string[];
  /** The actions that ran (what would be sent, when). */
  actions: SimulationEntry[];
  endedBy: { reason: EndReason | 'horizon'; nodeId: string; at: string; detail: string };
}

export interface SimulationInput {
  definition: AutomationDefinition;
  context: Omit<RunContext, 'vars' | 'event'> & Partial<Pick<RunContext, 'vars' | 'event'>>;
  startAt: string | number;
  events?: SimulationEvent[];
  /** Zone for displayed times (default: the tenant's). */
  tz?: string;
  /** Stop when the next wake-up is later than this (default: 400 days after the last scripted time). */
  horizon?: string | number;
  ids?: Partial<RunIds>;
  /** How each action turns out; default: done, or skipped when the customer opted out of the channel. */
  actionResult?: (decision: Extract<Decision, { kind: 'action' }>, context: RunContext) => ActionResult;
}

const MAX_ITERATIONS = 20_000;
const DEFAULT_HORIZON_MS = 400 * 86_400_000;

/** The outcome the real send activity would have for opted-out customers (enforced there, mirrored here). */
export function defaultActionResult(decision: Extract<Decision, { kind: 'action' }>, context: RunContext): ActionResult {
  const customer: Record<string, unknown> = context.customer ?? {};
  const optIn: Record<string, string> = { sendSms: 'smsOptIn', sendWhatsApp: 'whatsappOptIn', sendEmail: 'emailOptIn' };
  const flag = optIn[decision.actionType];
  if (flag && customer[flag] === false) return { status: 'skipped', detail: `customer opted out (${flag} is false)` };
  return { status: 'ok', detail: 'done' };
}

/** A scripted event as the run events the entity workflow would forward. */
export function toRunEvents(event: SimulationEvent, context: Pick<RunContext, 'appointment'>): RunEvent[] {
  const at = typeof event.at === 'number' ? toIso(event.at) : event.at;
  switch (event.type) {
    case 'rescheduled': {
      const appointment = context.appointment;
      let endsAt = event.endsAt;
      if (endsAt === undefined && appointment?.endsAt && appointment.startsAt) {
        const length = toMillis(appointment.endsAt) - toMillis(appointment.startsAt);
        endsAt = DateTime.fromMillis(toMillis(event.startsAt) + length, { zone: DateTime.fromISO(event.startsAt, { setZone: true }).zone }).toISO() as string;
      }
      return [{ type: 'appointment.rescheduled', at, appointment: { startsAt: event.startsAt, ...(endsAt ? { endsAt } : {}) } }];
    }
    case 'cancelled':
      return [{ type: 'appointment.cancelled', at, appointment: { cancelReason: event.reason ?? 'cancelled' } }];
    case 'reply': {
      const intent = parseReplyIntent(event.body);
      const received: RunEvent = { type: 'message.received', at, body: event.body, intent, channel: event.channel ?? 'sms' };
      if (intent === 'confirm') return [received, { type: 'appointment.confirmed', at }];
      if (intent === 'cancel') return [received, { type: 'appointment.cancelled', at, appointment: { cancelReason: 'customer replied to cancel' } }];
      return [received];
    }
    case 'confirmed':
      return [{ type: 'appointment.confirmed', at }];
    case 'checked_in':
      return [{ type: 'appointment.checked_in', at, appointment: { arrivedAt: at } }];
    case 'completed':
      return [{ type: 'appointment.completed', at }];
    case 'no_show':
      return [{ type: 'appointment.no_show', at }];
    default:
      return [{ ...event, at }];
  }
}

function describeEvent(event: RunEvent): string {
  if (event.type === 'appointment.rescheduled') return `${event.type}: starts ${String(event.appointment?.startsAt)}`;
  if (event.type === 'message.received') return `${event.type}: "${event.body ?? ''}" (${event.intent ?? 'other'})`;
  return event.type;
}

/**
 * Runs the definition on a virtual clock through the same step machine as the interpreter: what
 * would be sent, when, and through which path, given a script of events.
 */
export function simulateTimeline(input: SimulationInput): SimulationResult {
  const { definition } = input;
  const startAt = toMillis(input.startAt);
  let context: RunContext = {
    ...input.context,
    vars: input.context.vars ?? {},
    event: input.context.event ?? { type: definition.trigger.event, at: toIso(startAt) },
  } as RunContext;
  const zone = input.tz ?? tenantZone(context);
  const ids: RunIds = { workflowId: input.ids?.workflowId ?? 'simulation', automationId: input.ids?.automationId ?? 'automation', ...(input.ids?.triggerKey ? { triggerKey: input.ids.triggerKey } : {}) };
  const actionResult = input.actionResult ?? defaultActionResult;

  const scripted = (input.events ?? [])
    .map((event, order) => ({ event, order, at: toMillis(event.at) }))
    .sort((a, b) => a.at - b.at || a.order - b.order);
  const lastScripted = scripted.length > 0 ? Math.max(startAt, ...scripted.map((item) => item.at)) : startAt;
  const horizon = input.horizon === undefined ? lastScripted + DEFAULT_HORIZON_MS : toMillis(input.horizon);

  const queue: Array<{ at: number; event: RunEvent }> = [];
  const entries: SimulationEntry[] = [];
  let state: RunState = startRun({ definition, at: startAt });
  let now = startAt;
  const planned = new Map<string, number>();

  const push = (entry: Omit<SimulationEntry, 'at' | 'path'>): void => {
    entries.push({ at: toIso(now, zone), path: [...state.path], ...entry });
  };
  const finish = (reason: EndReason | 'horizon', nodeId: string, detail: string): SimulationResult => ({
    entries,
    path: [...state.path],
    actions: entries.filter((entry) => entry.action !== undefined),
    endedBy: { reason, nodeId, at: toIso(now, zone), detail },
  });
  const nodeType = (id: string): string => definition.nodes.find((node) => node.id === id)?.type ?? 'unknown';

  let scriptIndex = 0;
  const nextEvent = (): { at: number; event: RunEvent } | undefined => {
    while (queue.length === 0 && scriptIndex < scripted.length) {
      const item = scripted[scriptIndex];
      scriptIndex += 1;
      if (!item) break;
      // Expanded lazily so a reschedule sees the appointment as it is by then.
      for (const event of toRunEvents(item.event, context)) queue.push({ at: item.at, event });
    }
    return queue[0];
  };

  for (let i = 0; i < MAX_ITERATIONS; i += 1) {
    const out = step({ definition, state, context, now, ids });
    state = out.state;
    context = out.context;
    const decision = out.decision;

    if (decision.kind === 'goto') {
      push({ nodeId: decision.nodeId, type: decision.nodeType, handle: decision.handle, detail: decision.detail, ...(decision.skipped ? { skipped: true } : {}) });
      continue;
    }
    if (decision.kind === 'end') {
      push({ nodeId: decision.nodeId, type: nodeType(decision.nodeId), detail: `${decision.reason}: ${decision.detail}` });
      return finish(decision.reason, decision.nodeId, decision.detail);
    }
    if (decision.kind === 'action') {
      const result = actionResult(decision, context);
      const done = completeAction({ definition, state, context, now, ids, result });
      push({
        nodeId: decision.nodeId,
        type: decision.actionType,
        action: { type: decision.actionType, input: decision.input, idempotencyKey: decision.idempotencyKey, status: result.status },
        detail: result.status === 'ok' ? (result.detail ?? 'done') : `${result.status}: ${result.detail ?? ''}`,
        handle: done.decision.kind === 'goto' ? done.decision.handle : undefined,
      });
      state = done.state;
      context = done.context;
      if (done.decision.kind === 'end') {
        push({ nodeId: done.decision.nodeId, type: nodeType(done.decision.nodeId), detail: `${done.decision.reason}: ${done.decision.detail}` });
        return finish(done.decision.reason, done.decision.nodeId, done.decision.detail);
      }
      continue;
    }

    const wake = decision.kind === 'sleepUntil' ? decision.at : decision.deadline;
    if (planned.get(decision.nodeId) !== wake) {
      planned.set(decision.nodeId, wake);
      push({ nodeId: decision.nodeId, type: nodeType(decision.nodeId), detail: decision.detail });
    }
    const upcoming = nextEvent();
    if (upcoming && upcoming.at < wake) {
      queue.shift();
      now = Math.max(now, upcoming.at);
      const received = receiveEvent({ definition, state, context, now, ids, event: upcoming.event });
      push({ nodeId: state.nodeId, type: 'event', detail: describeEvent(upcoming.event) });
      state = received.state;
      context = received.context;
      if (received.decision?.kind === 'goto') {
        planned.delete(received.decision.nodeId);
        push({ nodeId: received.decision.nodeId, type: 'waitForEvent', handle: 'event', detail: received.decision.detail });
      }
      continue;
    }
    if (wake > horizon) return finish('horizon', decision.nodeId, `still waiting at the horizon; next wake-up ${toIso(wake, zone)}`);
    now = Math.max(now, wake);
    planned.delete(decision.nodeId);
  }
  return finish('loopGuard', state.nodeId, `simulation stopped after ${MAX_ITERATIONS} iterations`);
}
