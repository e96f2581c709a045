import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { calendarChangedSignal, calendarDisconnectedSignal, type CalendarSyncInput } from './calendar-sync-contract';

const { syncCalendarConnection, watchCalendarConnection } = proxyActivities<Pick<Activities, 'syncCalendarConnection' | 'watchCalendarConnection'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 5, nonRetryableErrorTypes: ['CalendarSyncRejected'] },
});

/** Rounds per execution before continuing as new (keeps the history short). */
const roundsPerRun = 200;

/**
 * `calendar-sync:<tenant>:<connection>`: keeps the busy cache of one connected calendar fresh.
 * Each round renews the push notifications when due, then syncs incrementally; it then waits for
 * a `calendarChanged` signal (webhook, "sync now"), the renewal time, or the poll interval. It ends
 * when the connection is gone or needs a reconnect (a new connect starts it again).
 */
export async function calendarSyncWorkflow(input: CalendarSyncInput): Promise<string> {
  let changed = false;
  let disconnected = false;
  setHandler(calendarChangedSignal, () => {
    changed = true;
  });
  setHandler(calendarDisconnectedSignal, () => {
    disconnected = true;
  });
  const pollMs = (input.pollMinutes ?? 15) * 60_000;

  for (let round = 0; round < roundsPerRun; round += 1) {
    changed = false;
    let renewAt: number | undefined;
    try {
      const watch = await watchCalendarConnection(input);
      if (watch.renewAt) renewAt = Date.parse(watch.renewAt);
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // Notifications are an optimisation: the poll below still runs.
    }
    try {
      const result = await syncCalendarConnection(input);
      if (result.status === 'gone' || result.status === 'needs_reconnect' || result.status === 'not_synced') return result.status;
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // The error is on the connection (Settings shows it); try again after the interval.
    }
    if (disconnected) return 'disconnected';
    const wait = Math.max(60_000, Math.min(pollMs, renewAt !== undefined ? renewAt - Date.now() : pollMs));
    await condition(() => changed || disconnected, wait);
    if (disconnected) return 'disconnected';
    // Notifications come in bursts (one per edited event): gather them into one round.
    if (changed) await sleep(2_000);
  }
  return continueAsNew<typeof calendarSyncWorkflow>(input);
}
