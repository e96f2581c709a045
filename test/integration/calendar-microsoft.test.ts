import { computeAvailability } from '../../api/domain/availability';
import { availabilityInput, startTimes } from '../../api/domain/availability/test-fixtures';
import { graphTransactionId } from '../../activities/calendar/ids';
import { MicrosoftCalendarProvider } from '../../activities/calendar/microsoft-provider';
import { OAuthSession, type OAuthTokens } from '../../activities/calendar/oauth';
import type { CalendarEventInput } from '../../activities/calendar/types';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-server';

let fake: FakeGraph;
let stored: OAuthTokens[];

function provider(): MicrosoftCalendarProvider {
  const initial = fake.tokens.issueInitial();
  const session = new OAuthSession({
    client: { provider: 'microsoft', tokenUrl: fake.tokenUrl, clientId: 'mcid', clientSecret: 'msecret', scope: 'offline_access Calendars.ReadWrite' },
    tokens: { ...initial, expiresAt: Date.now() + 3_600_000 },
    onTokens: (t) => void stored.push(t),
  });
  return new MicrosoftCalendarProvider({ session, baseUrl: fake.baseUrl, scheduleAddress: 'maya@salon.example' });
}

const input: CalendarEventInput = {
  tenantId: 'tenant-1',
  appointmentId: 'appt-1',
  summary: 'Consultation',
  startsAt: '2025-06-02T14:00:00.000Z',
  endsAt: '2025-06-02T15:00:00.000Z',
  timezone: 'America/New_York',
  attendee: { email: 'dana@example.com', name: 'Dana' },
  invitePolicy: 'all',
  video: 'teams',
};

beforeAll(async () => {
  fake = await startFakeGraph();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  stored = [];
});

