/**
 * The Import page in the browser: choose the kind, upload a CSV, read the preview table (the
 * rows with errors by line, column and reason), see the import button held back until the bad
 * rows are skipped, import, and watch the progress end in the outcome.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Customer } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { type SignedUp, signup } from '../helpers/http';

const SHOTS = 'import-ui';
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

test('upload, preview with per-row errors, skip the bad rows, import with progress', async () => {
  const file = path.join(await fs.promises.mkdtemp(path.join(os.tmpdir(), 'import-ui-')), 'clients.csv');
  await fs.promises.writeFile(file, ['name,email,phone', 'Uma Ok,uma@example.com,+12125550111', 'Vic Bad,vic-at-example,', 'Wes Ok,wes@example.com,'].join('\n'));
  try {
    await page.goto('/imports');
    await page.getByRole('heading', { name: 'Import', exact: true }).waitFor();
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: 'Preview' }).click();

    const errors = page.getByRole('table', { name: 'Rows with errors' });
    await errors.waitFor();
    expect(await errors.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^3\s+email\s+"vic-at-example" is not an email address$/)]);
    expect(await page.getByRole('table', { name: 'Rows to import' }).locator('tbody tr').count()).toBe(2);
    const importButton = page.getByRole('button', { name: /^Import/ });
    expect(await importButton.isDisabled()).toBe(true);
    await saveScreenshot(page, SHOTS, 'preview');

    await page.getByLabel('Skip the row with errors').check();
    expect(await importButton.isDisabled()).toBe(false);
    await importButton.click();
    await page.getByText('Import complete').waitFor({ timeout: 30_000 });
    expect(await page.getByText('2 customers imported; 1 row with errors was left out.').count()).toBe(1);
    await saveScreenshot(page, SHOTS, 'done');

    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: owner.tenant.id });
    expect((await em.find(Customer, {}, { orderBy: { name: 'asc' } })).map((c) => c.name)).toEqual(['Uma Ok', 'Wes Ok']);
    expect(pageErrors).toEqual([]);
  } finally {
    await fs.promises.rm(path.dirname(file), { recursive: true, force: true });
  }
});
