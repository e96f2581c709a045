import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { createPushAppointment } from '../../activities/calendar/push-appointment';
import { googleEventId, graphTransactionId, meetRequestId } from '../../activities/calendar/ids';
import { openTokens } from '../../activities/calendar/oauth';
import { Appointment } from '../../db/entities';
import type { ReceivedMail } from '../fakes/smtp-server';
import { type CalendarStack, PUBLIC_URL, startCalendarStack } from './calendar-stack';

// ical.js ships ESM types and a CommonJS build; jest runs CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL: typeof ICALModule = require('ical.js');

let stack: CalendarStack;
beforeAll(async () => {
  stack = await startCalendarStack();
}, 120_000);
afterAll(() => stack?.stop());

const DAY = 86_400_000;
/** 14:00 UTC some days ahead (10:00 in New York). */
const slot = (days: number, hour = 14) => new Date(Math.ceil(Date.now() / DAY) * DAY + days * DAY + hour * 3_600_000);

/** The invite's VEVENT as ical.js reads it, with the METHOD of its VCALENDAR. */
function parseInvite(mail: ReceivedMail): { method: string; uid: string; sequence: number; status: string; start: string; url?: string } {
  const part = mail.attachments.find((a) => a.contentType === 'text/calendar') ?? mail.attachments.find((a) => /calendar|ics/.test(a.contentType));
  if (!part) throw new Error(`no calendar part in "${mail.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(part.content));
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    status: String(vevent.getFirstPropertyValue('status')),
    start: event.startDate.toJSDate().toISOString(),
    ...(vevent.getFirstPropertyValue('url') ? { url: String(vevent.getFirstPropertyValue('url')) } : {}),
  };
}

describe('calendar push through the appointment workflow', () => {
  test('Google: connect, then create / reschedule / cancel make exactly these requests, with Meet and iTIP invites', async () => {
    const maya = await stack.staff('Maya');
    const { connection, authorizationUrl, location } = await stack.connect('google', maya, 'maya@fern.example');

    // The consent URL and the code exchange.
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(`${stack.google.url}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({
      client_id: 'google-client-id',
      redirect_uri: `${PUBLIC_URL}/api/integrations/calendar/callbacks/oauth/google`,
      response_type: 'code',
      access_type: 'offline',
      prompt: 'consent',
    });
    expect(authorizationUrl.searchParams.get('scope')).toContain('https://www.googleapis.com/auth/calendar.events');
    expect(location).toBe('/integrations/calendars?calendar=connected');
    expect(stack.google.tokens.exchanges.at(-1)).toMatchObject({ grant_type: 'authorization_code', redirect_uri: `${PUBLIC_URL}/api/integrations/calendar/callbacks/oauth/google`, client_id: 'google-client-id' });
    // Tokens at rest: sealed with AES-GCM and bound to the row.
    expect(connection.tokens).toMatch(/^v1\./);
    expect(connection.tokens).not.toContain('g-access');
    expect(openTokens(stack.env.cipher!, connection.tokens, connection.id).refreshToken).toMatch(/^g-refresh-/);
    expect(() => openTokens(stack.env.cipher!, connection.tokens, 'another-row')).toThrow();

    await stack.settings({ invitePolicy: 'all', emailInvites: true, videoByService: { [stack.serviceId]: 'google_meet' } });
    const dana = await stack.customer();
    const start = slot(9);
    const booked = await stack.book(dana.id, maya, start);
    const eventId = googleEventId(stack.owner.tenant.id, booked.id);

    const created = await stack.appointmentWhen(booked.id, (a) => Boolean(a.calendarEventIds[connection.id]) && Boolean(a.meetingLink));
    expect(created.calendarEventIds).toEqual({ [connection.id]: eventId });
    expect(created.meetingLink).toMatch(/^https:\/\/meet\.google\.com\//);
    const api = () => stack.google.requests.filter((r) => r.path.startsWith('/calendar/v3/calendars/primary/events') && !r.path.endsWith('/watch') && r.method !== 'GET');
    expect(api()).toHaveLength(1);
    expect(api()[0]).toMatchObject({
      method: 'POST',
      path: '/calendar/v3/calendars/primary/events',
      query: { conferenceDataVersion: '1', sendUpdates: 'all' },
      status: 200,
    });
    expect(api()[0]!.body).toEqual({
      id: eventId,
      summary: 'Full groom — Dana Scully',
      description: 'Full groom with Maya\nCustomer: Dana Scully',
      start: { dateTime: start.toISOString(), timeZone: 'America/New_York' },
      end: { dateTime: new Date(start.getTime() + 3_600_000).toISOString(), timeZone: 'America/New_York' },
      attendees: [{ email: dana.email, displayName: 'Dana Scully' }],
      extendedProperties: { private: { appointflowAppointmentId: booked.id, appointflowTenantId: stack.owner.tenant.id } },
      reminders: { useDefault: true },
      conferenceData: { createRequest: { requestId: meetRequestId(stack.owner.tenant.id, booked.id), conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });
    const [request] = await stack.invites(dana.email, 1);
    const first = parseInvite(request!);
    expect(first).toMatchObject({ method: 'REQUEST', uid: `appointment-${booked.id}@book.example.test`, status: 'CONFIRMED', start: start.toISOString(), url: created.meetingLink });
    expect(request!.text).toContain(created.meetingLink);

    // Reschedule: one PATCH of the same event, the Meet kept, a REQUEST with the same UID and a higher SEQUENCE.
    const moved = slot(10);
    await stack.reschedule(booked.id, moved);
    await stack.invites(dana.email, 2);
    expect(api()).toHaveLength(2);
    expect(api()[1]).toMatchObject({ method: 'PATCH', path: `/calendar/v3/calendars/primary/events/${eventId}`, query: { conferenceDataVersion: '1', sendUpdates: 'all' }, status: 200 });
    expect((api()[1]!.body as { start: unknown }).start).toEqual({ dateTime: moved.toISOString(), timeZone: 'America/New_York' });
    const second = parseInvite((await stack.invites(dana.email, 2))[1]!);
    expect(second).toMatchObject({ method: 'REQUEST', uid: first.uid, start: moved.toISOString() });
    expect(second.sequence).toBeGreaterThan(first.sequence);
    expect((await stack.appointment(booked.id)).meetingLink).toBe(created.meetingLink);

    // Cancel: DELETE (the Meet goes with the event), link cleared, a CANCEL with the same UID and a higher SEQUENCE.
    await stack.cancel(booked.id);
    const [, , cancelMail] = await stack.invites(dana.email, 3);
    expect(api()).toHaveLength(3);
    expect(api()[2]).toMatchObject({ method: 'DELETE', path: `/calendar/v3/calendars/primary/events/${eventId}`, query: { sendUpdates: 'all' }, status: 204 });
    expect(stack.google.events().find((e) => e.id === eventId)?.status).toBe('cancelled');
    const third = parseInvite(cancelMail!);
    expect(third).toMatchObject({ method: 'CANCEL', uid: first.uid, status: 'CANCELLED' });
    expect(third.sequence).toBeGreaterThan(second.sequence);
    expect(cancelMail!.subject).toMatch(/^Cancelled: Full groom at Fern Grooming/);
    const after = await stack.appointmentWhen(booked.id, (a) => !a.meetingLink && Object.keys(a.calendarEventIds).length === 0);
    expect(after.meetingLink ?? null).toBeNull();
  });

  test('a retried push creates no second event (Google: 409 → patch; Graph: same transactionId)', async () => {
    const ana = await stack.staff('Ana');
    const ben = await stack.staff('Ben');
    const { connection: g } = await stack.connect('google', ana, 'ana@fern.example');
    const { connection: ms } = await stack.connect('microsoft', ben, 'ben@fern.example');
    await stack.settings({ invitePolicy: 'none', emailInvites: false, videoByService: {} });
    const dana = await stack.customer();
    const push = createPushAppointment({ orm: stack.app.orm, logger: stack.logger, env: stack.env });
    const tenantId = stack.owner.tenant.id;

    const a = await stack.book(dana.id, ana, slot(12));
    await stack.appointmentWhen(a.id, (x) => Boolean(x.calendarEventIds[g.id]));
    // The answer of the first insert was lost: the id never reached the row, the activity runs again.
    await stack.em().nativeUpdate(Appointment, { id: a.id }, { calendarEventIds: {} });
    const before = stack.google.requests.length;
    await push({ tenantId, appointmentId: a.id });
    const again = stack.google.requests.slice(before).filter((r) => r.path !== '/token');
    expect(again.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 409', 'PATCH 200']);
    expect(stack.google.events().filter((e) => e.id === googleEventId(tenantId, a.id))).toHaveLength(1);
    expect((await stack.appointment(a.id)).calendarEventIds).toEqual({ [g.id]: googleEventId(tenantId, a.id) });

    const b = await stack.book(dana.id, ben, slot(12));
    const pushed = await stack.appointmentWhen(b.id, (x) => Boolean(x.calendarEventIds[ms.id]));
    const graphCreate = stack.graph.requests.find((r) => r.method === 'POST' && r.path === '/me/calendar/events');
    expect(graphCreate).toMatchObject({ prefer: 'outlook.timezone="UTC"', status: 201 });
    expect(graphCreate!.body).toMatchObject({ subject: 'Full groom — Dana Scully', transactionId: graphTransactionId(tenantId, b.id), attendees: [], showAs: 'busy' });
    await stack.em().nativeUpdate(Appointment, { id: b.id }, { calendarEventIds: {} });
    await push({ tenantId, appointmentId: b.id });
    expect(stack.graph.events()).toHaveLength(1);
    expect((await stack.appointment(b.id)).calendarEventIds).toEqual({ [ms.id]: pushed.calendarEventIds[ms.id] });
  });

  test('meeting links: Teams through Graph and Zoom through its API are created on booking, put into the event, deleted on cancel', async () => {
    const cleo = await stack.staff('Cleo');
    const { connection: ms } = await stack.connect('microsoft', cleo, 'cleo@fern.example');
    const dana = await stack.customer();

    await stack.settings({ videoByService: { [stack.serviceId]: 'teams' } });
    const teams = await stack.book(dana.id, cleo, slot(14));
    const withTeams = await stack.appointmentWhen(teams.id, (x) => Boolean(x.meetingLink));
    expect(withTeams.meetingLink).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const create = stack.graph.requests.filter((r) => r.method === 'POST' && r.path === '/me/calendar/events').at(-1)!;
    expect(create.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(stack.graph.meetings.size).toBe(1);
    await stack.cancel(teams.id);
    await stack.appointmentWhen(teams.id, (x) => !x.meetingLink);
    expect(stack.graph.requests.some((r) => r.method === 'DELETE' && r.path === `/me/events/${withTeams.calendarEventIds[ms.id]}`)).toBe(true);
    expect(stack.graph.meetings.size).toBe(0);

    // Zoom with the business's server-to-server app; the link goes into the Outlook event's body.
    const badZoom = await stack.owner.api.patch('/api/integrations/calendar/settings', { zoom: { accountId: 'x', clientId: '' } });
    expect(badZoom.status).toBe(400);
    expect(JSON.stringify(badZoom.body.error.details)).toContain('zoom');
    await stack.settings({ videoByService: { [stack.serviceId]: 'zoom' }, zoom: stack.zoom.credentials });
    expect((await stack.owner.api.get('/api/integrations/calendar/settings')).body.zoom).toEqual({ accountId: 'acct-fern', clientId: 'zoom-client', configured: true });
    const z = await stack.book(dana.id, cleo, slot(15));
    const withZoom = await stack.appointmentWhen(z.id, (x) => Boolean(x.meetingLink) && Boolean(x.calendarEventIds[ms.id]));
    const meeting = stack.zoom.meetings()[0]!;
    expect(withZoom.meetingLink).toBe(meeting.join_url);
    expect(withZoom.calendarEventIds.zoom).toBe(String(meeting.id));
    expect(stack.zoom.requests.find((r) => r.method === 'POST' && r.path === '/v2/users/me/meetings')!.body).toMatchObject({
      topic: 'Full groom — Dana Scully',
      type: 2,
      start_time: slot(15).toISOString().replace('.000Z', 'Z'),
      duration: 60,
      timezone: 'America/New_York',
      agenda: `[appointflow:${z.id}]`,
    });
    const event = stack.graph.requests.filter((r) => r.method === 'POST' && r.path === '/me/calendar/events').at(-1)!;
    expect((event.body as { body: { content: string } }).body.content).toContain(`Join: ${meeting.join_url}`);
    expect((event.body as { isOnlineMeeting?: boolean }).isOnlineMeeting).toBeUndefined();

    // An expired Zoom token: refreshed and the call retried.
    stack.zoom.expireTokens();
    const tokensBefore = stack.zoom.tokenCount();
    await stack.cancel(z.id);
    await stack.appointmentWhen(z.id, (x) => !x.meetingLink && !x.calendarEventIds.zoom);
    expect(stack.zoom.tokenCount()).toBeGreaterThan(tokensBefore);
    expect(stack.zoom.requests.filter((r) => r.method === 'DELETE').map((r) => `${r.path} ${r.status}`)).toEqual([`/v2/meetings/${meeting.id} 401`, `/v2/meetings/${meeting.id} 204`]);
    expect(stack.zoom.meetings()[0]!.deleted).toBe(true);
  });

  test('the business calendar receives every booking too, under an event id of its own', async () => {
    const { connection: business } = await stack.connect('google', undefined, 'owner@fern.example');
    const gil = await stack.staff('Gil');
    const dana = await stack.customer();
    await stack.settings({ videoByService: {} });
    const booked = await stack.book(dana.id, gil, slot(20));
    const pushed = await stack.appointmentWhen(booked.id, (x) => Boolean(x.calendarEventIds[business.id]));
    const eventId = googleEventId(stack.owner.tenant.id, `${booked.id}:business`);
    expect(pushed.calendarEventIds).toEqual({ [business.id]: eventId });
    expect(stack.google.events().find((e) => e.id === eventId)).toMatchObject({ status: 'confirmed', summary: 'Full groom — Dana Scully' });
    const listed = (await stack.owner.api.get('/api/integrations/calendar')).body.items.find((c: { id: string }) => c.id === business.id);
    expect(listed).toMatchObject({ staffId: null, staffName: null, accountEmail: 'owner@fern.example', status: 'active' });
  });

  test('nothing in the api or worker logs contains a token or a client secret', () => {
    expect(stack.logLines.length).toBeGreaterThan(50);
    expect(stack.logLines.some((l) => l.includes('appointment pushed to calendars'))).toBe(true);
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
