import type { AppointmentSnapshot } from '../activities';
import type { AppointmentEvent } from './appointment-contract';
// DSL modules by file, not the index: the sandbox evaluates every imported module per workflow (see dsl/action-types.ts).
import type { RunContext } from './dsl/context';
import { applyEvent, parseReplyIntent, type RunEvent } from './dsl/events';

/** An appointment event as the run event forwarded to automation runs (none for `booked`: runs start on it). */
export function toRunEvent(event: AppointmentEvent): RunEvent | null {
  const data = event.data ?? {};
  switch (event.type) {
    case 'appointment.booked':
      return null;
    case 'appointment.rescheduled':
      return {
        type: event.type,
        at: event.at,
        appointment: { ...(data.startsAt ? { startsAt: data.startsAt } : {}), ...(data.endsAt ? { endsAt: data.endsAt } : {}) },
      };
    case 'appointment.cancelled':
      return { type: event.type, at: event.at, appointment: { cancelReason: data.reason ?? 'cancelled' } };
    case 'appointment.checked_in':
      return { type: event.type, at: event.at, appointment: { arrivedAt: event.at } };
    case 'message.received': {
      const body = data.body ?? '';
      return { type: event.type, at: event.at, body, intent: parseReplyIntent(body), channel: 'sms', data: { from: data.from ?? null } };
    }
    default:
      return { type: event.type, at: event.at };
  }
}

/** The context a run started by `event` sees: the appointment as it is now, plus the event. */
export function runContextFor(snapshot: AppointmentSnapshot, event: AppointmentEvent): RunContext {
  const base: RunContext = {
    tenant: { ...snapshot.tenant },
    appointment: { ...snapshot.appointment },
    service: { ...snapshot.service },
    ...(snapshot.staff ? { staff: { ...snapshot.staff } } : {}),
    customer: { ...snapshot.customer },
    pets: snapshot.pets.map((pet) => ({ ...pet })),
    vars: {},
    event: { type: event.type, at: event.at, ...(event.data ? { data: { ...event.data } } : {}) },
  };
  // The snapshot is read after the change was committed, so it is at least as new as the event:
  // only a reply adds something (lastEvent with its intent, a STOP's opt-out).
  const runEvent = toRunEvent(event);
  if (runEvent?.type === 'message.received') return applyEvent(base, runEvent);
  return { ...base, lastEvent: { type: event.type, at: event.at } };
}
