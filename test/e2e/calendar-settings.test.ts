/**
 * Browser test of Settings → Calendars & video: the connect button leads to the provider's
 * consent page with a signed state, connections show their sync status, "Sync now" on a revoked
 * grant turns the row into "Reconnect needed", and the video choice per service is saved.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { type CalendarStack, startCalendarStack } from '../integration/calendar-stack';

const SHOTS = 'e2e-calendar-settings';

describe('Settings → Calendars & video in the browser', () => {
  let stack: CalendarStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    stack = await startCalendarStack();
    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: stack.app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(stack.owner.token)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('connects, shows the status of each calendar, and saves the video per service', async () => {
    try {
      const ivy = await stack.staff('Ivy');
      const { connection } = await stack.connect('google', ivy, 'ivy@fern.example');
      await page.goto('/integrations/calendars?calendar=connected');
      await page.getByText('Calendar connected.').waitFor();
      const row = page.locator('tr', { hasText: 'ivy@fern.example' });
      await row.waitFor();
      await row.getByText('Active').waitFor();

      // The grant is revoked at Google: "Sync now" finds out and the row asks for a reconnect.
      stack.google.tokens.refreshTokens.clear();
      stack.google.tokens.expireAll();
      await row.getByRole('button', { name: 'Sync now' }).click();
      await row.getByText('Reconnect needed').waitFor({ timeout: 20_000 });
      await row.getByText('token refresh failed: invalid_grant').waitFor();
      expect((await stack.owner.api.get('/api/integrations/calendar')).body.items.find((c: { id: string }) => c.id === connection.id).status).toBe('needs_reconnect');

      // Video per service, saved through the API.
      await page.getByLabel('Full groom').selectOption('google_meet');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Saved.').waitFor();
      expect((await stack.owner.api.get('/api/integrations/calendar/settings')).body.videoByService).toEqual({ [stack.serviceId]: 'google_meet' });
      await saveScreenshot(page, SHOTS, 'settings');

      // Connect: the browser goes to Google's consent page (the fake) with our client id and a signed state.
      await page.getByLabel('Calendar of').selectOption({ label: 'Ivy' });
      await Promise.all([page.waitForURL(/\/o\/oauth2\/v2\/auth/), page.getByRole('button', { name: 'Connect Google Calendar' }).click()]);
      const consent = new URL(page.url());
      expect(consent.searchParams.get('client_id')).toBe('google-client-id');
      expect(consent.searchParams.get('state')?.split('.')).toHaveLength(3);
      expect(pageErrors).toEqual([]);
    } catch (err) {
      await saveScreenshot(page, SHOTS, 'failure').catch(() => undefined);
      throw err;
    }
  });
});
