import {
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  type AppointmentEvent,
  appointmentEventSignal,
  appointmentStateQuery,
  type AppointmentWorkflowInput,
  type AppointmentWorkflowState,
} from './appointment-contract';

const { loadAppointmentSnapshot } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: ['AppointmentNotFound'] },
});

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

/**
 * The entity workflow `appointment:<tenant>:<id>`: one per appointment, started with
 * signalWithStart by the API and signalled on every change. It lives until the
 * appointment reaches a final status.
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
  const inbox: AppointmentEvent[] = [];

  setHandler(appointmentEventSignal, (event) => {
    inbox.push(event);
  });
  setHandler(appointmentStateQuery, () => state);

  if (!carried) {
    const snapshot = await loadAppointmentSnapshot(input);
    state.status = snapshot.appointment.status;
  }

  while (!terminalStatuses.has(state.status)) {
    await condition(() => inbox.length > 0 || workflowInfo().continueAsNewSuggested);
    while (inbox.length > 0) {
      const event = inbox.shift()!;
      state.events = [...state.events, event].slice(-keptEvents);
      state.status = event.data?.status ?? statusAfter[event.type] ?? state.status;
    }
    if (workflowInfo().continueAsNewSuggested && !terminalStatuses.has(state.status)) {
      await continueAsNew<typeof appointmentWorkflow>(input, state);
    }
  }
  return state;
}
