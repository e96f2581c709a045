/**
 * Browser test on a phone-sized screen: a customer books through the public booking page (service
 * → staff → time → details → confirm), sees a time taken meanwhile disappear and a slot lost at
 * the last moment answered with the next free times, then signs in to the portal through the
 * emailed magic link, sees why a booking inside the cancel window cannot be cancelled online, and
 * cancels the one made on the page.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FunnelEvent } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, saveScreenshot } from '../helpers/browser';
import { apiClient, type Loose, type SignedUp, signup } from '../helpers/http';

const SHOTS = 'e2e-booking-portal';
const ZONE = 'America/New_York';
const EMAIL = 'jamie.lee@example.com';

/** A weekday at least three days ahead (outside the 24 h cancel window), inside the page's first 14 days. */
function targetDay(): DateTime {
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 3 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

describe('booking on the public page and cancelling in the portal, on a phone', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let serviceId: string;
  let ana: string;
  const day = targetDay();
  const at = (time: string) => DateTime.fromISO(`${day.toISODate()}T${time}`, { zone: ZONE }).toUTC().toISO() as string;
  const pageErrors: string[] = [];
  let bookedId: string;
  let customerId: string;

  const publicBook = (body: Loose) => apiClient(app.baseUrl).post(`/api/public/${owner.tenant.slug}/bookings`, body);

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Maple Street Grooming', timezone: ZONE });
    serviceId = (await owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 60, priceCents: 6500, description: 'Bath, haircut, nails and ears', category: 'Grooming' })).body.id;
    await owner.api.post('/api/services', { name: 'Nail trim', durationMinutes: 15, priceCents: 1500, category: 'Quick visits' });
    ana = (await owner.api.post('/api/staff', { name: 'Ana Ruiz', email: 'ana@example.com', title: 'Senior groomer', serviceIds: [serviceId] })).body.id;
    const ben = (await owner.api.post('/api/staff', { name: 'Ben Okafor', email: 'ben@example.com', title: 'Groomer', serviceIds: [serviceId] })).body.id;
    const hours = { rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })) };
    for (const id of [ana, ben]) {
      const res = await fetch(`${app.baseUrl}/api/staff/${id}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(hours) });
      if (res.status !== 200) throw new Error(`hours answered ${res.status}`);
    }

    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'Europe/Berlin' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await saveScreenshot(page, SHOTS, `failed-${name}`).catch(() => undefined);
      throw error;
    }
  }

  it('walks service → staff → time → details, with a taken time disappearing without a reload', async () => {
    await step('flow', async () => {
      await page.goto(`/book/${owner.tenant.slug}`);
      await page.getByRole('heading', { name: 'Maple Street Grooming' }).waitFor();
      await page.getByRole('heading', { name: 'Choose a service' }).waitFor();
      await saveScreenshot(page, SHOTS, '01-services');

      await page.getByRole('button', { name: /Full groom/ }).click();
      await page.getByRole('heading', { name: 'Who would you like?' }).waitFor();
      expect(await page.getByRole('button', { name: /Anyone available/ }).isVisible()).toBe(true);
      await saveScreenshot(page, SHOTS, '02-staff');
      await page.getByRole('button', { name: /Ana Ruiz/ }).click();

      await page.getByRole('heading', { name: 'Pick a time' }).waitFor();
      const dayButton = page.locator(`.slot-day[data-date="${day.toISODate()}"]`);
      await dayButton.waitFor();
      await until(() => dayButton.isEnabled(), Boolean);
      await dayButton.click();
      const times = page.getByTestId('slot-times');
      // Times are in the business's zone (New York), not the browser's (Berlin).
      await times.getByRole('button', { name: '10:00 AM', exact: true }).waitFor();
      await times.getByRole('button', { name: '11:00 AM', exact: true }).waitFor();
      await saveScreenshot(page, SHOTS, '03-times');

      // Someone else takes 11:00 with Ana: the page drops it on its next poll, without a reload.
      const other = await publicBook({ serviceId, staffId: ana, startsAt: at('11:00'), customer: { name: 'Other Person', email: 'other@example.com' } });
      expect(other.status).toBe(201);
      await times.getByRole('button', { name: '11:00 AM', exact: true }).waitFor({ state: 'detached', timeout: 25_000 });
      expect(await times.getByRole('button', { name: '10:00 AM', exact: true }).isVisible()).toBe(true);

      await times.getByRole('button', { name: '10:00 AM', exact: true }).click();
      await page.getByRole('heading', { name: 'Your details' }).waitFor();
      await page.getByLabel('Full name').fill('Jamie Lee');
      await page.getByLabel('Email', { exact: true }).fill(EMAIL);
      await page.getByLabel('Mobile phone').fill('+1 212 555 0142');
      await page.getByLabel('Booking for a pet').check();
      await page.getByLabel('Pet’s name').fill('Biscuit');
      await page.getByLabel('Breed').fill('Cockapoo');
      await page.getByLabel('Text me reminders').check();
      await saveScreenshot(page, SHOTS, '04-details');
      await page.getByRole('button', { name: 'Review booking' }).click();
      await page.getByRole('heading', { name: 'Check and confirm' }).waitFor();
      const summary = await page.getByTestId('booking-summary').innerText();
      expect(summary).toContain('Full groom');
      expect(summary).toContain('Ana Ruiz');
      expect(summary).toContain('10:00 AM');
      expect(summary).toContain('+12125550142');
      await saveScreenshot(page, SHOTS, '05-confirm');
    });
  });

  it('answers a time lost at the last moment with the next free times, and books one of them', async () => {
    await step('conflict', async () => {
      const thief = await publicBook({ serviceId, staffId: ana, startsAt: at('10:00'), customer: { name: 'Quick Booker', email: 'quick@example.com' } });
      expect(thief.status).toBe(201);
      await page.getByRole('button', { name: 'Confirm booking' }).click();
      const refused = page.getByTestId('slot-refused');
      await refused.waitFor();
      expect(await refused.innerText()).toMatch(/next free times/i);
      await saveScreenshot(page, SHOTS, '06-slot-taken');
      // Ana is busy 10:00–12:00 now: her next free time is noon.
      const noon = refused.locator('.slot').first();
      expect(await noon.innerText()).toContain('12:00 PM');
      await noon.click();
      expect(await page.getByTestId('booking-summary').innerText()).toContain('12:00 PM');
      await page.getByRole('button', { name: 'Confirm booking' }).click();
      const done = page.getByTestId('booking-confirmed');
      await done.waitFor();
      expect(await done.innerText()).toContain('You’re booked!');
      expect(await done.innerText()).toContain('12:00 PM');
      await saveScreenshot(page, SHOTS, '07-booked');

      const list = await owner.api.get(`/api/appointments?from=${encodeURIComponent(at('12:00'))}&to=${encodeURIComponent(at('12:01'))}&staffId=${ana}`);
      expect(list.body.items).toHaveLength(1);
      bookedId = list.body.items[0].id;
      customerId = list.body.items[0].customerId;
      expect(list.body.items[0]).toMatchObject({ source: 'online', status: 'pending' });

      // Every funnel step was recorded once, for the page's session.
      const em = app.orm.em.fork();
      em.setFilterParams('tenant', { tenantId: owner.tenant.id });
      const events = await em.find(FunnelEvent, {});
      const bySession = new Map<string, string[]>();
      for (const e of events) bySession.set(e.sessionId, [...(bySession.get(e.sessionId) ?? []), e.step]);
      const steps = [...bySession.values()].find((s) => s.includes('booked'));
      expect(steps?.sort()).toEqual(['booked', 'form_completed', 'service_selected', 'slot_selected', 'view']);
    });
  });

  it('signs in to the portal through the emailed link, explains a refusal, and cancels the booking', async () => {
    await step('portal', async () => {
      // A second booking three hours from now, made at the front desk: inside the 24 h cancel window.
      const soon = await owner.api.post('/api/appointments', { serviceId, staffId: ana, customerId, startsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(), override: true, overrideReason: 'Squeezed in' });
      expect(soon.status).toBe(201);

      await page.getByRole('link', { name: 'Manage my bookings' }).click();
      await page.getByRole('heading', { name: 'Your bookings' }).waitFor();
      expect(await page.getByLabel('Email', { exact: true }).inputValue()).toBe(EMAIL);
      await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
      await page.getByTestId('link-sent').waitFor();
      await saveScreenshot(page, SHOTS, '08-link-sent');

      const message = await until<Loose | undefined>(
        async () => ((await owner.api.get(`/api/messages?customerId=${customerId}`)).body.items as Loose[]).find((m) => /\/portal\/login\?token=/.test(m.body)),
        Boolean,
      );
      const link = /https?:\/\/\S+\/portal\/login\?token=[\w-]+/.exec(String(message?.body))?.[0];
      expect(link).toBeDefined();
      const url = new URL(link as string);
      await page.goto(url.pathname + url.search);
      await page.waitForURL(/\/portal$/);
      await page.getByTestId('portal-customer').waitFor();
      expect(await page.getByTestId('portal-customer').innerText()).toBe('Jamie Lee');

      const upcoming = page.getByTestId('upcoming-list');
      await upcoming.waitFor();
      const cards = upcoming.getByTestId('portal-appointment');
      await until(() => cards.count(), (n) => n === 2);
      const near = upcoming.locator(`[data-appointment-id="${soon.body.id}"]`);
      expect(await near.getByTestId('policy-note').innerText()).toMatch(/up to 24 hours before the start/);
      expect(await near.getByRole('button', { name: 'Cancel', exact: true }).isDisabled()).toBe(true);
      await saveScreenshot(page, SHOTS, '09-portal');

      const mine = upcoming.locator(`[data-appointment-id="${bookedId}"]`);
      expect(await mine.innerText()).toContain('Full groom');
      await mine.getByRole('button', { name: 'Cancel', exact: true }).click();
      await mine.getByRole('region', { name: 'Cancel booking' }).getByRole('textbox').fill('Going out of town');
      await saveScreenshot(page, SHOTS, '10-cancel');
      await mine.getByRole('button', { name: 'Yes, cancel' }).click();
      await mine.waitFor({ state: 'detached' });

      const history = page.getByTestId('history-list');
      const cancelled = history.locator(`[data-appointment-id="${bookedId}"]`);
      await cancelled.waitFor();
      expect(await cancelled.getByTestId('appointment-status').innerText()).toBe('Cancelled');
      await saveScreenshot(page, SHOTS, '11-cancelled');

      const row = await owner.api.get(`/api/appointments/${bookedId}`);
      expect(row.body).toMatchObject({ status: 'cancelled', cancelReason: 'Going out of town' });
      // The staff session is untouched by the customer's: the portal token lives under its own key.
      expect(await page.evaluate("window.localStorage.getItem('appointflow.token')")).toBeNull();
    });
  });

  it('uploads a vaccination record for the pet, saves preferences, exports the data and asks for deletion', async () => {
    await step('account', async () => {
      await page.getByRole('link', { name: 'Pets' }).click();
      const pet = page.getByRole('article', { name: 'Biscuit' });
      await pet.waitFor();
      await pet.getByRole('button', { name: 'Upload a vaccination record' }).click();
      await pet.locator('input[type=file]').setInputFiles({ name: 'rabies.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% vaccination record\n%%EOF\n') });
      await pet.getByLabel('Vaccine').fill('Rabies');
      await pet.getByLabel('Given on').fill(DateTime.now().minus({ months: 2 }).toISODate() as string);
      await pet.getByLabel('Expires on').fill(DateTime.now().plus({ years: 1 }).toISODate() as string);
      await saveScreenshot(page, SHOTS, '12-upload');
      await pet.getByRole('button', { name: 'Upload', exact: true }).click();
      await pet.getByRole('link', { name: 'rabies.pdf' }).waitFor();
      expect(await pet.innerText()).toContain('waiting for review');
      expect(await pet.innerText()).toMatch(/Rabies\s+valid to/);
      await saveScreenshot(page, SHOTS, '13-pets');

      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByLabel('Offers and news').check();
      await page.getByLabel('Preferred channel').selectOption('sms');
      await page.getByRole('button', { name: 'Save preferences' }).click();
      await page.getByText('Saved.').waitFor();
      const prefs = await owner.api.get(`/api/customers/${customerId}`);
      expect(prefs.body.marketingOptIn).toBe(true);

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download my data (JSON)' }).click()]);
      expect(download.suggestedFilename()).toBe(`my-data-${owner.tenant.slug}.json`);
      const exported = JSON.parse(fs.readFileSync((await download.path()) as string, 'utf8'));
      expect(exported.customer.email).toBe(EMAIL);
      expect(exported.appointments.length).toBeGreaterThanOrEqual(2);

      await page.getByRole('button', { name: 'Delete my data…' }).click();
      await page.getByRole('button', { name: 'Request deletion' }).click();
      await page.getByText(/You asked for your data to be deleted/).waitFor();
      await saveScreenshot(page, SHOTS, '14-settings');
      expect(pageErrors).toEqual([]);
    });
  });
});
