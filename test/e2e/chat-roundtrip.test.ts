/**
 * Browser test of live chat: a customer in the portal and the business in the admin, in two
 * browser contexts, exchange messages without reloading; each sees the other typing and the
 * read receipt of their own message; a photo sent from the portal shows up in the admin.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { type SignedUp, signup } from '../helpers/http';
import { portalSignIn, tinyPng as png } from '../integration/live-helpers';

const SHOTS = 'e2e-chat';

describe('live chat between the portal and the admin', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let admin: Page;
  let customer: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Wag & Wash' });
    await owner.api.post('/api/customers', { name: 'Jamie Chat', email: 'jamie.chat@example.com', emailOptIn: true });
    const portalToken = await portalSignIn({ baseUrl: app.baseUrl, orm: app.orm, tenantId: owner.tenant.id, slug: owner.tenant.slug, email: 'jamie.chat@example.com' });
    browser = await launchBrowser();
    admin = await newPage(browser, { baseURL: app.baseUrl });
    customer = await newPage(browser, { baseURL: app.baseUrl });
    for (const page of [admin, customer]) page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    await admin.goto('/login');
    await admin.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
    await customer.goto('/portal/login');
    await customer.evaluate(`window.localStorage.setItem('appointflow.portal.token', ${JSON.stringify(portalToken)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await saveScreenshot(admin, SHOTS, `failed-${name}-admin`).catch(() => undefined);
      await saveScreenshot(customer, SHOTS, `failed-${name}-portal`).catch(() => undefined);
      if (pageErrors.length) throw new Error(`${String(error)}\npage errors: ${pageErrors.join('\n')}`);
      throw error;
    }
  };

  /**
   * Types like a person until the other side shows the typing indicator: a keystroke made while
   * a socket is still connecting is not announced, the next ones are.
   */
  const typeUntilSeen = async (input: Locator, indicator: Locator, text: string) => {
    const deadline = Date.now() + 20_000;
    await input.pressSequentially(text, { delay: 30 });
    while (!(await indicator.isVisible())) {
      if (Date.now() > deadline) throw new Error('the typing indicator never appeared');
      await input.press('.');
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  };

  it('round-trips a message with typing indicators and read receipts, live on both sides', async () => {
    await step('open', async () => {
      await admin.goto('/chat');
      await admin.locator('.live-bell[data-live-status="open"]').waitFor({ timeout: 15_000 });
      await admin.getByText('No conversations yet.').waitFor();
      await customer.goto('/portal');
      await customer.getByRole('link', { name: 'Messages' }).click();
      await customer.getByTestId('chat-thread').waitFor();
      await customer.getByText('No messages yet. Say hello to Wag & Wash.').waitFor();
    });

    await step('customer-writes', async () => {
      await customer.getByTestId('chat-input').fill('Hi! Can Biscuit come in an hour early tomorrow?');
      await customer.getByTestId('chat-send').click();
      await customer.getByTestId('chat-message').filter({ hasText: 'Biscuit' }).waitFor();
      expect(await customer.getByTestId('chat-receipt').innerText()).toBe('Sent');
      // The admin's inbox fills in on its own, with the unread count and the bell.
      const item = admin.getByTestId('chat-inbox-item').filter({ hasText: 'Jamie Chat' });
      await item.waitFor({ timeout: 10_000 });
      expect(await item.innerText()).toContain('Biscuit');
      await admin.getByTestId('live-bell-count').waitFor();
      await item.click();
      await admin.getByTestId('chat-message').filter({ hasText: 'Biscuit' }).waitFor();
    });

    await step('read-receipt-to-customer', async () => {
      // Opening the thread read it: the customer's receipt turns to Read without a reload.
      await customer.locator('[data-testid="chat-receipt"][data-read="true"]').waitFor({ timeout: 10_000 });
      expect(await customer.getByTestId('chat-receipt').innerText()).toBe('Read');
    });

    await step('admin-types', async () => {
      await typeUntilSeen(admin.getByTestId('chat-input'), customer.getByTestId('chat-typing'), 'Sure');
      expect(await customer.getByTestId('chat-typing').innerText()).toMatch(/is typing…$/);
      await saveScreenshot(customer, SHOTS, '01-portal-sees-typing');
      await admin.getByTestId('chat-input').fill('Sure — we open at 8, see you then!');
      await admin.getByTestId('chat-send').click();
      await customer.getByTestId('chat-message').filter({ hasText: 'we open at 8' }).waitFor({ timeout: 10_000 });
      await customer.getByTestId('chat-typing').waitFor({ state: 'detached' });
      // The customer has the thread open, so the reply is read and the admin sees it.
      await admin.locator('[data-testid="chat-receipt"][data-read="true"]').waitFor({ timeout: 10_000 });
      expect(await admin.getByTestId('chat-receipt').innerText()).toBe('Read');
    });

    await step('customer-types-and-attaches', async () => {
      await typeUntilSeen(customer.getByTestId('chat-input'), admin.getByTestId('chat-typing'), 'Here');
      expect(await admin.getByTestId('chat-typing').innerText()).toBe('Jamie Chat is typing…');
      await customer.getByTestId('chat-input').fill('Here is the rash I mentioned');
      await customer.getByTestId('chat-file').setInputFiles({ name: 'rash.png', mimeType: 'image/png', buffer: png });
      await customer.getByTestId('chat-send').click();
      const photo = admin.getByTestId('chat-message').filter({ hasText: 'rash I mentioned' });
      await photo.waitFor({ timeout: 10_000 });
      const image = photo.locator('img[alt="rash.png"]');
      await image.waitFor({ timeout: 10_000 });
      // Loaded, not a broken-image placeholder.
      const width = await image.evaluate(
        (img: { complete: boolean; naturalWidth: number; onload: (() => void) | null }) =>
          new Promise<number>((resolve) => (img.complete ? resolve(img.naturalWidth) : (img.onload = () => resolve(img.naturalWidth)))),
      );
      expect(width).toBe(1);
      await saveScreenshot(admin, SHOTS, '02-admin-thread');
      await saveScreenshot(customer, SHOTS, '03-portal-thread');
    });

    expect(pageErrors).toEqual([]);
  }, 120_000);
});
