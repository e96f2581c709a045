import {
  ActivityFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities, AppointmentSnapshot } from '../activities';
import {
  type AppointmentEvent,
  appointmentEventSignal,
  appointmentStateQuery,
  type AppointmentWorkflowInput,
  type AppointmentWorkflowState,
  automationRunAdoptedSignal,
  automationRunFinishedSignal,
} from './appointment-contract';
import { runContextFor, toRunEvent } from './appointment-run-context';
import { automationRun } from './automation-run';
import { automationRunWorkflowId, runEventSignal } from './automation-run-contract';
import type { RunEvent } from './dsl/events';
import { triggerMatches } from './dsl/semantics';

const { loadAppointmentSnapshot, findTriggeredAutomations } = proxyActivities<
  Pick<Activities, 'loadAppointmentSnapshot' | 'findTriggeredAutomations'>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['AppointmentNotFound'] },
});

const { pushAppointmentToCalendars, sendCalendarInvite } = proxyActivities<
  Pick<Activities, 'pushAppointmentToCalendars' | 'sendCalendarInvite'>
>({
  startToCloseTimeout: '1 minute',
  // Bounded: the automations of the event wait for the push (it may create the meeting link they send).
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 6, nonRetryableErrorTypes: ['AppointmentNotFound', 'InvalidAppointment'] },
});

/** Changes that the connected calendars, the meeting and the customer's invite follow. */
const calendarChanges: Partial<Record<AppointmentEvent['type'], 'booked' | 'rescheduled' | 'cancelled'>> = {
  'appointment.booked': 'booked',
  'appointment.rescheduled': 'rescheduled',
  'appointment.cancelled': 'cancelled',
};

const terminalStatuses = new Set(['cancelled', 'completed', 'no_show']);
const statusAfter: Partial<Record<AppointmentEvent['type'], string>> = {
  'appointment.booked': 'pending',
  'appointment.confirmed': 'confirmed',
  'appointment.cancelled': 'cancelled',
  'appointment.checked_in': 'checked_in',
  'appointment.completed': 'completed',
  'appointment.no_show': 'no_show',
};

/** Events kept in the queryable state; older ones are in the history and the database. */
const keptEvents = 50;
/** Event ids remembered to ignore re-deliveries; the outbox sends a workflow's events in order, so only recent ones come again. */
const keptEventIds = 200;

/**
 * The entity workflow `appointment:<tenant>:<id>`: one per appointment, started with
 * signalWithStart by the API and signalled on every change. For each event it starts an
 * `automationRun` child per active automation whose trigger matches, pinned to the version
 * published at that moment, and forwards later events to the children still running. It ends
 * once the appointment has reached a final status and its children have finished.
 */
