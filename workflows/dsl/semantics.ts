import { DateTime } from 'luxon';
import type { RunContext } from './context';
import { applyEvent, type RunEvent, type RunEventType } from './events';
import { chooseVariant, splitSeed } from './hash';
import { evaluateCondition, evaluateValue } from './logic';
import { type ActionNodeType, isActionType } from './action-types';
import { edgeHandle } from './graph';
import { FAILED_HANDLE, NEXT_HANDLE } from './nodes/spec';
import type { AutomationDefinition, AutomationNode, NodeOfType } from './schema';
import { resolveWaitUntil, tenantZone, toIso, toMillis } from './wait-time';

/**
 * THE node semantics, as a pure step machine shared by the Temporal interpreter and the simulator.
 *
 * The driver loop (interpreter or simulator):
 *   let { state, context } = startRun(...)
 *   loop: const out = step({ definition, state, context, now, ids })
 *     goto         → record the step, continue
 *     action       → run the activity, then completeAction(...) and record it
 *     sleepUntil   → block until `at` or an event; on an event call receiveEvent(...); then step again
 *     waitForEvent → block until `deadline` or an event; receiveEvent(...) may take the `event` exit
 *     end          → finish
 * Events are delivered only while the run is blocked, one at a time, each followed by stepping until
 * the run blocks again. Every function is pure: time comes in as `now`, never from a clock.
 */

export type EndReason = 'end' | 'goal' | 'actionFailed' | 'unwired' | 'loopGuard' | 'invalid';

export interface RunState {
  /** The node the run is at. */
  nodeId: string;
  /** Epoch ms the run entered the current node. */
  enteredAt: number;
  /** Node ids entered, in order (the most recent PATH_LIMIT). */
  path: string[];
  /** Times each node was entered; the occurrence in idempotency keys. */
  occurrences: Record<string, number>;
  /** Wake-up planned for the current wait, to tell "time elapsed" from "moved into the past". */
  plannedAt?: number;
  /** Set when a wait's time had passed with ifPast=skip: actions are skipped until the next wait. */
  skippingSince?: string;
  /** Transitions since the run last blocked; a run that never blocks is stopped (loopGuard). */
  stepsSinceBlock: number;
  steps: number;
}

export interface RunIds {
  /** The appointment (entity) workflow id, or the run's own stable workflow id. Never a run id. */
  workflowId: string;
  automationId: string;
  /**
   * Distinguishes several runs of one automation inside the same workflow (e.g. the sequence number
   * of the triggering event), so a second run's sends are not taken for the first run's retries.
   */
  triggerKey?: string;
}

export interface StepInput {
  definition: AutomationDefinition;
  state: RunState;
  context: RunContext;
  /** Epoch ms or ISO-8601: the workflow clock, or the simulator clock. */
  now: number | string;
  ids: RunIds;
  /**
   * A wait whose time was still ahead when the run was triggered (`context.event.at`) but has
   * passed by the time the run reaches it (a busy or restarted worker) is reached late, not past:
   * it goes on at once instead of following ifPast. Default true; runs recorded before this rule
   * replay with false (the interpreter's patch `late-wait-is-due`).
   */
  lateIsDue?: boolean;
}

export type Decision =
  | { kind: 'goto'; nodeId: string; nodeType: AutomationNode['type']; handle: string; to: string; detail: string; skipped?: boolean }
  | {
      kind: 'action';
      nodeId: string;
      actionType: Exclude<ActionNodeType, 'setVariable'>;
      /** The node's data with JSON Logic variables evaluated. */
      input: Record<string, unknown>;
      idempotencyKey: string;
      occurrence: number;
      detail: string;
    }
  | { kind: 'sleepUntil'; nodeId: string; at: number; atIso: string; resumeTo: string; detail: string }
  | {
      kind: 'waitForEvent';
      nodeId: string;
      events: RunEventType[];
      deadline: number;
      deadlineIso: string;
      exits: { event: string; timeout: string };
      detail: string;
    }
  | { kind: 'end'; nodeId: string; reason: EndReason; detail: string };

