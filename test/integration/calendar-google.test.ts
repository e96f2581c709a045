import { computeAvailability } from '../../api/domain/availability';
import { availabilityInput, startTimes } from '../../api/domain/availability/test-fixtures';
import { GoogleCalendarProvider } from '../../activities/calendar/google-provider';
import { googleEventId, meetRequestId } from '../../activities/calendar/ids';
import { OAuthSession, type OAuthTokens } from '../../activities/calendar/oauth';
import type { CalendarEventInput } from '../../activities/calendar/types';
import { startFakeGoogleCalendar, type FakeGoogleCalendar } from '../fakes/google-calendar-server';

let fake: FakeGoogleCalendar;
let stored: OAuthTokens[];

function provider(): GoogleCalendarProvider {
  const initial = fake.tokens.issueInitial();
  const session = new OAuthSession({
    client: { provider: 'google', tokenUrl: fake.tokenUrl, clientId: 'cid', clientSecret: 'csecret' },
    tokens: { ...initial, expiresAt: Date.now() + 3_600_000 },
    onTokens: (t) => void stored.push(t),
  });
  return new GoogleCalendarProvider({ session, rootUrl: fake.rootUrl });
}

const input: CalendarEventInput = {
  tenantId: 'tenant-1',
  appointmentId: 'appt-1',
  summary: 'Full groom — Biscuit',
  description: 'Booked online',
  startsAt: '2025-06-02T14:00:00.000Z',
  endsAt: '2025-06-02T15:00:00.000Z',
  timezone: 'America/New_York',
  attendee: { email: 'dana@example.com', name: 'Dana' },
  invitePolicy: 'all',
  video: 'google_meet',
};
const eventId = googleEventId('tenant-1', 'appt-1');

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  stored = [];
});

