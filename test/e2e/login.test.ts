/**
 * Browser test: an owner signs in through the real UI served by the API, sees the app's
 * navigation and finds the customers created through the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';

const NAV_LABELS = ['Dashboard', 'Calendar', 'Customers', 'Automations', 'Executions', 'Campaigns', 'Reports', 'Chat', 'Settings'];
const SHOTS = 'e2e-login';

const owner = {
  businessName: 'Maple Street Grooming',
  email: 'owner@maple-grooming.example.com',
  password: 'Correct-Horse-Battery-42',
  timezone: 'America/New_York',
};

const customers = [
  { name: 'Priya Raman', email: 'priya.raman@example.com', phone: '+15550100001', smsOptIn: true, emailOptIn: true },
  { name: 'Marcus Bell', email: 'marcus.bell@example.com', phone: '+15550100002', smsOptIn: false, emailOptIn: true },
];

async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

describe('signing in to the admin UI', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');

    app = await startTestApp();
    const signup = await postJson<{ token: string }>(`${app.baseUrl}/api/auth/signup`, owner);
    for (const customer of customers) await postJson(`${app.baseUrl}/api/customers`, customer, signup.token);

    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 120_000);

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

  it('a wrong password is refused with a message and no session', async () => {
    await step('wrong-password', async () => {
      await page.goto('/login');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
      expect(new URL(page.url()).pathname).toBe('/login');
      await saveScreenshot(page, SHOTS, '01-wrong-password');
    });
  });

  it('the owner signs in and sees the navigation, the business and who is signed in', async () => {
    await step('sign-in', async () => {
      await page.goto('/login');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();

      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.waitFor();
      for (const label of NAV_LABELS) {
        expect(await nav.getByRole('link', { name: label, exact: true }).isVisible()).toBe(true);
      }
      expect(await page.getByTestId('tenant-name').innerText()).toBe(owner.businessName);
      expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);
      expect(new URL(page.url()).pathname).toBe('/dashboard');
      await saveScreenshot(page, SHOTS, '02-dashboard');
    });
  });

  it('the customers page lists the customers created through the API', async () => {
    await step('customers', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
      const table = page.getByRole('table', { name: 'Customers' });
      await table.waitFor();
      for (const customer of customers) {
        await table.getByRole('row').filter({ hasText: customer.name }).waitFor();
        expect(await table.getByRole('row').filter({ hasText: customer.email }).count()).toBe(1);
      }
      expect(await page.getByText(`${customers.length} customers`, { exact: true }).isVisible()).toBe(true);
      await saveScreenshot(page, SHOTS, '03-customers');
    });
  });

  it("a customer's row opens their detail page", async () => {
    await step('customer-detail', async () => {
      const [first] = customers;
      await page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: first!.name }).click();
      await page.getByRole('heading', { level: 1, name: first!.name }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/customers\/[^/]+$/);
      expect(await page.getByRole('link', { name: first!.email }).isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: first!.phone }).isVisible()).toBe(true);
      await page.getByText('No pets on file.').waitFor();
      await saveScreenshot(page, SHOTS, '04-customer-detail');
    });
  });

  it('a reload keeps the session, and logging out returns to the sign-in page', async () => {
    await step('reload-logout', async () => {
      await page.reload();
      await page.getByRole('heading', { level: 1, name: customers[0]!.name }).waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.evaluate("window.localStorage.getItem('appointflow.token')")).toBeNull();
    });
  });

  it('the pages raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
