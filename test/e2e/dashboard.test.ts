/**
 * Browser test of the operational dashboard and the reports pages against the seeded demo
 * business: today's figures as the API computes them, the revenue report's cards and chart,
 * a preset switch refetching, the heatmap and funnel, and a CSV export downloaded with the token.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { seedDemoIfEmpty } from '../../db/seeders/seed-demo';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { apiClient, type ApiClient, type Loose } from '../helpers/http';

const SHOTS = 'e2e-dashboard';
const money = (cents: number, currency: string) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);

describe('the dashboard and reports', () => {
  let app: TestApp;
  let owner: ApiClient;
  let token: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    const demo = await seedDemoIfEmpty(app.orm);
    const login = await apiClient(app.baseUrl).post('/api/auth/login', demo.login);
    if (login.status !== 200) throw new Error(`login answered ${login.status}`);
    token = login.body.token as string;
    owner = apiClient(app.baseUrl, token);

    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(token)})`);
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

  it("shows today's figures as the API computes them", async () => {
    await step('dashboard', async () => {
      const today = (await owner.get('/api/dashboard/today')).body as Loose;
      expect(today.revenue).not.toBeNull();
      await page.goto('/dashboard');
      const appointments = page.getByTestId('today-appointments');
      await appointments.waitFor();
      expect(await appointments.innerText()).toContain(String(today.appointments.total));
      expect(await page.getByTestId('today-revenue').innerText()).toContain(money(today.revenue.netCents, today.currency));
      if (today.appointments.total > 0) {
        const byStatus = page.getByRole('list', { name: 'Appointments by status' });
        expect(await byStatus.innerText()).toMatch(new RegExp(`Confirmed\\s*${today.appointments.byStatus.confirmed}`));
      } else {
        // The demo business is closed some days (weekends): the empty state instead of the list.
        expect(await appointments.innerText()).toContain('Nothing booked for today yet.');
      }
      await page.getByRole('heading', { name: 'Next 2 hours' }).waitFor();
      await page.getByRole('heading', { name: /Needs attention/ }).waitFor();
      await page.getByRole('heading', { name: 'Recent no-shows' }).waitFor();
      if (today.recentNoShows.length > 0) {
        expect(await page.getByRole('list', { name: 'Recent no-shows' }).innerText()).toContain(today.recentNoShows[0].customer);
      }
      await saveScreenshot(page, SHOTS, '01-dashboard');
    });
  });

  it('renders the revenue report: metric cards with the comparison, and a chart', async () => {
    await step('revenue', async () => {
      const report = (await owner.get('/api/reports/revenue?preset=30d')).body as Loose;
      await page.goto('/reports/revenue');
      const net = page.locator('[data-metric="netRevenueCents"]');
      await net.waitFor();
      const netMetric = report.metrics.find((m: Loose) => m.key === 'netRevenueCents');
      const text = await net.innerText();
      expect(text).toContain(money(netMetric.value, report.tenant.currency));
      expect(text).toContain(`vs ${money(netMetric.previous, report.tenant.currency)} before`);
      // The series chart draws the current and the previous period.
      const chart = page.getByRole('img', { name: /Revenue by day/ });
      await chart.locator('.recharts-surface').first().waitFor();
      await chart.locator('.recharts-line-curve').first().waitFor();
      // Net revenue, refunds (a flat line when none) and the previous period's net revenue.
      expect(await chart.locator('.recharts-line-curve').count()).toBe(3);
      expect(await chart.locator('.recharts-legend-item').allInnerTexts()).toEqual(expect.arrayContaining(['Net revenue', 'Net revenue (previous period)']));
      // Breakdowns are charted as horizontal bars beside their tables.
      await page.getByRole('img', { name: /By service/ }).locator('.recharts-bar-rectangle').first().waitFor();
      await page.getByRole('table', { name: 'By service' }).waitFor();
      await saveScreenshot(page, SHOTS, '02-revenue-30d');
    });
  });

  it('refetches when the preset changes', async () => {
    await step('preset', async () => {
      const before = await page.getByTestId('report-period').innerText();
      const refetched = page.waitForResponse((r) => r.url().includes('/api/reports/revenue') && r.url().includes('preset=90d') && r.status() === 200);
      await page.getByRole('button', { name: '90 days' }).click();
      const response = await refetched;
      const report = (await response.json()) as Loose;
      await page.getByTestId('report-period').filter({ hasNotText: before.trim() }).waitFor();
      expect(page.url()).toContain('preset=90d');
      const netMetric = report.metrics.find((m: Loose) => m.key === 'netRevenueCents');
      await page.locator('[data-metric="netRevenueCents"]', { hasText: money(netMetric.value, report.tenant.currency) }).waitFor();
      expect(await page.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed')).toBe('true');

      const weekly = page.waitForResponse((r) => r.url().includes('groupBy=week') && r.status() === 200);
      await page.getByLabel('Group by').selectOption('week');
      await weekly;
      await page.getByRole('img', { name: /Revenue by week/ }).locator('.recharts-surface').first().waitFor();
      await saveScreenshot(page, SHOTS, '03-revenue-90d-weekly');
    });
  });

  it('downloads the CSV export with the bearer token', async () => {
    await step('csv', async () => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toMatch(/^revenue-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
      const saved = await file.path();
      const csv = fs.readFileSync(saved, 'utf8');
      expect(csv).toContain('Net revenue');
      expect(csv.split('\n').length).toBeGreaterThan(5);
    });
  });

  it('draws the appointments heatmap and the booking funnel', async () => {
    await step('others', async () => {
      await page.getByRole('link', { name: 'Appointments', exact: true }).filter({ hasText: 'Appointments' }).last().click();
      const heatmap = page.getByRole('table', { name: /Peak times/ });
      await heatmap.waitFor();
      expect(await heatmap.getByRole('row').count()).toBe(8);
      expect(page.url()).toContain('preset=90d');
      await saveScreenshot(page, SHOTS, '04-appointments');
      await page.getByRole('link', { name: 'Booking funnel' }).click();
      await page.getByRole('heading', { name: 'Booking funnel', level: 2 }).waitFor();
      await saveScreenshot(page, SHOTS, '05-funnel');
      expect(pageErrors).toEqual([]);
    });
  });
});
