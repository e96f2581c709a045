import { DEMO_TEMPLATES } from '../../db/seeders/demo/templates';
import { DEFAULT_TEMPLATE_HELPERS } from '../../workflows/dsl/validate';
import { checkConsent } from './consent';
import { inspectTemplate, renderTemplate, smsSegments, TEMPLATE_HELPERS } from './render';

const context = (over: Record<string, unknown> = {}) => ({
  tenant: { id: 't1', name: 'Paws & Claws', slug: 'paws', timezone: 'America/New_York', currency: 'USD' },
  customer: { id: 'c1', firstName: 'Ava', timezone: null },
  appointment: { id: 'a1', startsAt: '2026-03-09T14:00:00Z', priceCents: 4550 },
  service: { name: 'Full groom' },
  vars: {},
  event: { type: 'appointment.booked', at: '2026-03-01T10:00:00Z' },
  ...over,
});

const sms = (body: string, ctx = context(), variables?: Record<string, unknown>) =>
  renderTemplate({ channel: 'sms', body }, ctx, { publicUrl: 'https://book.example.com/', variables }).body;

describe('template helpers', () => {
  test('times are shown in the recipient zone on both sides of a DST change', () => {
    // New York moved to daylight time on 8 March 2026: 10:00 local is 15:00Z before, 14:00Z after.
    expect(sms('{{formatDateTime appointment.startsAt}}')).toBe('Mon, Mar 9, 2026, 10:00 AM');
    const before = context({ appointment: { id: 'a1', startsAt: '2026-03-07T15:00:00Z' } });
    expect(sms('{{formatTime appointment.startsAt}}', before)).toBe('10:00 AM');
    expect(sms('{{formatDate appointment.startsAt}}', before)).toBe('Sat, Mar 7, 2026');
  });

  test("the customer's own zone and locale win over the tenant's", () => {
    const paris = context({ customer: { id: 'c1', timezone: 'Europe/Paris', locale: 'fr-FR' } });
    expect(sms('{{time appointment.startsAt}}', paris)).toBe('15:00');
    expect(sms("{{formatDate appointment.startsAt 'yyyy-MM-dd HH:mm ZZZZ'}}", paris)).toMatch(/^2026-03-09 15:00 UTC\+1|^2026-03-09 15:00 (CET|HNEC)/);
    expect(sms('{{formatTime appointment.startsAt zone="Asia/Tokyo"}}')).toBe('11:00 PM');
  });

  test('a bare date stays that calendar day', () => {
    expect(sms("{{formatDate '2026-11-02'}}")).toBe('Mon, Nov 2, 2026');
  });

  test('money turns minor units into the tenant currency', () => {
    expect(sms('{{money appointment.priceCents}}')).toBe('$45.50');
    expect(sms("{{money 2500 'EUR'}}")).toBe('€25.00');
    const yen = context({ tenant: { id: 't1', timezone: 'Asia/Tokyo', currency: 'JPY' } });
    expect(sms('{{formatMoney 2500}}', yen)).toBe('¥2,500');
  });

  test('links come from the context, else from PUBLIC_URL', () => {
    expect(sms("{{link 'cancel'}}")).toBe('https://book.example.com/portal/appointments/a1/cancel');
    expect(sms('{{rescheduleLink}} {{addToCalendarLink}}')).toBe(
      'https://book.example.com/portal/appointments/a1/reschedule https://book.example.com/portal/appointments/a1/calendar.ics',
    );
    const signed = context({ appointment: { id: 'a1', startsAt: '2026-03-09T14:00:00Z', portalUrl: 'https://x.test/p/abc' } });
    expect(sms("{{link 'portal'}}", signed)).toBe('https://x.test/p/abc');
    expect(sms('{{bookingLink}}')).toBe('https://book.example.com/book/paws');
    expect(() => sms("{{link 'nope'}}")).toThrow(/unknown kind/);
  });

  test('node variables render against the context and are read as vars.*', () => {
    expect(sms('Hi {{vars.who}}, {{vars.n}}', context(), { who: '{{customer.firstName}}', n: 3 })).toBe('Hi Ava, 3');
  });

  test('text is not HTML-escaped', () => {
    expect(sms('{{tenant.name}}')).toBe('Paws & Claws');
  });

  test('every helper name the DSL validator accepts by default exists', () => {
    const builtins = ['if', 'unless', 'each', 'with', 'lookup', 'log'];
    expect(DEFAULT_TEMPLATE_HELPERS.filter((h) => !builtins.includes(h) && !TEMPLATE_HELPERS.includes(h))).toEqual([]);
  });
});

