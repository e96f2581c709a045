import type { MikroORM } from '@mikro-orm/postgresql';
import { ApplicationFailure } from '@temporalio/common';
import { Appointment, CalendarConnection, CalendarSettings, Customer, Service, Staff, Tenant } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import type { CalendarEnv } from './calendar-env';
import { CalendarProviderError } from './errors';
import { openConnection, openZoom, recordConnectionError } from './open-connection';
import type { CalendarEventInput, VideoProvider } from './types';
import type { ZoomProvider } from './zoom-provider';

export interface PushAppointmentInput {
  tenantId: string;
  appointmentId: string;
}

export interface PushAppointmentResult {
  /** Connection ids whose calendar now holds the appointment as it is (or no longer holds it, once cancelled). */
  pushed: string[];
  /** Connections that refused for good (reconnect needed, or a rejected request). */
  failed: string[];
  meetingLink?: string;
  /** The meeting link was created, changed or removed: messages sent after this should be rendered afresh. */
  meetingLinkChanged: boolean;
}

/** Key of the Zoom meeting id in `appointment.calendarEventIds` (the other keys are connection ids). */
export const ZOOM_KEY = 'zoom';

const eventVideo: Record<'google' | 'microsoft', VideoProvider> = { google: 'google_meet', microsoft: 'teams' };

/**
 * Makes every connected calendar show the appointment as it stands: inserted when new, patched
 * when moved, deleted once cancelled (or when it moved to another staff member). It reconciles
 * from the row, so the create, reschedule and cancel hooks are one activity and a retry or a
 * replay lands in the same state: Google's event id is derived from the appointment (a repeated
 * insert gets 409 and becomes a patch), Graph dedupes creates by `transactionId`, Zoom meetings
 * are found again by their marker, and each event id is stored on the appointment as soon as it
 * exists. A retryable failure of any calendar throws (Temporal retries the whole push; what
 * already succeeded is then a no-op update); a permanent one is recorded on the connection.
 */
