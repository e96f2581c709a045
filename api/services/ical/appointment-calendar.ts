import type { EntityManager } from '@mikro-orm/postgresql';
import { Appointment, Service, Tenant } from '../../../db/entities';
import { notFound } from '../../errors';
import { type CalendarAudience, appointmentEvents } from './appointment-events';
import { buildCalendar } from './build-calendar';

export interface CalendarLinks {
  google: string;
  outlook: string;
  office365: string;
  ics: string;
}

const compact = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Add-to-calendar links for one event (Google's template URL and Outlook's compose deeplinks). */
export function addToCalendarLinks(event: { title: string; startsAt: Date; endsAt: Date; details?: string; location?: string; timezone: string }, icsUrl: string): CalendarLinks {
  const google = new URL('https://calendar.google.com/calendar/render');
  google.searchParams.set('action', 'TEMPLATE');
  google.searchParams.set('text', event.title);
  google.searchParams.set('dates', `${compact(event.startsAt)}/${compact(event.endsAt)}`);
  google.searchParams.set('ctz', event.timezone);
  if (event.details) google.searchParams.set('details', event.details);
  if (event.location) google.searchParams.set('location', event.location);
  const outlook = (host: string) => {
    const url = new URL(`https://${host}/calendar/0/deeplink/compose`);
    url.searchParams.set('path', '/calendar/action/compose');
    url.searchParams.set('rru', 'addevent');
    url.searchParams.set('subject', event.title);
    url.searchParams.set('startdt', event.startsAt.toISOString());
    url.searchParams.set('enddt', event.endsAt.toISOString());
    if (event.details) url.searchParams.set('body', event.details);
    if (event.location) url.searchParams.set('location', event.location);
    return url.toString();
  };
  return { google: google.toString(), outlook: outlook('outlook.live.com'), office365: outlook('outlook.office.com'), ics: icsUrl };
}

async function load(em: EntityManager, id: string, customerId?: string) {
  const appointment = await em.findOne(Appointment, { id, ...(customerId ? { customerId } : {}) });
  if (!appointment) throw notFound('Appointment', id);
  const tenant = await em.findOneOrFail(Tenant, { id: appointment.tenantId });
  return { appointment, tenant };
}

/** One appointment as a downloadable .ics (METHOD:PUBLISH), for staff or for its customer. */
export async function appointmentIcsFile(options: { em: EntityManager; id: string; baseUrl: string; audience?: CalendarAudience; customerId?: string }): Promise<{ filename: string; content: string }> {
  const { appointment, tenant } = await load(options.em, options.id, options.customerId);
  const audience = options.audience ?? 'staff';
  const events = await appointmentEvents({ em: options.em, tenant, appointments: [appointment], audience, uidDomain: new URL(options.baseUrl).hostname, portalUrl: `${options.baseUrl}/portal/appointments/${appointment.id}` });
  const content = buildCalendar({ name: tenant.name, timezone: tenant.timezone, events, now: new Date(), method: 'PUBLISH' });
  return { filename: `appointment-${appointment.startsAt.toISOString().slice(0, 10)}.ics`, content };
}

/** Add-to-Google/Outlook links and the .ics URL of one appointment. */
export async function calendarLinksFor(options: { em: EntityManager; id: string; baseUrl: string; customerId?: string; icsPath?: string }): Promise<CalendarLinks> {
  const { appointment, tenant } = await load(options.em, options.id, options.customerId);
  const service = await options.em.findOne(Service, { id: appointment.serviceId });
  const title = `${service?.name ?? 'Appointment'} at ${tenant.name}`;
  const icsUrl = `${options.baseUrl}${options.icsPath ?? `/api/appointments/${appointment.id}/ics`}`;
  return addToCalendarLinks({ title, startsAt: appointment.startsAt, endsAt: appointment.endsAt, timezone: tenant.timezone, details: `Manage your booking: ${options.baseUrl}/portal/appointments/${appointment.id}` }, icsUrl);
}