export interface StepResult {
  state: RunState;
  context: RunContext;
  decision: Decision;
}

export interface ActionResult {
  /** ok: done; skipped: deliberately not done (opted out, quiet hours…); failed: a failure no retry can fix. */
  status: 'ok' | 'skipped' | 'failed';
  detail?: string;
  /** Authoritative context changes from the activity (e.g. the new reputation score). */
  contextPatch?: Partial<Record<'appointment' | 'customer' | 'vaccination' | 'vars', Record<string, unknown>>>;
}

export const PATH_LIMIT = 1000;
export const LOOP_GUARD_STEPS = 1000;

const BLOCKING = new Set<string>(['wait', 'waitForEvent']);

function nodeById(definition: AutomationDefinition, id: string): AutomationNode | undefined {
  return definition.nodes.find((node) => node.id === id);
}

/** Where an exit leads, or undefined when it is not wired. */
export function exitTarget(definition: AutomationDefinition, nodeId: string, handle: string): string | undefined {
  return definition.edges.find((edge) => edge.source === nodeId && edgeHandle(edge) === handle)?.target;
}

/** The data rules see: the context plus `now` and `today` in the tenant's zone. */
export function evaluationData(context: RunContext, now: number): Record<string, unknown> {
  const local = DateTime.fromMillis(now, { zone: tenantZone(context) });
  return { ...context, now: local.toISO(), today: local.toISODate() };
}

/** The id of the first goal whose rule holds, or null. */
export function goalReached(definition: AutomationDefinition, context: RunContext, now: number | string = 0): string | null {
  const data = evaluationData(context, toMillis(now));
  for (const node of definition.nodes) {
    if (node.type === 'goal' && evaluateCondition(node.data.rule, data).value) return node.id;
  }
  return null;
}

/** Whether an event starts a run of this automation: same event and the filter (if any) holds. */
export function triggerMatches(definition: AutomationDefinition, eventType: string, context: RunContext, now: number | string): boolean {
  if (definition.trigger.event !== eventType) return false;
  if (definition.trigger.filter === undefined) return true;
  return evaluateCondition(definition.trigger.filter, evaluationData(context, toMillis(now))).value;
}

/** The send-once key: stable across retries, worker crashes and continue-as-new (no run ids). */
export function idempotencyKey(parts: { workflowId: string; automationId: string; nodeId: string; occurrence: number; triggerKey?: string }): string {
  const trigger = parts.triggerKey === undefined || parts.triggerKey === '' ? '' : `/${parts.triggerKey}`;
  return `af:${parts.workflowId}/${parts.automationId}${trigger}/${parts.nodeId}/${parts.occurrence}`;
}

export function startRun(input: { definition: AutomationDefinition; at: number | string }): RunState {
  const trigger = input.definition.nodes.find((node) => node.type === 'trigger');
  if (!trigger) throw new Error('The definition has no trigger node');
  return {
    nodeId: trigger.id,
    enteredAt: toMillis(input.at),
    path: [trigger.id],
    occurrences: { [trigger.id]: 1 },
    stepsSinceBlock: 0,
    steps: 0,
  };
}

function enter(state: RunState, definition: AutomationDefinition, to: string, now: number, keepSkipping: boolean): RunState {
  const target = nodeById(definition, to);
  const skipping = keepSkipping && !(target && BLOCKING.has(target.type)) ? state.skippingSince : undefined;
  const path = [...state.path, to];
  const next: RunState = {
    nodeId: to,
    enteredAt: now,
    path: path.length > PATH_LIMIT ? path.slice(path.length - PATH_LIMIT) : path,
    occurrences: { ...state.occurrences, [to]: (state.occurrences[to] ?? 0) + 1 },
    stepsSinceBlock: state.stepsSinceBlock + 1,
    steps: state.steps + 1,
  };
  if (skipping !== undefined) next.skippingSince = skipping;
  return next;
}

function ended(input: StepInput, reason: EndReason, detail: string, nodeId = input.state.nodeId, context = input.context): StepResult {
  return { state: input.state, context, decision: { kind: 'end', nodeId, reason, detail } };
}

