import { continueAsNew, getExternalWorkflowHandle, ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../activities';
import { vaccinationWatch } from './vaccination-watch';
import {
  vaccinationChangedSignal,
  type VaccinationSweepInput,
  type VaccinationSweepResult,
  vaccinationWatchWorkflowId,
} from './vaccination-watch-contract';

const { findUnwatchedVaccinations } = proxyActivities<Pick<Activities, 'findUnwatchedVaccinations'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const PAGE = 200;
const PARALLEL = 20;
const HISTORY_BUDGET = 6000;

/**
 * The daily catch-up (Temporal Schedule `vaccination-watch-sweep`, also triggered after a CSV
 * import): starts the watch of every current vaccination record that has none, and tells the
 * watches of records that a newer one replaced without them knowing (both happen with imports).
 */
export async function vaccinationWatchSweep(input: VaccinationSweepInput = {}): Promise<VaccinationSweepResult> {
  let { after } = input;
  let started = input.started ?? 0;
  let renewed = input.renewed ?? 0;
  const now = new Date(Date.now()).toISOString();

  const startWatch = async (item: { tenantId: string; vaccinationId: string }): Promise<void> => {
    try {
      await startChild(vaccinationWatch, {
        workflowId: vaccinationWatchWorkflowId(item.tenantId, item.vaccinationId),
        args: [{ tenantId: item.tenantId, vaccinationId: item.vaccinationId }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
      });
      started += 1;
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  };
  const tellRenewed = async (item: { tenantId: string; vaccinationId: string; renewedById: string }): Promise<void> => {
    try {
      await getExternalWorkflowHandle(vaccinationWatchWorkflowId(item.tenantId, item.vaccinationId)).signal(vaccinationChangedSignal, { type: 'renewed', at: now, renewedById: item.renewedById });
      renewed += 1;
    } catch {
      // The watch has already ended.
    }
  };

  for (;;) {
    const page = await findUnwatchedVaccinations({ today: now.slice(0, 10), limit: PAGE, ...(after ? { after } : {}) });
    const work: Array<() => Promise<void>> = [...page.start.map((item) => () => startWatch(item)), ...page.renew.map((item) => () => tellRenewed(item))];
    for (let i = 0; i < work.length; i += PARALLEL) await Promise.all(work.slice(i, i + PARALLEL).map((run) => run()));
    if (!page.next) return { started, renewed };
    after = page.next;
    if (workflowInfo().historyLength > HISTORY_BUDGET || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof vaccinationWatchSweep>({ after, started, renewed });
    }
  }
}