export function createPushAppointment(deps: { orm: MikroORM; logger: Logger; env: CalendarEnv }) {
  const zoomClients = new Map<string, ZoomProvider>();
  return async function pushAppointmentToCalendars(input: PushAppointmentInput): Promise<PushAppointmentResult> {
    const em = deps.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: input.tenantId });
    const log = deps.logger.child({ tenantId: input.tenantId, appointmentId: input.appointmentId, activity: 'pushAppointmentToCalendars' });
    const appointment = await em.findOne(Appointment, { id: input.appointmentId });
    if (!appointment) throw ApplicationFailure.nonRetryable(`appointment ${input.appointmentId} not found`, 'AppointmentNotFound');
    const [tenant, service, customer, staff, settings] = await Promise.all([
      em.findOneOrFail(Tenant, { id: input.tenantId }),
      em.findOneOrFail(Service, { id: appointment.serviceId }),
      em.findOneOrFail(Customer, { id: appointment.customerId }),
      appointment.staffId ? em.findOne(Staff, { id: appointment.staffId }) : Promise.resolve(null),
      em.findOne(CalendarSettings, { tenantId: input.tenantId }),
    ]);
    const targets = await em.find(
      CalendarConnection,
      { status: 'active', $or: [{ staffId: null }, ...(appointment.staffId ? [{ staffId: appointment.staffId }] : [])] },
      { orderBy: { staffId: 'asc nulls last', createdAt: 'asc' } },
    );
    const cancelled = appointment.status === 'cancelled';
    const ids: Record<string, string> = { ...appointment.calendarEventIds };
    const linkBefore = appointment.meetingLink ?? undefined;
    let meetingLink = linkBefore;
    const video = settings?.videoByService[service.id] ?? 'none';
    const timezone = staff?.timezone ?? tenant.timezone;
    const durationMinutes = Math.round((appointment.endsAt.getTime() - appointment.startsAt.getTime()) / 60_000);
    const retryable: string[] = [];
    const result: PushAppointmentResult = { pushed: [], failed: [], meetingLinkChanged: false };

    let saved = JSON.stringify([ids, linkBefore ?? null]);
    /** Writes ids and link when they changed (every write of the row is a live event for the UI). */
    const save = async () => {
      const now = JSON.stringify([ids, meetingLink ?? null]);
      if (now === saved) return;
      await em.nativeUpdate(Appointment, { id: appointment.id }, { calendarEventIds: { ...ids }, meetingLink: meetingLink ?? null });
      saved = now;
    };

    // Zoom first: its link goes into the calendar events.
    const zoomId = ids[ZOOM_KEY];
    if (video === 'zoom' || zoomId) {
      try {
        const zoom = await openZoom(deps.env, em, settings, zoomClients);
        if (!zoom) throw new CalendarProviderError('zoom', 'rejected', 'Zoom is chosen for this service but not configured in Settings');
        const meeting = { appointmentId: appointment.id, topic: `${service.name} — ${customer.name}`, startsAt: appointment.startsAt, durationMinutes, timezone };
        if (cancelled || video !== 'zoom') {
          if (zoomId) await zoom.deleteMeeting(zoomId);
          delete ids[ZOOM_KEY];
          meetingLink = undefined;
        } else if (zoomId) {
          await zoom.updateMeeting(zoomId, meeting);
        } else {
          const created = await zoom.createMeeting(meeting);
          ids[ZOOM_KEY] = created.id;
          meetingLink = created.joinUrl;
        }
        await save();
      } catch (err) {
        log.warn({ provider: 'zoom', kind: (err as CalendarProviderError).kind, error: (err as Error).message }, 'zoom meeting push failed');
        if (err instanceof CalendarProviderError && err.retryable) retryable.push('zoom');
        else result.failed.push('zoom');
      }
    }

    // The first connection whose provider makes the wanted meeting hosts it (the staff member's before the business's).
    const host = targets.find((c) => eventVideo[c.provider] === video);
    const summary = `${service.name} — ${customer.name}`;
    const eventInput = (connection: CalendarConnection): CalendarEventInput => ({
      tenantId: tenant.id,
      // The business calendar and the staff calendar may be one Google account: ids differ per connection.
      appointmentId: connection.staffId ? appointment.id : `${appointment.id}:business`,
      summary,
      description: [
        staff ? `${service.name} with ${staff.name}` : service.name,
        customer.phone ? `Customer: ${customer.name}, ${customer.phone}` : `Customer: ${customer.name}`,
        appointment.notes ? `Notes: ${appointment.notes}` : undefined,
        meetingLink && connection !== host ? `Join: ${meetingLink}` : undefined,
      ]
        .filter(Boolean)
        .join('\n'),
      startsAt: appointment.startsAt,
      endsAt: appointment.endsAt,
      timezone,
      ...(customer.email && settings?.invitePolicy && settings.invitePolicy !== 'none' ? { attendee: { email: customer.email, name: customer.name } } : {}),
      invitePolicy: settings?.invitePolicy ?? 'none',
      video: connection === host ? eventVideo[connection.provider] : 'none',
    });

    const push = async (connection: CalendarConnection, remove: boolean): Promise<void> => {
      const provider = await openConnection(deps.env, em, connection);
      const event = eventInput(connection);
      const stored = ids[connection.id];
      if (remove) {
        if (stored) await provider.deleteEvent(stored, event);
        delete ids[connection.id];
        if (connection === host) meetingLink = undefined;
        return;
      }
      let ref;
      try {
        ref = stored ? await provider.updateEvent(stored, event) : await provider.createEvent(event);
      } catch (err) {
        // Deleted by hand in the calendar: put it back.
        if (!(stored && err instanceof CalendarProviderError && err.kind === 'not_found')) throw err;
        ref = await provider.createEvent(event);
      }
      ids[connection.id] = ref.eventId;
      if (connection === host && ref.meetingUrl) meetingLink = ref.meetingUrl;
    };

    const stale = Object.keys(ids).filter((key) => key !== ZOOM_KEY && !targets.some((c) => c.id === key));
    const staleConnections = stale.length ? await em.find(CalendarConnection, { id: { $in: stale } }) : [];
    for (const key of stale) if (!staleConnections.some((c) => c.id === key)) delete ids[key];

    for (const [connection, remove] of [...targets.map((c) => [c, cancelled] as const), ...staleConnections.map((c) => [c, true] as const)]) {
      try {
        await push(connection, remove);
        await save();
        result.pushed.push(connection.id);
        await em.nativeUpdate(CalendarConnection, { id: connection.id }, { lastError: null, lastErrorAt: null });
      } catch (err) {
        await recordConnectionError(em, connection.id, err);
        log.warn({ connectionId: connection.id, provider: connection.provider, kind: (err as CalendarProviderError).kind, error: (err as Error).message }, 'calendar push failed');
        if (err instanceof CalendarProviderError && err.retryable) retryable.push(connection.id);
        else result.failed.push(connection.id);
      }
    }
    if (cancelled) meetingLink = undefined;
    await save();
    if (retryable.length) {
      throw ApplicationFailure.retryable(`calendar push will be retried for ${retryable.join(', ')}`, 'CalendarPushRetry');
    }
    result.meetingLink = meetingLink;
    result.meetingLinkChanged = meetingLink !== linkBefore;
    log.info({ pushed: result.pushed.length, failed: result.failed.length, cancelled }, 'appointment pushed to calendars');
    return result;
  };
}

export type PushAppointmentToCalendars = ReturnType<typeof createPushAppointment>;
