import { createEvent, type EventAttributes } from 'ics';
import { readContextPath } from '../../workflows/dsl/context';
import type { IcsAttachment } from './providers/types';

export interface AppointmentIcsInput {
  context: unknown;
  /** Host part of the stable UID (PUBLIC_URL's host). */
  uidDomain: string;
  organizer: { name: string; email: string };
  attendee?: { name?: string; email: string };
  /** Monotonic per change so calendars apply updates in order; default: minutes since 2020. */
  sequence?: number;
  now?: Date;
}

const EPOCH_2020 = Date.UTC(2020, 0, 1);

/** The UID a calendar keys the appointment on: the same for the booking, every change and the cancellation. */
export function appointmentUid(appointmentId: string, domain: string): string {
  return `appointment-${appointmentId}@${domain}`;
}

/**
 * An iTIP invitation for the appointment in the context: METHOD:REQUEST while it stands (a later
 * REQUEST with the same UID and a higher SEQUENCE moves it), METHOD:CANCEL once cancelled.
 * Returns undefined when the context has no appointment.
 */
export function buildAppointmentIcs(input: AppointmentIcsInput): IcsAttachment | undefined {
  const str = (path: string): string | undefined => {
    const value = readContextPath(input.context, path);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const id = str('appointment.id');
  const startsAt = str('appointment.startsAt');
  if (!id || !startsAt) return undefined;
  const start = Date.parse(startsAt);
  const endsAt = str('appointment.endsAt');
  const minutes = Number(readContextPath(input.context, 'appointment.durationMinutes') ?? readContextPath(input.context, 'service.durationMinutes'));
  const end = endsAt ? Date.parse(endsAt) : start + (Number.isFinite(minutes) && minutes > 0 ? minutes : 60) * 60_000;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;

  const cancelled = str('appointment.status') === 'cancelled';
  const method = cancelled ? 'CANCEL' : 'REQUEST';
  const service = str('service.name') ?? 'Appointment';
  const business = str('tenant.name');
  const staff = str('staff.name');
  const description = [
    staff ? `${service} with ${staff}` : service,
    str('appointment.portalUrl') ? `Manage your booking: ${str('appointment.portalUrl')}` : undefined,
    str('appointment.meetingLink') ? `Join: ${str('appointment.meetingLink')}` : undefined,
  ]
    .filter(Boolean)
    .join('\n');
  const now = input.now ?? new Date();

  const event: EventAttributes = {
    productId: 'appointflow/ics',
    method,
    uid: appointmentUid(id, input.uidDomain),
    sequence: input.sequence ?? Math.max(0, Math.floor((now.getTime() - EPOCH_2020) / 60_000)),
    start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: business ? `${service} at ${business}` : service,
    description,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    organizer: input.organizer,
    ...(str('appointment.locationName') || str('tenant.address')
      ? { location: str('appointment.locationName') ?? str('tenant.address') }
      : {}),
    ...(str('appointment.meetingLink') ? { url: str('appointment.meetingLink') } : {}),
    ...(input.attendee
      ? { attendees: [{ name: input.attendee.name, email: input.attendee.email, rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }] }
      : {}),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw new Error(`could not build the .ics: ${error?.message ?? 'empty'}`);
  return { filename: cancelled ? 'cancellation.ics' : 'invite.ics', content: value, method };
}