export async function appointmentWorkflow(
  input: AppointmentWorkflowInput,
  carried?: AppointmentWorkflowState,
): Promise<AppointmentWorkflowState> {
  const state: AppointmentWorkflowState = carried ?? {
    tenantId: input.tenantId,
    appointmentId: input.appointmentId,
    status: 'pending',
    events: [],
    children: [],
  };
  state.eventCounts ??= {};
  const inbox: AppointmentEvent[] = [];
  /**
   * Children started by this execution whose close it has not seen yet. It ends only after they
   * close (not merely after their "finished" signal), so no abandoned child outlives it by a
   * moment; histories from before this patch end on the signal.
   */
  const awaitChildClose = patched('await-child-close');
  const unclosed = new Set<string>();

  setHandler(appointmentEventSignal, (event) => {
    inbox.push(event);
  });
  setHandler(automationRunFinishedSignal, ({ workflowId }) => markFinished(workflowId));
  setHandler(automationRunAdoptedSignal, (run) => {
    const child = state.children.find((c) => c.workflowId === run.workflowId);
    if (!child) {
      state.children.push({ ...run, finished: false, retries: 1 });
      return;
    }
    child.finished = false;
    child.retries = (child.retries ?? 0) + 1;
  });
  setHandler(appointmentStateQuery, () => state);

  function markFinished(workflowId: string): void {
    const child = state.children.find((c) => c.workflowId === workflowId);
    if (child) child.finished = true;
  }
  const running = () => state.children.filter((c) => !c.finished);

  /** Read once at start; the first event (the one signalWithStart delivered) reuses it. */
  let fresh: AppointmentSnapshot | undefined;
  if (!carried) {
    fresh = await loadAppointmentSnapshot(input);
    state.status = fresh.appointment.status;
    state.startsAt = fresh.appointment.startsAt;
    // Started again after it had ended (a reply after the cancel): count on from the runs of the
    // executions before, so no run id or send key of theirs is used twice.
    const counts = state.eventCounts as Record<string, number>;
    for (const [type, occurrence] of Object.entries(fresh.triggerOccurrences ?? {})) {
      counts[type] = Math.max(counts[type] ?? 0, occurrence);
    }
  }

  async function forward(event: RunEvent, origin: string | undefined): Promise<void> {
    await Promise.all(
      running()
        .filter((child) => child.workflowId !== origin)
        .map(async (child) => {
          try {
            await getExternalWorkflowHandle(child.workflowId).signal(runEventSignal, event);
          } catch {
            // It ended between its last step and this event.
            markFinished(child.workflowId);
          }
        }),
    );
  }

  async function startTriggered(event: AppointmentEvent, occurrence: number): Promise<void> {
    const automations = await findTriggeredAutomations({ tenantId: input.tenantId, event: event.type });
    if (automations.length === 0) {
      fresh = undefined;
      return;
    }
    const snapshot = fresh ?? (await loadAppointmentSnapshot(input));
    fresh = undefined;
    const context = runContextFor(snapshot, event);
    for (const automation of automations) {
      if (!triggerMatches(automation.definition, event.type, context, Date.now())) continue;
      const workflowId = automationRunWorkflowId({
        tenantId: input.tenantId,
        subjectId: input.appointmentId,
        automationId: automation.automationId,
        event: event.type,
        occurrence,
      });
      if (state.children.some((c) => c.workflowId === workflowId)) continue;
      const child = {
        workflowId,
        automationId: automation.automationId,
        version: automation.version,
        automationVersionId: automation.automationVersionId,
        event: event.type,
      };
      try {
        const handle = await startChild(automationRun, {
          workflowId,
          args: [
            {
              tenantId: input.tenantId,
              automationId: automation.automationId,
              version: automation.version,
              automationVersionId: automation.automationVersionId,
              definition: automation.definition,
              context,
              triggerEvent: event.type,
              triggerKey: `${event.type}:${occurrence}`,
              parentWorkflowId: workflowInfo().workflowId,
            },
          ],
          // The parent continues as new now and then; its runs must outlive each of its executions.
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        state.children.push(child);
        unclosed.add(workflowId);
        // A retry (adopted since) outlives this execution of the run: its close says nothing then.
        const closed = () => {
          unclosed.delete(workflowId);
          const current = state.children.find((c) => c.workflowId === workflowId);
          if (!current?.retries) markFinished(workflowId);
        };
        handle.result().then(closed, closed);
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        state.children.push(child);
      }
    }
  }

  /** Calendar events, meeting and iTIP invite follow the change; a failure after the retries leaves the rest of the workflow going. */
  async function pushToCalendars(event: AppointmentEvent, change: 'booked' | 'rescheduled' | 'cancelled'): Promise<void> {
    try {
      const pushed = await pushAppointmentToCalendars(input);
      // A new meeting link: the automations started next must see it.
      if (pushed.meetingLinkChanged) fresh = undefined;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
    }
    try {
      await sendCalendarInvite({ ...input, change, at: event.at });
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
    }
  }

  /** A re-delivery (the API's outbox retries after a lost acknowledgement) of an event already applied. */
  function alreadyApplied(event: AppointmentEvent): boolean {
    if (!event.id || !patched('signal-dedupe')) return false;
    const applied = state.appliedEventIds ?? [];
    if (applied.includes(event.id)) return true;
    state.appliedEventIds = [...applied, event.id].slice(-keptEventIds);
    return false;
  }

  async function handle(event: AppointmentEvent): Promise<void> {
    if (alreadyApplied(event)) return;
    state.events = [...state.events, event].slice(-keptEvents);
    state.status = event.data?.status ?? statusAfter[event.type] ?? state.status;
    if (event.type === 'appointment.rescheduled' && event.data?.startsAt) state.startsAt = event.data.startsAt;
    const counts = state.eventCounts as Record<string, number>;
    const occurrence = (counts[event.type] ?? 0) + 1;
    counts[event.type] = occurrence;
    const runEvent = toRunEvent(event);
    if (runEvent) await forward(runEvent, event.data?.origin);
    const calendarChange = calendarChanges[event.type];
    if (calendarChange && patched('calendar-push')) await pushToCalendars(event, calendarChange);
    await startTriggered(event, occurrence);
  }

  const done = () =>
    terminalStatuses.has(state.status) && running().length === 0 && inbox.length === 0 && (!awaitChildClose || unclosed.size === 0);

  while (!done()) {
    await condition(() => inbox.length > 0 || done() || workflowInfo().continueAsNewSuggested);
    while (inbox.length > 0) await handle(inbox.shift() as AppointmentEvent);
    if (workflowInfo().continueAsNewSuggested && !done()) {
      await continueAsNew<typeof appointmentWorkflow>(input, state);
    }
  }
  return state;
}
