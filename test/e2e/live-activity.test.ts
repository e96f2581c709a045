/**
 * Browser test of staff presence and the activity log: the Team activity page shows a colleague
 * coming online and leaving without a reload, the page's own idle signal (a hidden tab) makes
 * its user away, and bookings and cancels are listed with who made them.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { addUser, type SignedUp, signup } from '../helpers/http';
import { LiveProbe, wsUrl } from '../integration/live-helpers';

const SHOTS = 'e2e-live-activity';

describe('team presence and activity in the browser', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Paws Studio' });
    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows who is online, away or offline as it changes, and who booked and cancelled', async () => {
    const colleague = await addUser(app.baseUrl, owner, 'staff');
    const serviceId = (await owner.api.post('/api/services', { name: 'Puppy cut', durationMinutes: 45, priceCents: 3500 })).body.id;
    const staffId = (await owner.api.post('/api/staff', { name: 'Ari', email: 'ari@example.com' })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Morgan Activity', email: 'morgan.activity@example.com' })).body.id;
    const booked = await colleague.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: '2031-07-01T15:00:00.000Z' });
    expect(booked.status).toBe(201);
    expect((await owner.api.post(`/api/appointments/${booked.body.id}/cancel`, { reason: 'Moved away' })).status).toBe(200);
    const person = (userId: string) => page.locator(`[data-testid="presence-item"][data-user-id="${userId}"]`);

    try {
      await page.goto('/activity');
      await page.locator('.live-bell[data-live-status="open"]').waitFor({ timeout: 15_000 });
      await person(owner.user.id).and(page.locator('[data-presence="online"]')).waitFor({ timeout: 10_000 });
      await person(colleague.user.id).and(page.locator('[data-presence="offline"]')).waitFor();

      const entries = page.getByTestId('activity-entry');
      await entries.first().waitFor();
      expect(await entries.filter({ hasText: 'cancelled an appointment — Morgan Activity' }).innerText()).toContain(owner.user.name);
      expect(await entries.filter({ hasText: 'booked an appointment — Morgan Activity' }).innerText()).toContain(colleague.user.name);
      await page.getByTestId('activity-kind').selectOption('payments');
      await page.getByText('Nothing recorded yet.').waitFor();
      await page.getByTestId('activity-kind').selectOption('bookings');
      await entries.filter({ hasText: 'Morgan Activity' }).first().waitFor();

      // A colleague's socket opens on another device: online here without a reload, then away, then gone.
      const desk = await LiveProbe.open(wsUrl(app.baseUrl, '/api/live', colleague.token));
      await person(colleague.user.id).and(page.locator('[data-presence="online"]')).waitFor({ timeout: 10_000 });
      desk.send({ type: 'presence', state: 'away' });
      await person(colleague.user.id).and(page.locator('[data-presence="away"]')).waitFor({ timeout: 10_000 });
      await saveScreenshot(page, SHOTS, 'presence');
      desk.close();
      await person(colleague.user.id).and(page.locator('[data-presence="offline"]')).waitFor({ timeout: 10_000 });

      // This tab's own idle signal: hidden makes its user away, the next key press online again.
      const setHidden = (hidden: boolean) =>
        page.evaluate(`Object.defineProperty(document, 'hidden', { configurable: true, get: () => ${hidden} }); document.dispatchEvent(new Event('visibilitychange'))`);
      await setHidden(true);
      await person(owner.user.id).and(page.locator('[data-presence="away"]')).waitFor({ timeout: 10_000 });
      await setHidden(false);
      await person(owner.user.id).and(page.locator('[data-presence="online"]')).waitFor({ timeout: 10_000 });
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, SHOTS, 'failed').catch(() => undefined);
      throw error;
    }
  }, 90_000);
});
