import { DateTime } from 'luxon';
import { openTokens } from '../../activities/calendar/oauth';
import { CalendarConnection } from '../../db/entities';
import { waitFor } from './automation-harness';
import { type CalendarStack, PUBLIC_URL, startCalendarStack } from './calendar-stack';

let stack: CalendarStack;
beforeAll(async () => {
  stack = await startCalendarStack();
}, 120_000);
afterAll(() => stack?.stop());

const ZONE = 'America/New_York';
const monday = DateTime.now().setZone(ZONE).plus({ weeks: 3 }).startOf('week');
const local = (time: string) => DateTime.fromISO(`${monday.toISODate()}T${time}`, { zone: ZONE }).toUTC().toISO() as string;
const at = (time: string) => ({ dateTime: local(time) });

async function connection(id: string): Promise<CalendarConnection> {
  return stack.em().findOneOrFail(CalendarConnection, { id }, { populate: ['tokens', 'syncCursor'], disableIdentityMap: true } as never);
}

async function startTimes(staffId: string): Promise<string[]> {
  const res = await stack.owner.api.get(`/api/availability?serviceId=${stack.serviceId}&from=${monday.toISODate()}&to=${monday.toISODate()}&staffId=${staffId}`);
  expect(res.status).toBe(200);
  return (res.body.slots as { startsAt: string }[]).map((s) => DateTime.fromISO(s.startsAt, { zone: ZONE }).toFormat('HH:mm'));
}

async function googleNotification(channelId: string, token: string, state = 'exists'): Promise<number> {
  const res = await fetch(`${stack.app.baseUrl}/api/integrations/calendar/callbacks/google`, {
    method: 'POST',
    headers: { 'X-Goog-Channel-ID': channelId, 'X-Goog-Channel-Token': token, 'X-Goog-Resource-State': state, 'X-Goog-Resource-ID': 'res-primary', 'Content-Length': '0' },
  });
  return res.status;
}

