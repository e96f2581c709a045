import { continueAsNew, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { defineSearchAttributeKey, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Activities } from '../activities';
import { automationRun } from './automation-run';
import { automationRunWorkflowId } from './automation-run-contract';
import type { AutomationScheduleCarry, AutomationScheduleInput, AutomationScheduleResult } from './automation-schedule-contract';

const { loadScheduledAutomation, findScheduleAudience } = proxyActivities<Pick<Activities, 'loadScheduledAutomation' | 'findScheduleAudience'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Set by Temporal on every workflow a Schedule starts: the time the fire was due. */
const scheduledStartTime = defineSearchAttributeKey('TemporalScheduledStartTime', 'DATETIME');
const PAGE = 500;
/** Runs started at once (each start is a round trip to the server). */
const PARALLEL_STARTS = 25;
/** Well inside the 50k-event limit: each started run adds about three events. */
const HISTORY_BUDGET = 6000;

function firedAtOf(): string {
  const due = workflowInfo().typedSearchAttributes.get(scheduledStartTime);
  const at = due ? due.getTime() : Date.now();
  return new Date(Math.floor(at / 60_000) * 60_000).toISOString();
}

/**
 * One fire of a schedule-triggered automation (win-back, birthday…): pages through the tenant's
 * customers, keeps those whose trigger filter holds at the fire time, and starts one
 * `automationRun` per customer on the version published right now. Run ids (and so send keys)
 * carry the fire minute, so a repeated fire of the same slot starts nothing twice; a new fire
 * starts fresh runs. Continues as new before its history grows large.
 */
export async function automationSchedule(input: AutomationScheduleInput, carried?: AutomationScheduleCarry): Promise<AutomationScheduleResult> {
  const firedAt = carried?.firedAt ?? firedAtOf();
  const automation = carried?.automation ?? (await loadScheduledAutomation(input));
  if (!automation) return { firedAt, scanned: 0, started: 0, skipped: 'inactive' };
  const minute = Math.floor(Date.parse(firedAt) / 60_000);
  let { after } = carried ?? {};
  let scanned = carried?.scanned ?? 0;
  let started = carried?.started ?? 0;

  const start = async (customerId: string, context: Parameters<typeof automationRun>[0]['context']): Promise<void> => {
    const workflowId = automationRunWorkflowId({ tenantId: input.tenantId, subjectId: customerId, automationId: automation.automationId, event: 'schedule', occurrence: minute });
    try {
      await startChild(automationRun, {
        workflowId,
        args: [
          {
            tenantId: input.tenantId,
            automationId: automation.automationId,
            version: automation.version,
            automationVersionId: automation.automationVersionId,
            definition: automation.definition,
            context,
            triggerEvent: 'schedule',
            triggerKey: `schedule:${minute}`,
          },
        ],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        // A repeated fire of the same minute finds the run (even finished) and starts nothing.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      started += 1;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };

  for (;;) {
    const page = await findScheduleAudience({ tenantId: input.tenantId, definition: automation.definition, firedAt, limit: PAGE, ...(after ? { after } : {}) });
    scanned += page.scanned;
    for (let i = 0; i < page.matched.length; i += PARALLEL_STARTS) {
      await Promise.all(page.matched.slice(i, i + PARALLEL_STARTS).map((m) => start(m.customerId, m.context)));
    }
    if (!page.next) return { firedAt, scanned, started };
    after = page.next;
    if (workflowInfo().historyLength > HISTORY_BUDGET || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof automationSchedule>(input, { firedAt, automation, after, scanned, started });
    }
  }
}
