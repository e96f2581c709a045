import '../helpers/fresh-orm-metadata';
import type ICALModule from 'ical.js' with { 'resolution-mode': 'import' };
import { DateTime } from 'luxon';
import { Message } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type SignedUp, signup } from '../helpers/http';

// ical.js ships ESM types and a CommonJS build; jest runs CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL: typeof ICALModule = require('ical.js');
type Component = InstanceType<typeof ICALModule.Component>;

const ZONE = 'America/New_York';

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  start: Date;
  end: Date;
  tzid: string | null;
}

/** Parses a feed with ical.js, resolving TZID times through the feed's own VTIMEZONE. */
function parseFeed(text: string): { events: ParsedEvent[]; timezones: string[]; calendar: Component } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const timezones = calendar.getAllSubcomponents('vtimezone').map((tz) => {
    const zone = new ICAL.Timezone(tz);
    ICAL.TimezoneService.register(zone, String(tz.getFirstPropertyValue('tzid')));
    return zone.tzid;
  });
  const events = calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: String(component.getFirstPropertyValue('status')),
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      tzid: event.startDate.zone?.tzid ?? null,
    };
  });
  return { events, timezones, calendar };
}

describe('iCal feeds, .ics files and add-to-calendar links', () => {
  let app: TestApp;
  let owner: SignedUp;
  let serviceId: string;
  let staffId: string;
  let customerId: string;
  // Across the November change in New York, so the VTIMEZONE must carry both offsets.
  const before = DateTime.fromISO(`${DateTime.now().year + 1}-10-27T10:00`, { zone: ZONE });
  const after = DateTime.fromISO(`${DateTime.now().year + 1}-11-10T10:00`, { zone: ZONE });
  const feedText = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: ZONE });
    serviceId = (await owner.api.post('/api/services', { name: 'Haircut', durationMinutes: 45, priceCents: 4000 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Robin', email: 'robin@example.com', serviceIds: [serviceId] })).body.id;
    customerId = (await owner.api.post('/api/customers', { name: 'Sage Feed', email: 'sage@example.com', phone: '+12125550199', emailOptIn: true })).body.id;
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a staff feed is valid RFC 5545 that ical.js parses: VTIMEZONE, stable UIDs, wall-clock times across DST', async () => {
    const first = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: before.toUTC().toISO(), notes: 'Likes it short' });
    const second = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: after.toUTC().toISO() });
    const feed = await owner.api.post(`/api/calendar-feeds/staff/${staffId}`);
    expect(feed.status).toBe(201);
    expect(feed.body.url).toMatch(/\/ical\/[A-Za-z0-9_-]{40,}\.ics$/);

    const res = await feedText(feed.body.url);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/calendar/);
    expect(res.text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const { events, timezones } = parseFeed(res.text);
    expect(timezones).toEqual([ZONE]);
    expect(res.text).toMatch(/TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500/);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const a = byUid.get(`appointment-${first.body.id}@127.0.0.1`);
    const b = byUid.get(`appointment-${second.body.id}@127.0.0.1`);
    expect(a).toMatchObject({ sequence: 0, status: 'TENTATIVE', summary: 'Haircut – Sage Feed', tzid: ZONE });
    expect(a?.start.toISOString()).toBe(before.toUTC().toISO({ suppressMilliseconds: false }));
    expect(b?.start.toISOString()).toBe(after.toUTC().toISO({ suppressMilliseconds: false }));
    expect(b ? (b.end.getTime() - b.start.getTime()) / 60_000 : 0).toBe(45);

    const status = await owner.api.get(`/api/calendar-feeds/staff/${staffId}`);
    expect(status.body).toMatchObject({ active: true, fetchCount: 1 });
    expect(status.body.url).toBeUndefined();
  });

  test('every change raises SEQUENCE and a cancellation stays in the feed as STATUS:CANCELLED', async () => {
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: before.plus({ days: 1 }).toUTC().toISO() });
    const feed = (await owner.api.post(`/api/calendar-feeds/customers/${customerId}`)).body.url as string;
    const sequenceOf = async () => parseFeed((await feedText(feed)).text).events.find((e) => e.uid.startsWith(`appointment-${booked.body.id}@`));

    expect((await sequenceOf())?.sequence).toBe(0);
    await owner.api.post(`/api/appointments/${booked.body.id}/confirm`);
    expect(await sequenceOf()).toMatchObject({ sequence: 1, status: 'CONFIRMED', summary: `Haircut at ${owner.tenant.name}` });
    const moved = before.plus({ days: 1, hours: 2 });
    await owner.api.patch(`/api/appointments/${booked.body.id}`, { startsAt: moved.toUTC().toISO() });
    const rescheduled = await sequenceOf();
    expect(rescheduled?.sequence).toBe(2);
    expect(rescheduled?.start.getTime()).toBe(moved.toMillis());
    await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Ill' });
    expect(await sequenceOf()).toMatchObject({ sequence: 3, status: 'CANCELLED' });
  });

  test('a reset or revoked feed URL stops working at once', async () => {
    const old = (await owner.api.post(`/api/calendar-feeds/staff/${staffId}`)).body.url as string;
    const fresh = (await owner.api.post(`/api/calendar-feeds/staff/${staffId}`)).body.url as string;
    expect((await feedText(old)).status).toBe(404);
    expect((await feedText(fresh)).status).toBe(200);
    expect((await owner.api.delete(`/api/calendar-feeds/staff/${staffId}`)).status).toBe(204);
    expect((await feedText(fresh)).status).toBe(404);
    expect((await feedText(`${app.baseUrl}/ical/not-a-real-token-at-all-123456.ics`)).status).toBe(404);
  });

  test('a single appointment downloads as .ics, and add-to-Google/Outlook links carry its times', async () => {
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: after.plus({ days: 2 }).toUTC().toISO() });
    const file = await fetch(`${app.baseUrl}/api/appointments/${booked.body.id}/ics`, { headers: { Authorization: `Bearer ${owner.token}` } });
    expect(file.headers.get('content-disposition')).toMatch(/attachment; filename="appointment-.*\.ics"/);
    const { events, calendar } = parseFeed(await file.text());
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(events).toHaveLength(1);
    expect(events[0]?.start.getTime()).toBe(Date.parse(booked.body.startsAt));

    const links = (await owner.api.get(`/api/appointments/${booked.body.id}/calendar-links`)).body;
    const google = new URL(links.google);
    expect(google.hostname).toBe('calendar.google.com');
    const compact = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    expect(google.searchParams.get('dates')).toBe(`${compact(booked.body.startsAt)}/${compact(booked.body.endsAt)}`);
    expect(google.searchParams.get('ctz')).toBe(ZONE);
    const outlook = new URL(links.outlook);
    expect(outlook.searchParams.get('startdt')).toBe(booked.body.startsAt);
    expect(outlook.searchParams.get('rru')).toBe('addevent');
    expect(links.ics).toMatch(new RegExp(`/api/appointments/${booked.body.id}/ics$`));
  });

  test('customers manage their own feed from the portal', async () => {
    await apiClient(app.baseUrl).post('/api/portal/login', { slug: owner.tenant.slug, email: 'sage@example.com' });
    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    const message = await em.findOneOrFail(Message, { to: 'sage@example.com' }, { orderBy: { createdAt: 'desc' } });
    const token = /token=([A-Za-z0-9_-]+)/.exec(message.body)?.[1];
    const portal = apiClient(app.baseUrl, (await apiClient(app.baseUrl).post('/api/portal/session', { token })).body.token);
    const feed = await portal.post('/api/portal/calendar-feed');
    expect(feed.status).toBe(201);
    const { events } = parseFeed((await feedText(feed.body.url)).text);
    expect(events.length).toBeGreaterThan(2);
    expect(events.every((e) => e.summary.startsWith('Haircut at '))).toBe(true);
    expect((await portal.delete('/api/portal/calendar-feed')).status).toBe(204);
    expect((await feedText(feed.body.url)).status).toBe(404);
  });
});