describe('busy time from connected calendars', () => {
  let eva: string;
  let connectionId: string;

  test('Google: a watch channel wakes the durable sync; added, changed and deleted events move exactly the overlapping slots', async () => {
    eva = await stack.staff('Eva');
    const hours = await fetch(`${stack.app.baseUrl}/api/staff/${eva}/hours`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${stack.owner.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })) }),
    });
    expect(hours.status).toBe(200);
    const all = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
    expect(await startTimes(eva)).toEqual(all);

    stack.google.putEvent('primary', { id: 'standup1', summary: 'Standup', start: at('09:00'), end: at('09:30') });
    ({ connection: { id: connectionId } } = await stack.connect('google', eva, 'eva@fern.example'));
    // The sync workflow's first round: a channel pointing at our webhook, then a full sync.
    const channel = await waitFor(async () => [...stack.google.channels.values()][0], (c) => c !== undefined);
    expect(channel.address).toBe(`${PUBLIC_URL}/api/integrations/calendar/callbacks/google`);
    await waitFor(() => stack.busy(eva), (rows) => rows.length === 1);
    expect(await startTimes(eva)).toEqual(all.slice(1));
    const first = await connection(connectionId);
    expect(first.lastSyncedAt).toBeInstanceOf(Date);
    expect(first.syncCursor).toMatch(/^sync-/);
    expect(first.watchId).toBe(channel.id);

    // Added: a dentist visit 11:30–12:15 blocks 11:00 and 12:00, nothing else.
    stack.google.putEvent('primary', { id: 'dentist1', summary: 'Dentist', start: at('11:30'), end: at('12:15') });
    expect(await googleNotification(channel.id, channel.token)).toBe(204);
    await waitFor(() => stack.busy(eva), (rows) => rows.length === 2);
    expect(await startTimes(eva)).toEqual(['10:00', '13:00', '14:00', '15:00', '16:00']);
    const incremental = stack.google.requests.filter((r) => r.method === 'GET' && r.query.syncToken);
    expect(incremental.at(-1)).toMatchObject({ path: '/calendar/v3/calendars/primary/events', query: { syncToken: first.syncCursor, showDeleted: 'true', singleEvents: 'true' } });

    // Changed: moved to 14:00–14:30.
    stack.google.putEvent('primary', { id: 'dentist1', summary: 'Dentist', start: at('14:00'), end: at('14:30') });
    await googleNotification(channel.id, channel.token);
    await waitFor(() => stack.busy(eva), (rows) => rows.some((r) => r.externalId === 'dentist1' && r.startsAt.toISOString() === new Date(local('14:00')).toISOString()));
    expect(await startTimes(eva)).toEqual(['10:00', '11:00', '12:00', '13:00', '15:00', '16:00']);

    // Deleted.
    stack.google.removeEvent('primary', 'dentist1');
    await googleNotification(channel.id, channel.token);
    await waitFor(() => stack.busy(eva), (rows) => rows.length === 1);
    expect(await startTimes(eva)).toEqual(all.slice(1));

    // A notification with a wrong token wakes nothing.
    const before = (await connection(connectionId)).lastSyncedAt!.getTime();
    stack.google.putEvent('primary', { id: 'sneaky', start: at('16:00'), end: at('17:00') });
    expect(await googleNotification(channel.id, 'not-the-token')).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect((await connection(connectionId)).lastSyncedAt!.getTime()).toBe(before);
    stack.google.removeEvent('primary', 'sneaky');
  });

  test('an expired sync token (410) leads to a full resync that replaces the cache', async () => {
    const channel = [...stack.google.channels.values()][0]!;
    stack.google.expireSyncTokens();
    stack.google.putEvent('primary', { id: 'vet1', summary: 'Vet', start: at('13:00'), end: at('13:45') });
    const mark = stack.google.requests.length;
    await googleNotification(channel.id, channel.token);
    await waitFor(() => stack.busy(eva), (rows) => rows.some((r) => r.externalId === 'vet1'));
    const lists = stack.google.requests.slice(mark).filter((r) => r.method === 'GET');
    expect(lists.map((r) => [r.status, Boolean(r.query.syncToken), Boolean(r.query.timeMin)])).toEqual([
      [410, true, false],
      [200, false, true],
    ]);
    expect((await stack.busy(eva)).map((r) => r.externalId).sort()).toEqual(['standup1', 'vet1']);
    expect(await startTimes(eva)).toEqual(['10:00', '11:00', '12:00', '14:00', '15:00', '16:00']);
  });

  test('an expired access token (401) is refreshed, the call retried, and the new token stored sealed', async () => {
    const channel = [...stack.google.channels.values()][0]!;
    const sealedBefore = (await connection(connectionId)).tokens;
    const refreshes = stack.google.tokens.refreshCount;
    stack.google.expireTokens();
    stack.google.removeEvent('primary', 'vet1');
    const mark = stack.google.requests.length;
    await googleNotification(channel.id, channel.token);
    await waitFor(() => stack.busy(eva), (rows) => !rows.some((r) => r.externalId === 'vet1'));
    expect(stack.google.tokens.refreshCount).toBe(refreshes + 1);
    const calls = stack.google.requests.slice(mark).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(calls.slice(0, 3)).toEqual(['GET /calendar/v3/calendars/primary/events 401', 'POST /token 200', 'GET /calendar/v3/calendars/primary/events 200']);
    const after = await connection(connectionId);
    expect(after.tokens).not.toBe(sealedBefore);
    expect(stack.google.tokens.validAccessTokens.has(openTokens(stack.env.cipher!, after.tokens, connectionId).accessToken)).toBe(true);
  });

  test('Microsoft: subscription with validation handshake, delta sync into busy time, renewal before expiry', async () => {
    const finn = await stack.staff('Finn');
    const { connection: ms } = await stack.connect('microsoft', finn, 'finn@fern.example');
    const sub = await waitFor(async () => [...stack.graph.subscriptions.values()][0], (s) => s !== undefined);
    expect(sub).toMatchObject({ resource: '/me/events', notificationUrl: `${PUBLIC_URL}/api/integrations/calendar/callbacks/microsoft` });
    expect(stack.graph.requests.find((r) => r.method === 'POST' && r.path === '/subscriptions')!.body).toMatchObject({ changeType: 'created,updated,deleted' });

    const handshake = await fetch(`${stack.app.baseUrl}/api/integrations/calendar/callbacks/microsoft?validationToken=${encodeURIComponent('Validation: token 123')}`, { method: 'POST', headers: { 'Content-Type': 'text/plain', 'Content-Length': '0' } });
    expect(handshake.status).toBe(200);
    expect(await handshake.text()).toBe('Validation: token 123');

    await waitFor(() => connection(ms.id), (c) => c.lastSyncedAt !== undefined && c.lastSyncedAt !== null);
    stack.graph.putEvent('me', { id: 'AAMk-lunch', subject: 'Lunch', start: { dateTime: local('12:00').replace('Z', ''), timeZone: 'UTC' }, end: { dateTime: local('13:00').replace('Z', ''), timeZone: 'UTC' }, showAs: 'busy' });
    const notify = (clientState: string) =>
      stack.anonymous().post('/api/integrations/calendar/callbacks/microsoft', { value: [{ subscriptionId: sub.id, clientState, changeType: 'created', resource: 'me/events/AAMk-lunch' }] });
    expect((await notify('wrong-state')).status).toBe(202);
    expect((await notify(sub.clientState)).status).toBe(202);
    await waitFor(() => stack.busy(finn), (rows) => rows.length === 1);
    expect((await stack.busy(finn))[0]).toMatchObject({ source: 'microsoft', externalId: 'AAMk-lunch', startsAt: new Date(local('12:00')) });
    expect(stack.graph.requests.filter((r) => r.path === '/me/calendarView/delta').at(-1)!.query.$deltatoken).toBeDefined();

    // Expiring soon: the next round renews the subscription (PATCH) instead of creating another.
    await stack.em().nativeUpdate(CalendarConnection, { id: ms.id }, { watchExpiresAt: new Date(Date.now() + 60_000) });
    expect((await stack.owner.api.post(`/api/integrations/calendar/${ms.id}/sync`)).status).toBe(202);
    const renewed = await waitFor(() => connection(ms.id), (c) => (c.watchExpiresAt?.getTime() ?? 0) > Date.now() + 86_400_000);
    expect(renewed.watchId).toBe(sub.id);
    expect(stack.graph.requests.filter((r) => r.path === `/subscriptions/${sub.id}`).map((r) => r.method)).toEqual(['PATCH']);
    expect(stack.graph.subscriptions.size).toBe(1);
  });

  test('Settings lists each connection with its status; disconnecting revokes the grant, stops the channel, removes the busy time', async () => {
    const list = await stack.owner.api.get('/api/integrations/calendar');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ providers: { google: true, microsoft: true }, encryption: true, pushNotifications: true, total: 2 });
    const eve = list.body.items.find((c: { id: string }) => c.id === connectionId);
    expect(eve).toMatchObject({ provider: 'google', staffId: eva, staffName: 'Eva', accountEmail: 'eva@fern.example', status: 'active', lastError: null });
    expect(Date.parse(eve.lastSyncedAt)).toBeGreaterThan(0);
    expect(JSON.stringify(list.body)).not.toMatch(/g-access|g-refresh|ms-access|ms-refresh|v1\./);

    const before = await connection(connectionId);
    const refreshToken = openTokens(stack.env.cipher!, before.tokens, connectionId).refreshToken!;
    const removed = await stack.owner.api.delete(`/api/integrations/calendar/${connectionId}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ revoked: true });
    expect(stack.google.tokens.revoked).toContain(refreshToken);
    expect(stack.google.tokens.refreshTokens.has(refreshToken)).toBe(false);
    expect(stack.google.channels.get(before.watchId!)?.stopped).toBe(true);
    expect(await stack.em().findOne(CalendarConnection, { id: connectionId })).toBeNull();
    expect(await stack.busy(eva)).toEqual([]);
    expect((await stack.owner.api.get('/api/integrations/calendar')).body.total).toBe(1);
    expect((await stack.owner.api.delete(`/api/integrations/calendar/${connectionId}`)).status).toBe(404);
  });

  test('bad input is refused naming the field; a forged or expired state connects nothing', async () => {
    const bad = await stack.owner.api.post('/api/integrations/calendar/connect', { provider: 'yahoo' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('provider');
    const ghost = await stack.owner.api.post('/api/integrations/calendar/connect', { provider: 'google', staffId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.status).toBe(400);
    const code = stack.google.tokens.issueCode('mallory@evil.example');
    const forged = await fetch(`${stack.app.baseUrl}/api/integrations/calendar/callbacks/oauth/google?code=${code}&state=eyJhbGciOiJIUzI1NiJ9.e30.x`, { redirect: 'manual' });
    expect(forged.status).toBe(403);
    expect(await stack.em().findOne(CalendarConnection, { accountEmail: 'mallory@evil.example' })).toBeNull();
    const denied = await fetch(`${stack.app.baseUrl}/api/integrations/calendar/callbacks/oauth/google?error=access_denied`, { redirect: 'manual' });
    expect(denied.status).toBe(303);
    expect(denied.headers.get('location')).toBe('/integrations/calendars?calendar=denied');
  });

  test('nothing in the logs contains a token, through refreshes, notifications and disconnects', () => {
    expect(stack.logLines.some((l) => l.includes('calendar synced'))).toBe(true);
    expect(stack.leakedSecrets()).toEqual([]);
  });
});