/** Leaves the current node through `handle`. */
function leave(
  input: StepInput,
  node: AutomationNode,
  handle: string,
  detail: string,
  opts: { context?: RunContext; skipped?: boolean; startSkipping?: boolean; now: number },
): StepResult {
  const to = exitTarget(input.definition, node.id, handle);
  const context = opts.context ?? input.context;
  if (to === undefined) {
    const reason: EndReason = handle === FAILED_HANDLE ? 'actionFailed' : 'unwired';
    return ended({ ...input, context }, reason, `${detail}; exit "${handle}" leads nowhere`, node.id, context);
  }
  const base = opts.startSkipping ? { ...input.state, skippingSince: node.id } : input.state;
  const state = enter(base, input.definition, to, opts.now, true);
  const decision: Decision = { kind: 'goto', nodeId: node.id, nodeType: node.type, handle, to, detail };
  if (opts.skipped) decision.skipped = true;
  return { state, context, decision };
}

type TimedNode = NodeOfType<'wait'> | NodeOfType<'waitForEvent'>;

/**
 * Shared by wait and waitForEvent: resolves the time, compares it with the planned one and the
 * clock. `due` means the time has come (normally, or already past on entry / after a move).
 */
function resolveTimed(input: StepInput, node: TimedNode, now: number):
  | { kind: 'block'; at: number; state: RunState; detail: string }
  | { kind: 'due'; past: boolean; detail: string } {
  const zone = tenantZone(input.context);
  const resolved = resolveWaitUntil(node, input.context, zone, input.state.enteredAt);
  if (!resolved.ok) return { kind: 'due', past: true, detail: `cannot resolve the time (${resolved.error})` };
  const atIso = toIso(resolved.at, zone);
  const planned = input.state.plannedAt;
  if (planned === undefined || planned !== resolved.at) {
    if (resolved.at === now) return { kind: 'due', past: false, detail: `${resolved.basis} = ${atIso} reached` };
    const triggeredAt = Date.parse(String(input.context.event?.at ?? ''));
    if (resolved.at < now && planned === undefined && input.lateIsDue !== false && resolved.at >= triggeredAt) {
      return { kind: 'due', past: false, detail: `${resolved.basis} = ${atIso} reached (late: the run got here after it)` };
    }
    if (resolved.at < now) {
      const moved = planned === undefined ? '' : ' after it moved';
      return { kind: 'due', past: true, detail: `${resolved.basis} = ${atIso} had already passed${moved}` };
    }
    return { kind: 'block', at: resolved.at, state: { ...input.state, plannedAt: resolved.at, stepsSinceBlock: 0 }, detail: `${resolved.basis} = ${atIso}` };
  }
  if (now >= resolved.at) return { kind: 'due', past: false, detail: `${resolved.basis} = ${atIso} reached` };
  return { kind: 'block', at: resolved.at, state: { ...input.state, stepsSinceBlock: 0 }, detail: `${resolved.basis} = ${atIso}` };
}

function pastPolicy(node: TimedNode, unresolvable: boolean): 'continue' | 'skip' {
  // A time that cannot be computed (missing anchor) never sends late: its slot is skipped.
  if (unresolvable) return 'skip';
  return node.data.ifPast ?? 'skip';
}

/** Action input: the node's data without labels, template variables evaluated when they are JSON Logic. */
function actionInput(node: AutomationNode, data: Record<string, unknown>): Record<string, unknown> {
  const { label: _label, description: _description, ...rest } = node.data as Record<string, unknown>;
  const input: Record<string, unknown> = { ...rest };
  if (rest.variables && typeof rest.variables === 'object') {
    input.variables = Object.fromEntries(
      Object.entries(rest.variables as Record<string, unknown>).map(([name, value]) => {
        const result = evaluateValue(value, data);
        return [name, result.ok ? result.value : null];
      }),
    );
  }
  if (node.type === 'webhook' && rest.body !== undefined) {
    const result = evaluateValue(rest.body, data);
    input.body = result.ok ? result.value : null;
  }
  return input;
}

