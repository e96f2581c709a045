/**
 * Browser test of the waitlist offer page on a phone: a cancelled appointment frees a slot, the
 * waitlist workflow (a real worker on the run's Temporal server) emails the first customer in
 * line, who opens the "pass" link and declines; the second opens theirs, sees the slot in the
 * business's zone with the hold counting down, and books it. Opening a used link again, a link
 * that does not exist, and an offer whose hold runs out while the page is open are explained.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Tenant } from '../../db/entities';
import { createLogger } from '../../runtime/logger';
import { connectTemporalWorker } from '../../runtime/temporal-connection';
import { type RunningWorker, startWorker } from '../../worker/start-worker';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, saveScreenshot } from '../helpers/browser';
import { type Loose, type SignedUp, signup } from '../helpers/http';

const SHOTS = 'e2e-waitlist-offer';
const ZONE = 'Europe/London';

describe('waitlist offer page on a phone', () => {
  let app: TestApp;
  let owner: SignedUp;
  let worker: RunningWorker;
  let workerConnection: Awaited<ReturnType<typeof connectTemporalWorker>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let serviceId: string;
  let staffId: string;
  const customers: Record<string, string> = {};
  const links: Record<string, string> = {};
  const pageErrors: string[] = [];

  const slot = (days: number, time: string) => DateTime.fromISO(`${DateTime.now().setZone(ZONE).plus({ days }).toISODate()}T${time}`, { zone: ZONE }).toUTC().toISO() as string;
  const addCustomer = async (name: string) => {
    const res = await owner.api.post('/api/customers', { name, email: `${name.toLowerCase()}@example.com`, emailOptIn: true });
    customers[name] = res.body.id;
  };
  const join = (name: string) =>
    owner.api.post('/api/waitlist', { customerId: customers[name], serviceId, fromDate: DateTime.now().setZone(ZONE).toISODate(), toDate: DateTime.now().setZone(ZONE).plus({ days: 20 }).toISODate() });

  /** The path of the offer link in the newest message to this customer sent after `after`, read through the messages API. */
  async function offerLinkFor(name: string, after: Date): Promise<string> {
    for (let i = 0; i < 150; i++) {
      const res = await owner.api.get(`/api/messages?customerId=${customers[name]}`);
      const fresh = (res.body.items as Loose[]).filter((m) => Date.parse(m.createdAt) >= after.getTime());
      const match = fresh.map((m) => /\/waitlist\/offers\/[A-Za-z0-9_-]+/.exec(m.body)?.[0]).find(Boolean);
      if (match) return match;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no offer reached ${name}`);
  }

  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await saveScreenshot(page, SHOTS, `failed-${name}`).catch(() => undefined);
      throw error;
    }
  }

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Hove Dog Spa', timezone: ZONE });
    workerConnection = await connectTemporalWorker(app.config.TEMPORAL_ADDRESS as string, app.config);
    worker = await startWorker({ config: app.config, orm: app.orm, connection: workerConnection, logger: createLogger({ level: 'warn', pretty: false }) });
    serviceId = (await owner.api.post('/api/services', { name: 'Deshedding', durationMinutes: 60, priceCents: 6000 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Uma Patel', email: 'uma@example.com', serviceIds: [serviceId] })).body.id;
    const hours = { rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00' })) };
    const res = await fetch(`${app.baseUrl}/api/staff/${staffId}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(hours) });
    if (res.status !== 200) throw new Error(`hours answered ${res.status}`);
    for (const name of ['Xavier', 'Ava', 'Bea']) await addCustomer(name);

    browser = await launchBrowser();
    // The phone is in Tokyo; the page must show the slot in the business's zone (London).
    context = await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'Asia/Tokyo' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
    await workerConnection?.close();
    await app?.close();
  });

  const startsAt = slot(3, '10:00');
  let cancelledAt: Date;

  it('the first in line opens the “pass” link and declines: the slot moves on, their place is kept', async () => {
    await step('decline', async () => {
      const taken = await owner.api.post('/api/appointments', { serviceId, staffId, customerId: customers.Xavier, startsAt });
      expect(taken.status).toBe(201);
      expect((await join('Ava')).body.position).toBe(1);
      expect((await join('Bea')).body.position).toBe(2);
      cancelledAt = new Date();
      expect((await owner.api.post(`/api/appointments/${taken.body.id}/cancel`, { reason: 'Moved away' })).status).toBe(200);

      links.Ava = await offerLinkFor('Ava', cancelledAt);
      await page.goto(`${links.Ava}?answer=decline`);
      await page.getByTestId('offer-open').waitFor();
      expect(await page.getByRole('heading', { name: 'Hove Dog Spa' }).isVisible()).toBe(true);
      expect(await page.getByTestId('offer-when').innerText()).toMatch(/10:00\sAM (GMT|BST|GMT\+1)/);
      expect(await page.getByTestId('offer-slot').innerText()).toMatch(/Deshedding · 1 h[\s\S]*Uma Patel/);
      await saveScreenshot(page, SHOTS, '01-decline-link');

      // Passing is what the link asked for, so it is the first button.
      const buttons = await page.locator('.wl-actions button').allInnerTexts();
      expect(buttons).toEqual(['Yes, pass on this slot', 'Book this slot']);
      await page.getByRole('button', { name: 'Yes, pass on this slot' }).click();
      await page.getByTestId('offer-declined').waitFor();
      expect(await page.getByTestId('offer-declined').innerText()).toMatch(/keep your place on the waitlist/);
      await saveScreenshot(page, SHOTS, '02-declined');
      const entries = (await owner.api.get(`/api/waitlist?customerId=${customers.Ava}`)).body.items as Loose[];
      expect(entries[0]).toMatchObject({ status: 'waiting' });
    });
  }, 90_000);

  it('the next in line sees the slot in the business’s zone with the hold counting down, and books it', async () => {
    await step('accept', async () => {
      links.Bea = await offerLinkFor('Bea', cancelledAt);
      await page.goto(links.Bea);
      await page.getByTestId('offer-open').waitFor();
      const when = await page.getByTestId('offer-when').innerText();
      expect(when).toContain(DateTime.fromISO(startsAt).setZone(ZONE).toFormat('cccc, LLLL d'));
      expect(when).toMatch(/10:00\sAM/);
      const clock = page.getByRole('timer');
      const first = await clock.innerText();
      expect(first).toMatch(/^1[45]:\d\d$/);
      await page.waitForTimeout(2_100);
      const later = await clock.innerText();
      expect(later).not.toBe(first);
      expect(later < first).toBe(true);
      expect(await page.locator('.wl-actions button').allInnerTexts()).toEqual(['Book this slot', 'No thanks, pass']);
      await saveScreenshot(page, SHOTS, '03-offer');

      await page.getByRole('button', { name: 'Book this slot' }).click();
      await page.getByTestId('offer-accepted').waitFor();
      expect(await page.getByTestId('offer-accepted').innerText()).toMatch(/You’re booked![\s\S]*10:00\sAM/);
      await saveScreenshot(page, SHOTS, '04-booked');

      const booked = (await owner.api.get(`/api/appointments?customerId=${customers.Bea}`)).body.items as Loose[];
      expect(booked).toHaveLength(1);
      expect(booked[0]).toMatchObject({ staffId, serviceId, source: 'waitlist', startsAt: new Date(startsAt).toISOString() });
    });
  }, 60_000);

  it('explains links that were used already or do not exist', async () => {
    await step('closed', async () => {
      await page.goto(links.Bea as string);
      const closed = page.getByTestId('offer-closed');
      await closed.waitFor();
      expect(await closed.innerText()).toMatch(/You already took this slot[\s\S]*10:00\sAM/);
      await saveScreenshot(page, SHOTS, '05-used-link');

      await page.goto(links.Ava as string);
      await closed.waitFor();
      expect(await closed.innerText()).toMatch(/You passed on this slot/);

      await page.goto('/waitlist/offers/this-is-not-a-real-offer-token-at-all');
      await page.getByTestId('offer-missing').waitFor();
      expect(await page.getByTestId('offer-missing').innerText()).toMatch(/This link does not work/);
      await saveScreenshot(page, SHOTS, '06-unknown-link');
    });
  });

  it('turns into “this offer has run out” when the hold ends while the page is open', async () => {
    await step('expired', async () => {
      const em = app.orm.em.fork();
      em.setFilterParams('tenant', { tenantId: owner.tenant.id });
      const tenant = await em.findOneOrFail(Tenant, { id: owner.tenant.id });
      tenant.policies = { ...tenant.policies, waitlistHoldMinutes: 4 / 60 };
      await em.flush();

      const other = await owner.api.post('/api/appointments', { serviceId, staffId, customerId: customers.Xavier, startsAt: slot(4, '14:00') });
      expect(other.status).toBe(201);
      const freedAt = new Date();
      await owner.api.post(`/api/appointments/${other.body.id}/cancel`);
      // Ava kept her place, so the new slot is offered to her first.
      const link = await offerLinkFor('Ava', freedAt);
      await page.goto(link);
      const closed = page.getByTestId('offer-closed');
      await closed.waitFor({ timeout: 15_000 });
      expect(await closed.innerText()).toMatch(/This offer has run out[\s\S]*held the slot until \d{1,2}:\d\d\s[AP]M (GMT|BST|GMT\+1)[\s\S]*keep your place/);
      await saveScreenshot(page, SHOTS, '07-expired');
      expect(pageErrors).toEqual([]);
    });
  }, 60_000);
});
