import { humanDuration } from '../../describe/duration';
import { relativeTime } from '../wait/card';
import type { DraftData } from '../types';

const EVENT_NOUNS: Record<string, string> = {
  'message.received': 'a reply',
  'appointment.confirmed': 'a confirmation',
  'appointment.rescheduled': 'a reschedule',
  'appointment.cancelled': 'a cancellation',
  'appointment.checked_in': 'a check-in',
  'appointment.completed': 'the visit to be completed',
  'appointment.no_show': 'a no-show mark',
  'payment.received': 'a payment',
  'vaccination.renewed': 'a renewed vaccination',
};

export function waitForEventSentence(data: DraftData<'waitForEvent'>): string {
  const events = Array.isArray(data.events) ? data.events : [];
  const nouns = events.map((e) => EVENT_NOUNS[e] ?? e);
  const what = nouns.length === 0 ? 'an event' : nouns.length === 1 ? nouns[0] : `${nouns.slice(0, -1).join(', ')} or ${nouns[nouns.length - 1]}`;
  const deadline = data.timeout ? `for up to ${humanDuration(data.timeout)}` : data.until ? `until ${relativeTime(data.until)}` : 'with no deadline yet';
  return `Wait for ${what} ${deadline}`;
}
