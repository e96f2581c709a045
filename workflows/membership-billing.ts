import { condition, continueAsNew, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type MembershipBillingInput, membershipCancelledSignal } from './membership-billing-contract';

const { chargeMembershipPeriod } = proxyActivities<Pick<Activities, 'chargeMembershipPeriod'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '10 minutes', nonRetryableErrorTypes: ['MembershipNotFound'] },
});

/** Periods billed per run before continuing as new, keeping the history short for years of billing. */
const PERIODS_PER_RUN = 24;

/**
 * `membership:<tenant>:<id>`: records one charge per billing period, durably, for as long as the
 * membership lasts. Each charge is idempotent per period (the activity keys the payment on it), so
 * a retry or a replay never bills twice; cancelling signals the workflow, which ends at once.
 */
export async function membershipBillingWorkflow(input: MembershipBillingInput): Promise<void> {
  let cancelled = false;
  setHandler(membershipCancelledSignal, () => {
    cancelled = true;
  });
  for (let i = 0; i < PERIODS_PER_RUN && !cancelled; i++) {
    const result = await chargeMembershipPeriod(input);
    if (result.status === 'ended') return;
    const wait = Date.parse(result.nextChargeAt) - Date.now();
    if (wait > 0 && (await condition(() => cancelled, wait))) return;
  }
  if (!cancelled) await continueAsNew<typeof membershipBillingWorkflow>(input);
}
