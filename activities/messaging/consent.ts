import { DateTime } from 'luxon';
import type { Customer } from '../../db/entities';
import type { MessageChannel } from '../../db/entities/message-template';

export interface QuietHours {
  /** Local "HH:mm" in the recipient's zone when quiet hours begin (inclusive). */
  start: string;
  /** Local "HH:mm" when they end (exclusive). */
  end: string;
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: '21:00', end: '08:00' };

export type SuppressionReason =
  | 'opted_out'
  | 'no_consent'
  | 'no_address'
  | 'invalid_address'
  | 'quiet_hours';

export interface ConsentInput {
  customer: Pick<Customer, 'smsOptIn' | 'emailOptIn' | 'whatsappOptIn' | 'smsOptedOutAt'>;
  channel: MessageChannel;
  /**
   * Transactional: about a booking the customer made (confirmations, reminders, no-show notices).
   * Marketing: campaigns and anything not tied to an appointment (birthday, win-back).
   */
  kind: 'transactional' | 'marketing';
  now: Date;
  zone: string;
  quietHours: QuietHours | null;
}

export type ConsentDecision = { allowed: true } | { allowed: false; reason: SuppressionReason; detail: string; notBefore?: string };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** Whether `now` falls in quiet hours in `zone`, and when they end. */
export function quietHoursAt(now: Date, zone: string, quiet: QuietHours): { quiet: false } | { quiet: true; endsAt: DateTime } {
  const local = DateTime.fromJSDate(now, { zone });
  const minute = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const inside = start <= end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return { quiet: false };
  let endsAt = local.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 });
  if (endsAt <= local) endsAt = endsAt.plus({ days: 1 });
  return { quiet: true, endsAt };
}

/**
 * The one place that decides whether a message may go out now. Rules (docs/messaging.md):
 * - STOP (smsOptedOutAt) blocks SMS and WhatsApp to the number, whatever the kind.
 * - A channel the customer has not opted in to is never used.
 * - Quiet hours hold back marketing SMS/WhatsApp in the recipient's zone; transactional messages
 *   go out at any hour (the automation's waits choose their time, and a held reminder would land
 *   after an early appointment). Email has no quiet hours: it does not wake anyone.
 */
export function checkConsent(input: ConsentInput): ConsentDecision {
  const { customer, channel } = input;
  if ((channel === 'sms' || channel === 'whatsapp') && customer.smsOptedOutAt) {
    return { allowed: false, reason: 'opted_out', detail: `the customer replied STOP on ${customer.smsOptedOutAt.toISOString()}` };
  }
  const flag = channel === 'sms' ? 'smsOptIn' : channel === 'whatsapp' ? 'whatsappOptIn' : 'emailOptIn';
  if (!customer[flag]) return { allowed: false, reason: 'no_consent', detail: `the customer has not opted in (${flag} is false)` };
  if (input.kind === 'marketing' && channel !== 'email' && input.quietHours) {
    const quiet = quietHoursAt(input.now, input.zone, input.quietHours);
    if (quiet.quiet) {
      return {
        allowed: false,
        reason: 'quiet_hours',
        detail: `quiet hours ${input.quietHours.start}–${input.quietHours.end} in ${input.zone}`,
        notBefore: quiet.endsAt.toISO() ?? undefined,
      };
    }
  }
  return { allowed: true };
}
