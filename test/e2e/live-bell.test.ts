/**
 * Browser test of /api/live: a booking made through the API raises the header bell's unread
 * count and refreshes the open dashboard without a reload.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { type Loose, type SignedUp, signup } from '../helpers/http';

const SHOTS = 'e2e-live';

describe('live notifications in the browser', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl);
    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('raises the bell count and refreshes the dashboard when a booking is made through the API', async () => {
    try {
      await page.goto('/dashboard');
      await page.locator('.live-bell[data-live-status="open"]').waitFor({ timeout: 15_000 });
      const appointments = page.getByTestId('today-appointments');
      await appointments.waitFor();
      expect(await page.getByTestId('live-bell-count').count()).toBe(0);

      const serviceId = (await owner.api.post('/api/services', { name: 'Nail trim', durationMinutes: 15, priceCents: 1500 })).body.id;
      const staffId = (await owner.api.post('/api/staff', { name: 'Robin', email: 'robin@example.com' })).body.id;
      const customerId = (await owner.api.post('/api/customers', { name: 'Casey', email: 'casey@example.com' })).body.id;
      const startsAt = new Date(Math.ceil((Date.now() + 5 * 60_000) / 60_000) * 60_000).toISOString();
      const booked = await owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt });
      expect(booked.status).toBe(201);

      const count = page.getByTestId('live-bell-count');
      await count.waitFor({ timeout: 10_000 });
      expect(await count.innerText()).toBe('1');

      // The dashboard refetched on its own: it shows what the API now says for today.
      const today = (await owner.api.get('/api/dashboard/today')).body as Loose;
      await appointments.filter({ hasText: String(today.appointments.total) }).waitFor({ timeout: 10_000 });

      await page.getByTestId('live-bell').click();
      const list = page.getByTestId('live-list');
      await list.waitFor();
      expect(await list.innerText()).toContain('New booking');
      expect(await page.getByTestId('live-bell-count').count()).toBe(0);
      await saveScreenshot(page, SHOTS, 'bell-open');
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await saveScreenshot(page, SHOTS, 'failed').catch(() => undefined);
      throw error;
    }
  }, 60_000);
});
