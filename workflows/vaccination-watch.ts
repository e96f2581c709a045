import {
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
import type { Activities } from '../activities';
import { automationRunFinishedSignal } from './appointment-contract';
import { automationRun } from './automation-run';
import { automationRunWorkflowId, runEventSignal } from './automation-run-contract';
import type { RunEvent } from './dsl/events';
import { triggerMatches } from './dsl/semantics';
import {
  type VaccinationChange,
  vaccinationChangedSignal,
  type VaccinationWatchEndReason,
  type VaccinationWatchInput,
  type VaccinationWatchSnapshot,
  vaccinationWatchQuery,
  type VaccinationWatchState,
} from './vaccination-watch-contract';

const { loadVaccinationWatch, recordVaccinationWatch, findTriggeredAutomations, openWorkflows } = proxyActivities<
  Pick<Activities, 'loadVaccinationWatch' | 'recordVaccinationWatch' | 'findTriggeredAutomations' | 'openWorkflows'>
>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const TRIGGER = 'vaccination.recorded';
/** How long runs get to end on their own (their goal) after a renewal before they are cancelled. */
const RENEWAL_GRACE = '1 minute';
/**
 * A cancelled run reports back within seconds. Past this the watch asks Temporal which runs are
 * still open (a run closed without reporting is taken as ended) and waits again for the others.
 */
const CANCEL_WAIT = '5 minutes';
const keptChanges = 20;

const subjectOf = (snapshot: VaccinationWatchSnapshot): string => `${snapshot.petId}|${snapshot.name.trim().toLowerCase()}|${snapshot.expiresOn}`;

/**
 * The durable watch of one vaccination record, `vaccination:<tenant>:<id>`. It starts an
 * `automationRun` child for each active automation triggered by `vaccination.recorded` (30/14/7
 * days before expiry in the seeded one), and follows the record:
 * - an edit that moves the expiry (or changes vaccine or pet) cancels the runs in flight and starts
 *   a new generation on the new date, with new send keys;
 * - a renewal (a newer record of the same vaccine) tells the runs (`vaccination.renewed` sets
 *   `vaccination.renewedAt`, which the seeded goal ends on) and cancels what is still running
 *   after a grace period, so no alert for the old record goes out;
 * - a deletion cancels the runs.
 * It records itself in `vaccination_watches`, which the daily sweep reads.
 */
export async function vaccinationWatch(input: VaccinationWatchInput, carried?: VaccinationWatchState): Promise<VaccinationWatchState> {
  const { tenantId, vaccinationId } = input;
  const workflowId = workflowInfo().workflowId;
  const state: VaccinationWatchState = carried ?? { tenantId, vaccinationId, generation: 0, children: [], changes: [] };
  const inbox: VaccinationChange[] = [];

  setHandler(vaccinationChangedSignal, (change) => {
    inbox.push(change);
  });
  setHandler(automationRunFinishedSignal, ({ workflowId: child }) => markFinished(child));
  setHandler(vaccinationWatchQuery, () => state);

  function markFinished(child: string): void {
    const found = state.children.find((c) => c.workflowId === child);
    if (found) found.finished = true;
  }
  const running = () => state.children.filter((c) => !c.finished);

  const record = (endReason?: VaccinationWatchEndReason): Promise<void> =>
    state.expiresOn
      ? recordVaccinationWatch({ tenantId, vaccinationId, workflowId, expiresOn: state.expiresOn, generation: Math.max(1, state.generation), ...(endReason ? { endReason } : {}) })
      : Promise.resolve();

  const end = async (reason: VaccinationWatchEndReason): Promise<VaccinationWatchState> => {
    state.endReason = reason;
    await record(reason);
    return state;
  };

  async function cancelRunning(): Promise<void> {
    await Promise.all(
      running().map(async (child) => {
        try {
          await getExternalWorkflowHandle(child.workflowId).cancel();
        } catch {
          markFinished(child.workflowId);
        }
      }),
    );
    if (!patched('confirm-cancelled-runs')) {
      if (!(await condition(() => running().length === 0, CANCEL_WAIT))) running().forEach((c) => markFinished(c.workflowId));
      return;
    }
    // The watch never ends with a run still open: a timer alone could expire first (a busy worker,
    // or the time-skipping test server skipping it at once while the cancel is still in flight).
    while (!(await condition(() => running().length === 0, CANCEL_WAIT))) {
      const open = new Set(await openWorkflows({ workflowIds: running().map((c) => c.workflowId) }));
      running().filter((c) => !open.has(c.workflowId)).forEach((c) => markFinished(c.workflowId));
    }
  }

  async function forward(event: RunEvent): Promise<void> {
    await Promise.all(
      running().map(async (child) => {
        try {
          await getExternalWorkflowHandle(child.workflowId).signal(runEventSignal, event);
        } catch {
          markFinished(child.workflowId);
        }
      }),
    );
  }

  /** Starts the runs of the current generation; returns how many automations matched. */
  async function startRuns(snapshot: VaccinationWatchSnapshot): Promise<number> {
    state.expiresOn = snapshot.expiresOn;
    state.subject = subjectOf(snapshot);
    const automations = await findTriggeredAutomations({ tenantId, event: TRIGGER });
    const matching = automations.filter((a) => triggerMatches(a.definition, TRIGGER, snapshot.context, Date.now()));
    for (const automation of matching) {
      const childId = automationRunWorkflowId({ tenantId, subjectId: vaccinationId, automationId: automation.automationId, event: TRIGGER, occurrence: state.generation });
      if (state.children.some((c) => c.workflowId === childId)) continue;
      const child = { workflowId: childId, automationId: automation.automationId, version: automation.version, generation: state.generation };
      try {
        const handle = await startChild(automationRun, {
          workflowId: childId,
          args: [
            {
              tenantId,
              automationId: automation.automationId,
              version: automation.version,
              automationVersionId: automation.automationVersionId,
              definition: automation.definition,
              context: snapshot.context,
              triggerEvent: TRIGGER,
              triggerKey: `${TRIGGER}:${state.generation}`,
              parentWorkflowId: workflowId,
            },
          ],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        state.children.push(child);
        handle.result().then(
          () => markFinished(childId),
          () => markFinished(childId),
        );
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        state.children.push(child);
      }
    }
    await record();
    return matching.length;
  }

  const expired = (snapshot: VaccinationWatchSnapshot): boolean => Date.parse(String(snapshot.context.vaccination?.expiresAt)) < Date.now();

  /** Renewed: the runs are told (their goal ends them), and whatever still runs after the grace is cancelled. */
  async function renew(change: VaccinationChange): Promise<VaccinationWatchState> {
    await forward({ type: 'vaccination.renewed', at: change.at, vaccination: { renewedAt: change.at, ...(change.renewedById ? { renewedById: change.renewedById } : {}) } });
    if (!(await condition(() => running().length === 0, RENEWAL_GRACE))) await cancelRunning();
    return end('renewed');
  }

  if (!carried) {
    const snapshot = await loadVaccinationWatch({ tenantId, vaccinationId });
    if (!snapshot) return end('deleted');
    const stored = snapshot.stored;
    // Same expiry as an earlier execution recorded: the same generation, so its sends are not repeated.
    state.generation = !stored ? 1 : stored.expiresOn === snapshot.expiresOn ? Math.max(1, stored.generation) : stored.generation + 1;
    state.expiresOn = snapshot.expiresOn;
    if (snapshot.renewedById) return end('renewed');
    if (expired(snapshot)) return end('expired');
    if ((await startRuns(snapshot)) === 0) return end('no-automation');
  }

  for (;;) {
    await condition(() => inbox.length > 0 || running().length === 0 || workflowInfo().continueAsNewSuggested);
    if (inbox.length === 0) {
      if (running().length === 0) return end('completed');
      await continueAsNew<typeof vaccinationWatch>(input, state);
    }
    const change = inbox.shift() as VaccinationChange;
    state.changes = [...state.changes, change].slice(-keptChanges);
    if (change.type === 'renewed') return renew(change);
    if (change.type === 'deleted') {
      await cancelRunning();
      return end('deleted');
    }
    const snapshot = await loadVaccinationWatch({ tenantId, vaccinationId });
    if (!snapshot) {
      await cancelRunning();
      return end('deleted');
    }
    if (snapshot.renewedById) return renew({ type: 'renewed', at: change.at, renewedById: snapshot.renewedById });
    // Notes or provider changed: the alerts stay where they are.
    if (subjectOf(snapshot) === state.subject && running().length > 0) continue;
    // The alerts move: the runs of the old date stop before the new ones start.
    await cancelRunning();
    state.generation += 1;
    if (expired(snapshot)) return end('expired');
    if ((await startRuns(snapshot)) === 0) return end('no-automation');
  }
}
