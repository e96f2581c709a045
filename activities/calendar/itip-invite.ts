import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Appointment, CalendarSettings } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import { createAppointmentSnapshotActivity, type AppointmentSnapshot } from '../appointment-snapshot';
import { buildAppointmentIcs } from '../messaging/ics';
import { findByKey, insertRow, isSettled, markAttemptFailed, markSent } from '../messaging/outbox-store';
import { emailFromOf, type EmailProvider, type MessagingConfig, ProviderError, publicUrlOf } from '../messaging/providers';
import { emailMessageId } from '../messaging/send-message';

export type InviteChange = 'booked' | 'rescheduled' | 'cancelled';

export interface SendCalendarInviteInput {
  tenantId: string;
  appointmentId: string;
  change: InviteChange;
  /** When the change happened (the appointment event's `at`): it fixes the SEQUENCE, so a retry sends the same invite. */
  at: string;
}

export interface SendCalendarInviteResult {
  status: 'sent' | 'skipped';
  reason?: string;
  messageId?: string;
  method?: string;
  sequence?: number;
}

const EPOCH_2020 = Date.UTC(2020, 0, 1);

/**
 * SEQUENCE of an invite: seconds since 2020 at the change plus the appointment's own change
 * counter (raised on every change of time, staff or status). It stays above the minute-based
 * sequence of .ics files attached to automation emails (the same UID), and grows strictly even
 * when a reschedule and a cancel fall in the same second.
 */
export function inviteSequence(at: string, changeCount: number): number {
  return Math.max(0, Math.floor((Date.parse(at) - EPOCH_2020) / 1000)) + changeCount;
}

function when(snapshot: AppointmentSnapshot): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: snapshot.customer.timezone }).format(new Date(snapshot.appointment.startsAt));
}

function wording(change: InviteChange, snapshot: AppointmentSnapshot): { subject: string; body: string } {
  const what = `${snapshot.service.name} at ${snapshot.tenant.name}`;
  const with_ = snapshot.staff ? ` with ${snapshot.staff.name}` : '';
  const link = snapshot.appointment.meetingLink ? `\nJoin online: ${snapshot.appointment.meetingLink}` : '';
  if (change === 'cancelled') {
    return { subject: `Cancelled: ${what} — ${when(snapshot)}`, body: `Hi ${snapshot.customer.firstName},\n\nYour ${what}${with_} on ${when(snapshot)} is cancelled. The attached update removes it from your calendar.` };
  }
  const verb = change === 'rescheduled' ? 'has moved to' : 'is booked for';
  return {
    subject: `${change === 'rescheduled' ? 'Updated invitation' : 'Invitation'}: ${what} — ${when(snapshot)}`,
    body: `Hi ${snapshot.customer.firstName},\n\nYour ${what}${with_} ${verb} ${when(snapshot)}.${link}\n\nThe attached invitation keeps your calendar up to date.`,
  };
}

/**
 * The customer's calendar invitation as an iTIP email: METHOD:REQUEST on booking and reschedule
 * (same UID as every .ics the app sends, a higher SEQUENCE, so Gmail and Outlook update the event
 * in place) and METHOD:CANCEL on cancellation. Sent through the email provider with an outbox
 * row keyed by (appointment, change, time), so a retried activity never sends twice.
 */
export function createSendCalendarInvite(deps: { orm: MikroORM; logger: Logger; email: EmailProvider; config: Partial<MessagingConfig> }) {
  const loadSnapshot = createAppointmentSnapshotActivity({ orm: deps.orm });
  const publicUrl = publicUrlOf(deps.config);
  return async function sendCalendarInvite(input: SendCalendarInviteInput): Promise<SendCalendarInviteResult> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const settings = await em.findOne(CalendarSettings, { tenantId: input.tenantId });
    // Off unless the business turned it on: the seeded confirmation email already carries a REQUEST.
    if (!settings?.emailInvites) return { status: 'skipped', reason: 'disabled' };
    const idempotencyKey = `calendar-invite:${input.appointmentId}:${input.change}:${input.at}`;
    const existing = await findByKey(em, idempotencyKey);
    if (existing && isSettled(existing)) return { status: 'sent', messageId: existing.id };

    const snapshot = await loadSnapshot(input);
    const to = snapshot.customer.email;
    if (!to) return { status: 'skipped', reason: 'no_address' };
    const cancelled = input.change === 'cancelled';
    const context = { ...snapshot, appointment: { ...snapshot.appointment, status: cancelled ? 'cancelled' : snapshot.appointment.status === 'cancelled' ? 'confirmed' : snapshot.appointment.status } };
    const counter = await em.findOne(Appointment, { id: input.appointmentId }, { fields: ['sequence'] });
    const sequence = inviteSequence(input.at, counter?.sequence ?? 0);
    const from = emailFromOf(deps.config);
    const ics = buildAppointmentIcs({
      context,
      uidDomain: new URL(publicUrl).hostname,
      organizer: { name: snapshot.tenant.name, email: from },
      attendee: { name: snapshot.customer.name, email: to },
      sequence,
    });
    if (!ics) throw ApplicationFailure.nonRetryable('the appointment has no time to invite to', 'InvalidAppointment');
    const { subject, body } = wording(input.change, snapshot);

    const messageId =
      existing?.id ??
      (await insertRow(
        em,
        { tenantId: input.tenantId, customerId: snapshot.customer.id, appointmentId: input.appointmentId, channel: 'email', to, subject, body, provider: deps.email.name, idempotencyKey },
        'sending',
      ));
    if (!messageId) throw ApplicationFailure.retryable('the invite is being sent by another attempt', 'SendInProgress');
    const log = deps.logger.child({ tenantId: input.tenantId, appointmentId: input.appointmentId, messageId, activity: 'sendCalendarInvite' });
    try {
      const result = await deps.email.send({
        to,
        toName: snapshot.customer.name,
        fromName: snapshot.tenant.name,
        subject,
        text: body,
        ics,
        messageIdHeader: emailMessageId(idempotencyKey, publicUrl),
        messageId,
      });
      await markSent(em, messageId, result, new Date());
    } catch (err) {
      const pe = err instanceof ProviderError ? err : new ProviderError((err as Error).message, { code: 'UNKNOWN', permanent: false, notSent: false });
      await markAttemptFailed(em, messageId, pe.permanent ? 'failed' : 'queued', { code: pe.code, message: pe.message }, new Date());
      log.warn({ errorCode: pe.code }, 'calendar invite failed');
      if (pe.permanent) return { status: 'skipped', reason: pe.code, messageId };
      throw ApplicationFailure.retryable(pe.message, 'ProviderUnavailable');
    }
    log.info({ method: ics.method, sequence }, 'calendar invite sent');
    return { status: 'sent', messageId, method: ics.method, sequence };
  };
}