/** One step of the run at its current node. */
export function step(input: StepInput): StepResult {
  const now = toMillis(input.now);
  const { definition, state, context } = input;
  const node = nodeById(definition, state.nodeId);
  if (!node) return ended(input, 'invalid', `node "${state.nodeId}" does not exist`);

  const goal = goalReached(definition, context, now);
  if (goal !== null) return ended(input, 'goal', `goal "${goal}" reached`, goal);
  if (state.stepsSinceBlock > LOOP_GUARD_STEPS) {
    return ended(input, 'loopGuard', `${LOOP_GUARD_STEPS} steps without waiting: the run loops`);
  }
  const skipping = state.skippingSince !== undefined;
  const data = evaluationData(context, now);

  switch (node.type) {
    case 'trigger':
      return leave(input, node, NEXT_HANDLE, `started by ${context.event?.type ?? definition.trigger.event}`, { now });

    case 'wait': {
      const timed = resolveTimed(input, node, now);
      if (timed.kind === 'block') {
        const resumeTo = exitTarget(definition, node.id, NEXT_HANDLE) ?? '';
        return { state: timed.state, context, decision: { kind: 'sleepUntil', nodeId: node.id, at: timed.at, atIso: toIso(timed.at, tenantZone(context)), resumeTo, detail: `wait until ${timed.detail}` } };
      }
      if (!timed.past) return leave(input, node, NEXT_HANDLE, timed.detail, { now });
      const policy = pastPolicy(node, timed.detail.startsWith('cannot'));
      return leave(input, node, NEXT_HANDLE, `${timed.detail}; ifPast=${policy}`, { now, startSkipping: policy === 'skip' });
    }

    case 'waitForEvent': {
      const timed = resolveTimed(input, node, now);
      if (timed.kind === 'block') {
        const exits = {
          event: exitTarget(definition, node.id, 'event') ?? '',
          timeout: exitTarget(definition, node.id, 'timeout') ?? '',
        };
        return {
          state: timed.state,
          context,
          decision: { kind: 'waitForEvent', nodeId: node.id, events: node.data.events, deadline: timed.at, deadlineIso: toIso(timed.at, tenantZone(context)), exits, detail: `wait for ${node.data.events.join(' or ')} until ${timed.detail}` },
        };
      }
      if (!timed.past) return leave(input, node, 'timeout', `no ${node.data.events.join('/')} by ${timed.detail.replace(/ reached$/, '')}`, { now });
      const policy = pastPolicy(node, timed.detail.startsWith('cannot'));
      return leave(input, node, 'timeout', `deadline ${timed.detail}; ifPast=${policy}`, { now, startSkipping: policy === 'skip' });
    }

    case 'condition': {
      const result = evaluateCondition(node.data.rule, data);
      const detail = result.error ? `rule failed (${result.error}): false` : `rule is ${result.value}`;
      return leave(input, node, result.value ? 'true' : 'false', detail, { now });
    }

    case 'split': {
      const customerId = typeof context.customer?.id === 'string' ? context.customer.id : input.ids.workflowId;
      const variant = chooseVariant(node.data.variants, splitSeed({ customerId, automationId: input.ids.automationId, nodeId: node.id }));
      return leave(input, node, variant.id, `variant ${variant.id} (${variant.label})`, { now });
    }

    case 'goal':
      return ended(input, 'goal', `goal "${node.id}" reached`, node.id);

    case 'end':
      return ended(input, 'end', 'end of the flow');

    case 'setVariable': {
      if (skipping) return leave(input, node, NEXT_HANDLE, `skipped: the time of ${state.skippingSince} had passed`, { now, skipped: true });
      const result = evaluateValue(node.data.value, data);
      const value = result.ok ? result.value : null;
      const next: RunContext = { ...context, vars: { ...context.vars, [node.data.name]: value } };
      const detail = result.ok ? `vars.${node.data.name} = ${JSON.stringify(value)}` : `vars.${node.data.name} = null (${result.error})`;
      return leave(input, node, NEXT_HANDLE, detail, { now, context: next });
    }

    default: {
      if (!isActionType(node.type)) return ended(input, 'invalid', `unknown node type ${node.type}`);
      if (skipping) return leave(input, node, NEXT_HANDLE, `skipped: the time of ${state.skippingSince} had passed`, { now, skipped: true });
      const occurrence = state.occurrences[node.id] ?? 1;
      return {
        state,
        context,
        decision: {
          kind: 'action',
          nodeId: node.id,
          actionType: node.type as Exclude<ActionNodeType, 'setVariable'>,
          input: actionInput(node, data),
          idempotencyKey: idempotencyKey({ ...input.ids, nodeId: node.id, occurrence }),
          occurrence,
          detail: node.type,
        },
      };
    }
  }
}