describe('GoogleCalendarProvider against the fake (real googleapis client)', () => {
  it('creates, reschedules and cancels with the exact requests', async () => {
    const google = provider();
    const created = await google.createEvent(input);
    expect(created.eventId).toBe(eventId);
    expect(created.meetingUrl).toMatch(/^https:\/\/meet\.google\.com\//);

    const insert = fake.requests[0]!;
    expect(`${insert.method} ${insert.path}`).toBe('POST /calendar/v3/calendars/primary/events');
    expect(insert.query).toEqual({ conferenceDataVersion: '1', sendUpdates: 'all' });
    expect(insert.authorization).toMatch(/^Bearer g-access-/);
    expect(insert.body).toEqual({
      id: eventId,
      summary: 'Full groom — Biscuit',
      description: 'Booked online',
      start: { dateTime: '2025-06-02T14:00:00.000Z', timeZone: 'America/New_York' },
      end: { dateTime: '2025-06-02T15:00:00.000Z', timeZone: 'America/New_York' },
      attendees: [{ email: 'dana@example.com', displayName: 'Dana' }],
      extendedProperties: { private: { appointflowAppointmentId: 'appt-1', appointflowTenantId: 'tenant-1' } },
      reminders: { useDefault: true },
      conferenceData: { createRequest: { requestId: meetRequestId('tenant-1', 'appt-1'), conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    });

    const moved = await google.updateEvent(eventId, { ...input, startsAt: '2025-06-03T14:00:00.000Z', endsAt: '2025-06-03T15:00:00.000Z', invitePolicy: 'external_only' });
    expect(moved.meetingUrl).toBe(created.meetingUrl);
    const patch = fake.requests[1]!;
    expect(`${patch.method} ${patch.path}`).toBe(`PATCH /calendar/v3/calendars/primary/events/${eventId}`);
    expect(patch.query).toEqual({ conferenceDataVersion: '1', sendUpdates: 'externalOnly' });
    expect((patch.body as { start: unknown }).start).toEqual({ dateTime: '2025-06-03T14:00:00.000Z', timeZone: 'America/New_York' });

    await google.deleteEvent(eventId, { invitePolicy: 'all' });
    const del = fake.requests[2]!;
    expect(`${del.method} ${del.path}`).toBe(`DELETE /calendar/v3/calendars/primary/events/${eventId}`);
    expect(del.query).toEqual({ sendUpdates: 'all' });
    expect(fake.events()[0]!.status).toBe('cancelled');

    // Deleting again (a retried activity) is a success.
    await expect(google.deleteEvent(eventId, { invitePolicy: 'all' })).resolves.toBeUndefined();
    expect(fake.calls()).toHaveLength(4);
  });

  it('a retried create makes no second event: 409 becomes a patch', async () => {
    const google = provider();
    const first = await google.createEvent(input);
    const again = await google.createEvent({ ...input, summary: 'Full groom — Biscuit (edited)' });
    expect(again.eventId).toBe(first.eventId);
    expect(again.meetingUrl).toBe(first.meetingUrl);
    expect(fake.events()).toHaveLength(1);
    expect(fake.events()[0]!.summary).toBe('Full groom — Biscuit (edited)');
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['POST 200', 'POST 409', 'PATCH 200']);
  });

  it('a free/busy block removes exactly the overlapping slots', async () => {
    fake.addBusy('primary', '2025-06-02T15:30:00Z', '2025-06-02T16:15:00Z'); // 11:30–12:15 New York
    fake.addBusy('primary', '2025-06-09T15:00:00Z', '2025-06-09T16:00:00Z'); // outside the range
    const blocks = await provider().busyBlocks(new Date('2025-06-02T04:00:00Z'), new Date('2025-06-03T04:00:00Z'));
    expect(blocks).toEqual([{ startsAt: new Date('2025-06-02T15:30:00Z'), endsAt: new Date('2025-06-02T16:15:00Z') }]);
    expect(fake.requests[0]!.body).toEqual({ timeMin: '2025-06-02T04:00:00.000Z', timeMax: '2025-06-03T04:00:00.000Z', items: [{ id: 'primary' }] });

    const base = computeAvailability(availabilityInput());
    const blocked = computeAvailability(availabilityInput({ busyBlocks: blocks.map((b) => ({ staffId: 'a', ...b })) }));
    expect(startTimes(base)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
    expect(startTimes(blocked)).toEqual(['09:00', '10:00', '13:00', '14:00', '15:00', '16:00']);
  });

  it('syncs incrementally (added, changed, deleted) and resyncs fully after 410', async () => {
    const google = provider();
    const window = { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
    const at = (h: number) => ({ dateTime: `2025-06-02T${String(h).padStart(2, '0')}:00:00Z` });
    fake.putEvent('primary', { id: 'dentist1', summary: 'Dentist', start: at(14), end: at(15) });
    fake.putEvent('primary', { id: 'lunch1', summary: 'Lunch', start: at(16), end: at(17) });

    const first = await google.sync(undefined, window);
    expect(first.fullResync).toBe(true);
    expect(first.changes.map((c) => `${c.type}:${c.externalId}`)).toEqual(['upsert:dentist1', 'upsert:lunch1']);
    expect(fake.requests[0]!.query).toMatchObject({ timeMin: '2025-06-01T00:00:00.000Z', singleEvents: 'true' });

    fake.putEvent('primary', { id: 'gym1', summary: 'Gym', start: at(18), end: at(19) });
    fake.putEvent('primary', { id: 'dentist1', summary: 'Dentist', start: at(15), end: at(16) });
    fake.removeEvent('primary', 'lunch1');
    fake.putEvent('primary', { id: 'focus1', summary: 'Focus', start: at(20), end: at(21), transparency: 'transparent' });

    const second = await google.sync(first.cursor, window);
    expect(second.fullResync).toBe(false);
    expect(fake.requests.at(-1)!.query).toMatchObject({ syncToken: first.cursor, showDeleted: 'true' });
    expect(second.changes).toEqual([
      { type: 'upsert', externalId: 'gym1', startsAt: new Date('2025-06-02T18:00:00Z'), endsAt: new Date('2025-06-02T19:00:00Z'), summary: 'Gym' },
      { type: 'upsert', externalId: 'dentist1', startsAt: new Date('2025-06-02T15:00:00Z'), endsAt: new Date('2025-06-02T16:00:00Z'), summary: 'Dentist' },
      { type: 'delete', externalId: 'lunch1' },
      { type: 'delete', externalId: 'focus1' },
    ]);

    const idle = await google.sync(second.cursor, window);
    expect(idle).toEqual({ fullResync: false, changes: [], cursor: second.cursor });

    fake.expireSyncTokens();
    const resync = await google.sync(second.cursor, window);
    expect(resync.fullResync).toBe(true);
    expect(resync.changes.map((c) => c.externalId)).toEqual(['gym1', 'dentist1']);
    expect(fake.requests.slice(-2).map((r) => r.status)).toEqual([410, 200]);
    expect(resync.cursor).not.toBe(second.cursor);
  });

  it('a 401 refreshes the token and retries once', async () => {
    const google = provider();
    await google.createEvent(input);
    fake.expireTokens();
    await google.updateEvent(eventId, { ...input, summary: 'after expiry' });
    expect(fake.requests.map((r) => `${r.method} ${r.path === '/token' ? '/token' : 'api'} ${r.status}`)).toEqual([
      'POST api 200',
      'PATCH api 401',
      'POST /token 200',
      'PATCH api 200',
    ]);
    const tokenRequest = fake.requests[2]!.body as Record<string, string>;
    expect(tokenRequest).toMatchObject({ grant_type: 'refresh_token', client_id: 'cid', client_secret: 'csecret' });
    expect(stored).toHaveLength(1);
    expect(fake.requests[3]!.authorization).toBe(`Bearer ${stored[0]!.accessToken}`);
    expect(fake.events()[0]!.summary).toBe('after expiry');
  });

  it('refreshes ahead of expiry, and errors never carry the token', async () => {
    const initial = fake.tokens.issueInitial();
    const session = new OAuthSession({
      client: { provider: 'google', tokenUrl: fake.tokenUrl, clientId: 'cid', clientSecret: 'csecret' },
      tokens: { ...initial, expiresAt: Date.now() + 10_000 },
    });
    const google = new GoogleCalendarProvider({ session, rootUrl: fake.rootUrl });
    await google.busyBlocks(new Date('2025-06-02T00:00:00Z'), new Date('2025-06-03T00:00:00Z'));
    expect(fake.requests.map((r) => r.path)).toEqual(['/token', '/calendar/v3/freeBusy']);

    fake.tokens.refreshTokens.clear();
    fake.expireTokens();
    const err = await google.createEvent(input).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'CalendarProviderError', kind: 'auth_revoked' });
    expect(JSON.stringify(err) + String((err as Error).message)).not.toMatch(/g-access|g-refresh/);
  });
});