describe('SMS segments', () => {
  test('GSM-7: 160 in one part, 153 per part after', () => {
    expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', segments: 2, perSegment: 153 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  test('extension characters count twice', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81)).segments).toBe(2);
  });

  test('one emoji or curly quote switches to UCS-2', () => {
    const info = smsSegments(`${'a'.repeat(69)}’`);
    expect(info).toMatchObject({ encoding: 'UCS-2', segments: 1, perSegment: 70, nonGsmCharacters: ['’'] });
    expect(smsSegments(`${'a'.repeat(69)}🎉`)).toMatchObject({ encoding: 'UCS-2', units: 71, segments: 2, characters: 70 });
  });
});

describe('template inspection', () => {
  test('unknown variables, unknown helpers and syntax errors are reported', () => {
    expect(inspectTemplate({ channel: 'sms', body: 'Hi {{customer.nickname}} {{shout customer.name}}' })).toEqual([
      { field: 'body', code: 'UNKNOWN_HELPER', message: '"shout" is not a template helper' },
      { field: 'body', code: 'UNKNOWN_VARIABLE', message: '"customer.nickname" is not in the run context' },
    ]);
    expect(inspectTemplate({ channel: 'sms', body: 'Hi {{#if customer.name}}' })[0]).toMatchObject({ code: 'SYNTAX' });
    expect(inspectTemplate({ channel: 'email', body: 'x' })).toEqual([
      { field: 'subject', code: 'REQUIRED', message: 'An email needs a subject' },
    ]);
  });

  test('the seeded templates are valid and render', () => {
    for (const template of DEMO_TEMPLATES) {
      expect({ key: template.key, problems: inspectTemplate(template) }).toEqual({ key: template.key, problems: [] });
      expect(renderTemplate(template, context()).body.length).toBeGreaterThan(20);
    }
  });
});

describe('consent and quiet hours', () => {
  const customer = { smsOptIn: true, emailOptIn: true, whatsappOptIn: false, smsOptedOutAt: undefined };
  const at = (iso: string) => new Date(iso);

  test('marketing SMS waits for the end of quiet hours in the recipient zone', () => {
    // 22:30 in New York (EST)
    const decision = checkConsent({ customer, channel: 'sms', kind: 'marketing', now: at('2026-01-15T03:30:00Z'), zone: 'America/New_York', quietHours: { start: '21:00', end: '08:00' } });
    expect(decision).toMatchObject({ allowed: false, reason: 'quiet_hours', notBefore: '2026-01-15T08:00:00.000-05:00' });
    expect(checkConsent({ customer, channel: 'sms', kind: 'marketing', now: at('2026-01-15T14:00:00Z'), zone: 'America/New_York', quietHours: { start: '21:00', end: '08:00' } })).toEqual({ allowed: true });
  });

  test('reminders and email go out at any hour; STOP and missing opt-ins always block', () => {
    const night = { now: at('2026-01-15T03:30:00Z'), zone: 'America/New_York', quietHours: { start: '21:00', end: '08:00' } };
    expect(checkConsent({ customer, channel: 'sms', kind: 'transactional', ...night })).toEqual({ allowed: true });
    expect(checkConsent({ customer, channel: 'email', kind: 'marketing', ...night })).toEqual({ allowed: true });
    expect(checkConsent({ customer, channel: 'whatsapp', kind: 'transactional', ...night })).toMatchObject({ reason: 'no_consent' });
    expect(checkConsent({ customer: { ...customer, smsOptedOutAt: at('2026-01-01T00:00:00Z') }, channel: 'sms', kind: 'transactional', ...night })).toMatchObject({ reason: 'opted_out' });
  });
});