function clampScore(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  return Math.min(100, Math.max(0, n));
}

/** What a successful action changes in the context, before the activity's own patch. */
function predictedPatch(node: AutomationNode, context: RunContext): RunContext {
  const next: RunContext = { ...context };
  if (node.type === 'updateAppointment' && context.appointment) {
    next.appointment = { ...context.appointment, status: node.data.status };
  }
  if ((node.type === 'addTag' || node.type === 'removeTag') && context.customer) {
    const tags = new Set(context.customer.tags ?? []);
    if (node.type === 'addTag') tags.add(node.data.tag);
    else tags.delete(node.data.tag);
    next.customer = { ...context.customer, tags: [...tags] };
  }
  if (node.type === 'adjustReputation' && context.customer) {
    const current = typeof context.customer.reputationScore === 'number' ? context.customer.reputationScore : 100;
    next.customer = { ...context.customer, reputationScore: clampScore(current + node.data.delta) };
  }
  return next;
}

function mergePatch(context: RunContext, patch: ActionResult['contextPatch']): RunContext {
  if (!patch) return context;
  const next: RunContext = { ...context };
  for (const [section, values] of Object.entries(patch)) {
    if (!values) continue;
    const current = (next as Record<string, unknown>)[section];
    (next as Record<string, unknown>)[section] = { ...(typeof current === 'object' && current !== null ? current : {}), ...values };
  }
  return next;
}

/** Moves on from an action once its activity has finished. */
export function completeAction(input: StepInput & { result: ActionResult }): StepResult {
  const now = toMillis(input.now);
  const node = nodeById(input.definition, input.state.nodeId);
  if (!node || !isActionType(node.type)) return ended(input, 'invalid', `node "${input.state.nodeId}" is not an action`);
  const { result } = input;
  if (result.status === 'failed') {
    return leave(input, node, FAILED_HANDLE, `failed: ${result.detail ?? 'error'}`, { now });
  }
  const context = mergePatch(result.status === 'ok' ? predictedPatch(node, input.context) : input.context, result.contextPatch);
  const detail = result.status === 'ok' ? result.detail ?? 'done' : `skipped: ${result.detail ?? 'not sent'}`;
  return leave(input, node, NEXT_HANDLE, detail, { now, context, skipped: result.status === 'skipped' });
}

/**
 * Delivers an event to a blocked run: the context takes the change (a reschedule moves anchored
 * waits on the next step) and a waitForEvent listening for it leaves through `event`.
 */
export interface EventResult {
  state: RunState;
  context: RunContext;
  /** True when the event resolved the waitForEvent the run was at. */
  matched: boolean;
  /** The `event`-exit transition when matched, else null. */
  decision: Decision | null;
}

export function receiveEvent(input: StepInput & { event: RunEvent }): EventResult {
  const now = toMillis(input.now);
  const context = applyEvent(input.context, input.event);
  const node = nodeById(input.definition, input.state.nodeId);
  if (node?.type === 'waitForEvent' && node.data.events.includes(input.event.type)) {
    const passes = node.data.filter === undefined || evaluateCondition(node.data.filter, evaluationData(context, now)).value;
    if (passes) {
      const blocked = { ...input, context, state: { ...input.state, stepsSinceBlock: 0 } };
      const out = leave(blocked, node, 'event', `${input.event.type} received`, { now, context });
      return { ...out, matched: true };
    }
  }
  return { state: input.state, context, decision: null, matched: false };
}