describe('MicrosoftCalendarProvider against the fake (real Graph client)', () => {
  it('creates with a Teams meeting, reschedules and cancels with the exact requests', async () => {
    const ms = provider();
    const created = await ms.createEvent(input);
    expect(created.meetingUrl).toBe(`https://teams.microsoft.com/l/meetup-join/${created.eventId}`);
    expect(fake.meetings.size).toBe(1);

    const create = fake.requests[0]!;
    expect(`${create.method} ${create.path}`).toBe('POST /me/calendar/events');
    expect(create.authorization).toMatch(/^Bearer ms-access-/);
    expect(create.prefer).toBe('outlook.timezone="UTC"');
    expect(create.body).toEqual({
      subject: 'Consultation',
      body: { contentType: 'text', content: '' },
      start: { dateTime: '2025-06-02T14:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2025-06-02T15:00:00.000', timeZone: 'UTC' },
      attendees: [{ emailAddress: { address: 'dana@example.com', name: 'Dana' }, type: 'required' }],
      showAs: 'busy',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      transactionId: graphTransactionId('tenant-1', 'appt-1'),
    });

    await ms.updateEvent(created.eventId, { ...input, startsAt: '2025-06-03T14:00:00.000Z', endsAt: '2025-06-03T15:00:00.000Z' });
    const patch = fake.requests[1]!;
    expect(`${patch.method} ${patch.path}`).toBe(`PATCH /me/events/${created.eventId}`);
    expect((patch.body as { start: unknown }).start).toEqual({ dateTime: '2025-06-03T14:00:00.000', timeZone: 'UTC' });

    await ms.deleteEvent(created.eventId);
    expect(`${fake.requests[2]!.method} ${fake.requests[2]!.path}`).toBe(`DELETE /me/events/${created.eventId}`);
    expect(fake.events()).toHaveLength(0);
    expect(fake.meetings.size).toBe(0);
    await expect(ms.deleteEvent(created.eventId)).resolves.toBeUndefined();
  });

  it('a retried create makes no second event (transactionId)', async () => {
    const ms = provider();
    const first = await ms.createEvent(input);
    const again = await ms.createEvent(input);
    expect(again.eventId).toBe(first.eventId);
    expect(fake.events()).toHaveLength(1);
    expect(fake.calls()).toEqual(['POST /me/calendar/events', 'POST /me/calendar/events']);
  });

  it('getSchedule busy time removes exactly the overlapping slots', async () => {
    fake.addBusy('maya@salon.example', '2025-06-02T17:00:00Z', '2025-06-02T17:30:00Z'); // 13:00–13:30 New York
    fake.addBusy('maya@salon.example', '2025-06-02T19:00:00Z', '2025-06-02T20:00:00Z', 'free');
    const blocks = await provider().busyBlocks(new Date('2025-06-02T04:00:00Z'), new Date('2025-06-03T04:00:00Z'));
    expect(blocks).toEqual([{ startsAt: new Date('2025-06-02T17:00:00Z'), endsAt: new Date('2025-06-02T17:30:00Z') }]);
    expect(fake.requests[0]!.path).toBe('/me/calendar/getSchedule');
    expect(fake.requests[0]!.body).toMatchObject({ schedules: ['maya@salon.example'], availabilityViewInterval: 15 });

    const slots = computeAvailability(availabilityInput({ busyBlocks: blocks.map((b) => ({ staffId: 'a', ...b })) }));
    expect(startTimes(slots)).toEqual(['09:00', '10:00', '11:00', '12:00', '14:00', '15:00', '16:00']);
  });

  it('calendarView/delta: added, changed, deleted, paging, and a full resync after 410', async () => {
    const ms = provider();
    const window = { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
    const at = (h: number) => ({ dateTime: `2025-06-02T${String(h).padStart(2, '0')}:00:00.0000000`, timeZone: 'UTC' });
    for (let i = 0; i < 120; i++) fake.putEvent('me', { id: `bulk${i}`, subject: `Bulk ${i}`, start: at(8), end: at(9), showAs: 'busy' });

    const first = await ms.sync(undefined, window);
    expect(first.fullResync).toBe(true);
    expect(first.changes).toHaveLength(120);
    expect(fake.calls()).toEqual(['GET /me/calendarView/delta', 'GET /me/calendarView/delta']);
    expect(fake.requests[0]!.query).toEqual({ startDateTime: '2025-06-01T00:00:00.000Z', endDateTime: '2025-07-01T00:00:00.000Z' });
    expect(fake.requests[1]!.query).toHaveProperty('$skiptoken');

    fake.putEvent('me', { id: 'new1', subject: 'Physio', start: at(14), end: at(15), showAs: 'busy' });
    fake.putEvent('me', { id: 'bulk0', subject: 'Bulk 0 moved', start: at(10), end: at(11), showAs: 'busy' });
    fake.removeEvent('me', 'bulk1');
    fake.putEvent('me', { id: 'bulk2', subject: 'now free', start: at(8), end: at(9), showAs: 'free' });

    const second = await ms.sync(first.cursor, window);
    expect(fake.requests.at(-1)!.query).toHaveProperty('$deltatoken');
    expect(second).toEqual({
      fullResync: false,
      cursor: expect.any(String),
      changes: [
        { type: 'upsert', externalId: 'new1', startsAt: new Date('2025-06-02T14:00:00Z'), endsAt: new Date('2025-06-02T15:00:00Z'), summary: 'Physio' },
        { type: 'upsert', externalId: 'bulk0', startsAt: new Date('2025-06-02T10:00:00Z'), endsAt: new Date('2025-06-02T11:00:00Z'), summary: 'Bulk 0 moved' },
        { type: 'delete', externalId: 'bulk1' },
        { type: 'delete', externalId: 'bulk2' },
      ],
    });

    fake.expireDeltaLinks();
    const resync = await ms.sync(second.cursor, window);
    expect(resync.fullResync).toBe(true);
    expect(resync.changes).toHaveLength(119); // 120 + new1 − bulk1 − bulk2 (free)
    expect(fake.requests.filter((r) => r.status === 410)).toHaveLength(1);
  });

  it('a 401 refreshes the (rotating) token and retries once', async () => {
    const ms = provider();
    const created = await ms.createEvent(input);
    fake.expireTokens();
    await ms.updateEvent(created.eventId, { ...input, summary: 'after expiry' });
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /me/calendar/events 201',
      `PATCH /me/events/${created.eventId} 401`,
      'POST /token 200',
      `PATCH /me/events/${created.eventId} 200`,
    ]);
    expect(fake.requests[2]!.body).toMatchObject({ grant_type: 'refresh_token', scope: 'offline_access Calendars.ReadWrite' });
    expect(stored[0]!.refreshToken).toMatch(/^ms-refresh-/);
    expect(fake.events()[0]!.subject).toBe('after expiry');
  });
});
