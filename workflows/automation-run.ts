import {
  CancellationScope,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { ActionOutcome, Activities } from '../activities';
import { type AppointmentEvent, appointmentEventSignal, automationRunFinishedSignal } from './appointment-contract';
import { runAction } from './automation-actions';
import {
  type AutomationRunCarry,
  type AutomationRunInput,
  type AutomationRunResult,
  type AutomationRunView,
  automationRunQuery,
  HISTORY_LIMIT,
  runEventSignal,
  type RunStatus,
  STEPS_KEPT,
  type StepRecord,
} from './automation-run-contract';
import type { RunContext } from './dsl/context';
import type { RunEvent } from './dsl/events';
import {
  completeAction,
  type Decision,
  type EndReason,
  receiveEvent,
  type RunIds,
  type RunState,
  startRun,
  step,
} from './dsl/semantics';

const { recordRunProgress } = proxyActivities<Pick<Activities, 'recordRunProgress'>>({
  startToCloseTimeout: '30 seconds',
  // The index must catch up eventually; it never decides what the run does.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

type EndDecision = Extract<Decision, { kind: 'end' }>;
type GotoDecision = Extract<Decision, { kind: 'goto' }>;

const EVENT_FOR_STATUS: Record<string, AppointmentEvent['type']> = {
  confirmed: 'appointment.confirmed',
  cancelled: 'appointment.cancelled',
  checked_in: 'appointment.checked_in',
  completed: 'appointment.completed',
  no_show: 'appointment.no_show',
};

const iso = (ms: number): string => new Date(ms).toISOString();
/** A send held back longer than this (a misconfigured quiet-hours window) is not waited for. */
const MAX_DEFER_MS = 36 * 3_600_000;
const SUCCESSFUL_ENDS = new Set<EndReason>(['end', 'goal']);

/**
 * The interpreter: walks a pinned automation definition by driving the DSL step machine
 * (workflows/dsl/semantics.ts) on the workflow clock. Node semantics live only there; this file
 * turns decisions into timers, signals and activities, records each step, and keeps the
 * AutomationRun index current.
 */
export async function automationRun(input: AutomationRunInput, carried?: AutomationRunCarry): Promise<AutomationRunResult> {
  const { definition, tenantId } = input;
  const ids: RunIds = {
    workflowId: input.parentWorkflowId ?? workflowInfo().workflowId,
    automationId: input.automationId,
    ...(input.triggerKey ? { triggerKey: input.triggerKey } : {}),
  };
  // Waits reached after their time only because the run got there late go on (semantics.ts, lateIsDue).
  const lateIsDue = patched('late-wait-is-due');
  let state: RunState = carried?.state ?? startRun({ definition, at: Date.now() });
  let context: RunContext = carried?.context ?? { ...input.context, vars: input.context.vars ?? {} };
  let runRowId = carried?.runRowId ?? '';
  let steps: StepRecord[] = carried?.steps ?? [];
  const inbox: RunEvent[] = carried?.inbox ?? [];
  let pending: StepRecord[] = [];
  let status: RunStatus = 'running';
  let nextWakeAt: number | null = null;
  let waitingFor: string[] = [];
  let endReason: EndReason | undefined;
  let lastWritten = '';

  setHandler(runEventSignal, (event) => {
    inbox.push(event);
  });
  setHandler(
    automationRunQuery,
    (): AutomationRunView => ({
      automationId: input.automationId,
      version: input.version,
      status,
      currentNodeId: state.nodeId,
      path: state.path,
      steps,
      nextWakeAt: nextWakeAt === null ? null : iso(nextWakeAt),
      waitingFor,
      ...(endReason ? { endReason } : {}),
      context,
    }),
  );

  /** Keeps a step for the query and for the next write; a later record of the same visit replaces it. */
  const note = (record: StepRecord): void => {
    const replace = (list: StepRecord[]) => [...list.filter((s) => s.sequence !== record.sequence), record];
    steps = replace(steps).sort((a, b) => a.sequence - b.sequence).slice(-STEPS_KEPT);
    pending = replace(pending);
  };

  const write = async (end?: { error?: string }): Promise<void> => {
    const run = {
      workflowId: workflowInfo().workflowId,
      automationId: input.automationId,
      version: input.version,
      automationVersionId: input.automationVersionId,
      triggerEvent: input.triggerEvent,
      ...(typeof context.appointment?.id === 'string' ? { appointmentId: context.appointment.id } : {}),
      ...(typeof context.customer?.id === 'string' ? { customerId: context.customer.id } : {}),
      status,
      currentNodeId: state.nodeId,
      nextWakeAt: nextWakeAt === null ? null : iso(nextWakeAt),
      path: state.path,
      ...(endReason ? { endReason } : {}),
      ...(end ? { endedAt: iso(Date.now()), ...(end.error ? { error: end.error } : {}) } : {}),
    };
    const key = JSON.stringify([run.status, run.currentNodeId, run.nextWakeAt, run.path.length, Boolean(end)]);
    if (pending.length === 0 && key === lastWritten && runRowId !== '') return;
    const written = await recordRunProgress({ tenantId, run, steps: pending });
    runRowId = written.runId;
    pending = [];
    lastWritten = key;
  };

  const gotoRecord = (at: RunState, d: GotoDecision, extra: Partial<StepRecord> = {}): StepRecord => ({
    sequence: at.steps,
    nodeId: d.nodeId,
    nodeType: d.nodeType,
    status: d.skipped ? 'skipped' : 'succeeded',
    exit: d.handle,
    detail: d.detail,
    startedAt: iso(at.enteredAt),
    endedAt: iso(Date.now()),
    ...extra,
  });

  const tellParent = async (event: AppointmentEvent | null): Promise<void> => {
    if (!input.parentWorkflowId) return;
    const parent = getExternalWorkflowHandle(input.parentWorkflowId);
    try {
      if (event) await parent.signal(appointmentEventSignal, event);
      else await parent.signal(automationRunFinishedSignal, { workflowId: workflowInfo().workflowId, status });
    } catch {
      // The parent has already ended: nobody is left to tell.
    }
  };

  const finish = async (d: EndDecision, at: RunState, actionRecord?: StepRecord): Promise<AutomationRunResult> => {
    const ok = SUCCESSFUL_ENDS.has(d.reason);
    if (actionRecord) {
      note(actionRecord);
    } else if (d.nodeId === at.nodeId) {
      const node = definition.nodes.find((n) => n.id === d.nodeId);
      note({ sequence: at.steps, nodeId: d.nodeId, nodeType: node?.type ?? 'unknown', status: ok ? 'succeeded' : 'failed', detail: d.detail, startedAt: iso(at.enteredAt), endedAt: iso(Date.now()) });
    } else {
      // A goal ended the run while it was elsewhere (usually waiting): close that visit, then record the goal.
      const open = steps.find((s) => s.sequence === at.steps && s.status === 'waiting');
      if (open) note({ ...open, status: 'skipped', detail: `${open.detail}; interrupted: ${d.detail}`, endedAt: iso(Date.now()) });
      note({ sequence: at.steps + 1, nodeId: d.nodeId, nodeType: 'goal', status: 'succeeded', detail: d.detail, startedAt: iso(Date.now()), endedAt: iso(Date.now()) });
    }
    status = ok ? 'completed' : 'failed';
    endReason = d.reason;
    nextWakeAt = null;
    waitingFor = [];
    await write(ok ? {} : { error: d.detail });
    await tellParent(null);
    return { status: ok ? 'completed' : 'failed', endReason: d.reason, endNodeId: d.nodeId, detail: d.detail, path: state.path, context };
  };

  const historyLimit = input.historyLimit ?? HISTORY_LIMIT;
  const shouldContinueAsNew = (): boolean => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit;

  try {
    if (!carried) await write();
    for (;;) {
      if (shouldContinueAsNew()) {
        await write();
        return await continueAsNew<typeof automationRun>(input, { state, context, runRowId, steps, inbox: [...inbox] });
      }
      const at = state;
      const out = step({ definition, state, context, now: Date.now(), ids, lateIsDue });
      state = out.state;
      context = out.context;
      const d = out.decision;

      if (d.kind === 'goto') {
        note(gotoRecord(at, d));
        continue;
      }
      if (d.kind === 'end') return await finish(d, at);

      if (d.kind === 'action') {
        status = 'running';
        nextWakeAt = null;
        waitingFor = [];
        await write();
        const startedAt = iso(Date.now());
        const outcome: ActionOutcome = await runAction(d, { tenantId, context, runRowId, now: startedAt });
        const { output, deferUntil, ...result } = outcome;
        const heldUntil = deferUntil === undefined ? NaN : Date.parse(deferUntil);
        if (heldUntil > Date.now() && heldUntil - Date.now() <= MAX_DEFER_MS) {
          // Held back (quiet hours): wait, still listening, then step again. The goal is checked
          // first, and the same send is tried with the same key.
          status = 'waiting';
          nextWakeAt = heldUntil;
          note({ sequence: state.steps, nodeId: d.nodeId, nodeType: d.actionType, status: 'waiting', detail: `held back: ${outcome.detail ?? ''}`, input: { ...d.input, idempotencyKey: d.idempotencyKey }, startedAt });
          await write();
          if (await condition(() => inbox.length > 0, heldUntil - Date.now())) {
            const received = receiveEvent({ definition, state, context, now: Date.now(), ids, event: inbox.shift() as RunEvent });
            state = received.state;
            context = received.context;
          }
          continue;
        }
        const done = completeAction({ definition, state, context, now: Date.now(), ids, result });
        const record: StepRecord = {
          sequence: state.steps,
          nodeId: d.nodeId,
          nodeType: d.actionType,
          status: outcome.status === 'ok' ? 'succeeded' : outcome.status,
          detail: done.decision.detail,
          input: { ...d.input, idempotencyKey: d.idempotencyKey },
          ...(output ? { output } : {}),
          ...(outcome.status === 'failed' ? { error: outcome.detail ?? 'failed' } : {}),
          ...(done.decision.kind === 'goto' ? { exit: done.decision.handle } : {}),
          startedAt,
          endedAt: iso(Date.now()),
        };
        const actionAt = state;
        state = done.state;
        context = done.context;
        if (d.actionType === 'updateAppointment' && outcome.status === 'ok' && output?.from !== output?.to) {
          const type = EVENT_FOR_STATUS[String(output?.to)];
          if (type) await tellParent({ type, at: iso(Date.now()), data: { status: String(output?.to), origin: workflowInfo().workflowId, ...(typeof d.input.reason === 'string' ? { reason: d.input.reason } : {}) } });
        }
        if (done.decision.kind === 'end') return await finish(done.decision, actionAt, record);
        note(record);
        continue;
      }

      // sleepUntil or waitForEvent: block until the time or an event, whichever comes first.
      const wakeAt = d.kind === 'sleepUntil' ? d.at : d.deadline;
      status = 'waiting';
      nextWakeAt = wakeAt;
      waitingFor = d.kind === 'waitForEvent' ? d.events : [];
      note({ sequence: state.steps, nodeId: d.nodeId, nodeType: d.kind === 'sleepUntil' ? 'wait' : 'waitForEvent', status: 'waiting', detail: d.detail, startedAt: iso(state.enteredAt) });
      await write();
      const woke = await condition(() => inbox.length > 0, Math.max(1, wakeAt - Date.now()));
      if (!woke) continue;
      const event = inbox.shift() as RunEvent;
      const blockedAt = state;
      const received = receiveEvent({ definition, state, context, now: Date.now(), ids, event });
      state = received.state;
      context = received.context;
      if (received.decision?.kind === 'goto') note(gotoRecord(blockedAt, received.decision));
    }
  } catch (err) {
    if (!isCancellation(err)) throw err;
    await CancellationScope.nonCancellable(async () => {
      status = 'cancelled';
      nextWakeAt = null;
      waitingFor = [];
      await write({ error: 'cancelled' });
      await tellParent(null);
    });
    throw err;
  }
}
