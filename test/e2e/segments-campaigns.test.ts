/**
 * Browser test of segments and campaigns on the real stack (API, worker, PostgreSQL, Temporal, the
 * real twilio client against the fake Twilio API): a segment built from two conditions with its
 * live count and sample, saved; an A/B campaign to it created and sent from the UI, its progress
 * followed live to completion (sent, then delivered as Twilio's status callbacks arrive) and its
 * results per variant; the approved WhatsApp template set in the template editor and sent by a
 * WhatsApp campaign; a slower campaign paused and resumed from its page.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signTwilioWebhook, statusCallbackParams } from '../fakes/twilio-server';
import { launchBrowser, newPage, saveScreenshot, screenshotOnFailure } from '../helpers/browser';
import { campaign, createTemplate, launchCampaign, seedAudience, textsPerNumber, zoneAtLocalHour } from '../integration/campaign-stack';
import { waitFor } from '../integration/automation-harness';
import { type EngineStack, OUR_NUMBER, PUBLIC_URL, startEngineStack } from '../integration/engine-stack';

const SHOTS = 'e2e-segments-campaigns';

describe('segments and campaigns in the browser', () => {
  let stack: EngineStack;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let spring: string[];
  let springAll: string[];
  let autumn: string[];
  let segmentId: string;

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    stack = await startEngineStack({ businessName: 'Maple Grooming' });
    await createTemplate(stack, 'spring-a', 'Hi {{customer.firstName}}, 20% off this spring!');
    await createTemplate(stack, 'spring-b', 'Hello {{customer.firstName}}: spring grooming, book now.');
    const noon = zoneAtLocalHour(12);
    // 12 tagged spring (every 4th without marketing consent), 5 tagged autumn, 6 tagged neither.
    const springAudience = await seedAudience(stack, 12, { tag: 'spring', timezone: noon, noMarketingEvery: 4, phoneFrom: 3_100_000 });
    spring = springAudience.eligible;
    springAll = [...springAudience.eligible, ...springAudience.excluded];
    autumn = (await seedAudience(stack, 5, { tag: 'autumn', timezone: noon, phoneFrom: 3_200_000 })).eligible;
    await seedAudience(stack, 6, { tag: 'winter', timezone: noon, phoneFrom: 3_300_000 });
    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: stack.app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.stack ?? error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(stack.owner.token)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const step = screenshotOnFailure(() => page, SHOTS);

  const matchHeading = () => page.getByRole('region', { name: 'Matching customers' }).getByRole('heading');
  const samplePhones = async () => page.getByRole('region', { name: 'Matching customers' }).locator('tbody tr td:nth-child(2)').allInnerTexts();
  const figure = (label: string) => page.getByTestId(`campaign-figure-${label}`);

  it('builds a segment from two conditions with a live count and sample, and saves it', async () => {
    await step('segment', async () => {
      await page.goto('/segments');
      await page.getByRole('heading', { name: 'Segments' }).waitFor();
      const everyone = Number((await matchHeading().filter({ hasText: /customers? match/ }).innerText()).replace(/\D/g, ''));
      expect(everyone).toBeGreaterThanOrEqual(23);

      // Typed key by key as a person would: the comma and the space must survive.
      const tags = page.getByLabel('Has any of the tags');
      await tags.pressSequentially('spring, autumn');
      expect(await tags.inputValue()).toBe('spring, autumn');
      await matchHeading().filter({ hasText: '17 customers match' }).waitFor();
      const tagged = await samplePhones();
      expect(tagged).toHaveLength(10);
      expect(tagged.every((p) => [...springAll, ...autumn].includes(p))).toBe(true);

      await page.getByLabel('Marketing consent').selectOption('yes');
      await matchHeading().filter({ hasText: '14 customers match' }).waitFor();
      // The sample follows: only customers who agreed to marketing are left in it.
      const consenting = await waitFor(samplePhones, (phones) => phones.length === 10 && phones.every((p) => [...spring, ...autumn].includes(p)), 10_000);
      expect(consenting).toHaveLength(10);
      await saveScreenshot(page, SHOTS, '01-segment-preview');

      await page.getByLabel('Name').fill('Spring and autumn regulars');
      await page.getByRole('button', { name: 'Save segment' }).click();
      await page.getByRole('button', { name: 'Save changes' }).waitFor();
      await page.getByRole('complementary', { name: 'Saved segments' }).getByRole('button', { name: 'Spring and autumn regulars' }).waitFor();
      const saved = (await stack.owner.api.get('/api/segments')).body.items.find((s: { name: string }) => s.name === 'Spring and autumn regulars');
      expect(saved.filter).toEqual({ tags: { any: ['spring', 'autumn'] }, channels: { marketing: true } });
      segmentId = saved.id;
    });
  });

  it('sends an A/B campaign to the segment and follows its progress and results live', async () => {
    const id = await step('create-campaign', async () => {
      await page.goto('/campaigns');
      await page.getByRole('heading', { name: 'Campaigns' }).waitFor();
      await page.getByRole('button', { name: 'New campaign' }).click();
      const form = page.getByRole('region', { name: 'New campaign' });
      await form.getByLabel('Name').fill('Spring offer');
      await form.getByLabel('Segment').selectOption({ label: 'Spring and autumn regulars' });
      await form.getByLabel('Template').selectOption({ label: 'spring-a' });
      await form.getByLabel('A/B test').check();
      await form.getByLabel('Template, variant B').selectOption({ label: 'spring-b' });
      await form.getByLabel('Messages per second').fill('4');
      await form.getByRole('button', { name: 'Send now' }).click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: 'Spring offer' }).waitFor();
      return page.url().split('/').pop() as string;
    });

    await step('progress', async () => {
      // 14 texts at 4 a second: the page sees the sends climb before it sees them all.
      await page.locator('.campaign-status-running').waitFor();
      await figure('audience').filter({ hasText: '14' }).waitFor();
      await saveScreenshot(page, SHOTS, '02-campaign-running');
      await figure('sent').filter({ hasText: /^14/ }).waitFor({ timeout: 30_000 });
      await page.locator('.campaign-status-completed').waitFor({ timeout: 30_000 });
      expect(await figure('queued').innerText()).toMatch(/^0/);
      const counts = textsPerNumber(stack);
      for (const phone of [...spring, ...autumn]) expect(counts.get(phone)).toBe(1);
      expect(counts.size).toBe(14);
    });

    await step('delivered', async () => {
      // Twilio reports deliveries after the campaign is done: the page still picks them up.
      const sent = stack.twilio.messages.filter((m) => [...spring, ...autumn].includes(m.to));
      for (const m of sent.slice(0, 10)) {
        stack.twilio.setStatus(m.sid, 'delivered', { price: '-0.00790' });
        const params = statusCallbackParams({ accountSid: stack.twilio.accountSid, messageSid: m.sid, status: 'delivered', to: m.to, from: OUR_NUMBER });
        const url = '/api/webhooks/twilio/status';
        const res = await fetch(`${stack.app.baseUrl}${url}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signTwilioWebhook(stack.twilio.authToken, `${PUBLIC_URL}${url}`, params) },
          body: new URLSearchParams(params).toString(),
        });
        expect(res.status).toBeLessThan(300);
      }
      await figure('delivered').filter({ hasText: /^10/ }).waitFor({ timeout: 20_000 });
    });

    await step('results', async () => {
      const results = page.getByRole('region', { name: 'Results' });
      const total = results.locator('tbody tr').filter({ hasText: 'Total' });
      expect(await waitFor(() => total.innerText(), (text) => /^Total\s+14\s+14\s+10 /.test(text), 20_000)).toMatch(/^Total\s+14\s+14\s+10 \(71\.4%\)/);
      // Every recipient was in the test (100%): there is no winner left to choose.
      expect(await results.getByRole('button', { name: /as winner/ }).count()).toBe(0);
      const rows = await results.locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(3);
      const report = (await stack.owner.api.get(`/api/campaigns/${id}/report`)).body;
      const [a, b] = ['a', 'b'].map((v) => report.variants.find((r: { variant: string }) => r.variant === v));
      expect(a.recipients + b.recipients).toBe(14);
      expect(a.recipients).toBeGreaterThan(0);
      expect(b.recipients).toBeGreaterThan(0);
      expect(rows[0]).toMatch(new RegExp(`^a\\s+${a.recipients}\\s+${a.sent}\\s+${a.delivered}`));
      expect(rows[1]).toMatch(new RegExp(`^b\\s+${b.recipients}\\s+${b.sent}\\s+${b.delivered}`));
      // Variant b's texts are b's template, a's are a's.
      expect(stack.twilio.messages.filter((m) => m.body.startsWith('Hello ')).length).toBe(b.sent);
      expect(stack.twilio.messages.filter((m) => m.body.includes('20% off')).length).toBe(a.sent);
      await saveScreenshot(page, SHOTS, '03-campaign-results');

      await page.getByRole('link', { name: 'Campaigns' }).first().click();
      // The list fetched while the campaign was starting is not what comes back: it shows the outcome.
      const row = page.locator('tbody tr').filter({ hasText: 'Spring offer' });
      await row.filter({ hasText: 'completed' }).waitFor({ timeout: 10_000 });
      expect(await row.innerText()).toMatch(/Spring offer\s+completed\s+14/);
    });
  });

  it('takes the approved WhatsApp template in the template editor, and a WhatsApp campaign sends it', async () => {
    const sid = 'HX0123456789abcdef0123456789abcdef';
    const created = await stack.owner.api.post('/api/templates', { key: 'wa-spring', name: 'WA spring', channel: 'whatsapp', body: 'Hi {{customer.firstName}}, spring is here.' });
    expect(created.status).toBe(201);
    await step('content-sid', async () => {
      await page.goto(`/automations/templates/${created.body.id}`);
      await page.getByRole('heading', { name: 'WA spring' }).waitFor();
      const field = page.getByLabel('Approved template (Content SID)');
      await field.fill('HX-not-a-sid');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.locator('.field-error').filter({ hasText: 'Content SID' }).waitFor();
      expect((await stack.owner.api.get(`/api/templates/${created.body.id}`)).body.whatsappContentSid).toBeNull();
      await field.fill(sid);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByTestId('save-status').filter({ hasText: /Saved at/ }).waitFor();
      expect((await stack.owner.api.get(`/api/templates/${created.body.id}`)).body.whatsappContentSid).toBe(sid);
      await page.reload();
      expect(await page.getByLabel('Approved template (Content SID)').inputValue()).toBe(sid);
    });
    // Nobody in the segment wrote on WhatsApp: outside the 24 h window, each gets the approved template.
    const launched = await launchCampaign(stack, { name: 'WA spring', segmentId, ratePerSecond: 20, content: { channel: 'whatsapp', variants: [{ id: 'a', templateId: 'wa-spring' }] } });
    await waitFor(() => campaign(stack, launched.id), (c) => c.status === 'completed', 30_000);
    const sends = stack.twilio.sendRequests.filter((r) => String(r.form.To).startsWith('whatsapp:'));
    expect(sends.map((r) => String(r.form.To).slice('whatsapp:'.length)).sort()).toEqual([...spring, ...autumn].sort());
    expect(sends.every((r) => r.form.ContentSid === sid && r.form.Body === undefined)).toBe(true);
  }, 60_000);

  it('pauses and resumes a slower campaign from its page', async () => {
    const launched = await launchCampaign(stack, { name: 'Slow spring', segmentId, ratePerSecond: 2, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'spring-a' }] } });
    await step('pause', async () => {
      await page.goto(`/campaigns/${launched.id}`);
      await page.locator('.campaign-status-running').waitFor();
      await page.getByRole('button', { name: 'Pause' }).click();
      await page.locator('.campaign-status-paused').waitFor();
      await page.getByRole('button', { name: 'Resume' }).waitFor();
      const paused = await campaign(stack, launched.id);
      expect(paused.status).toBe('paused');
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const sentWhilePaused = (await campaign(stack, launched.id)).progress.sent;
      expect(sentWhilePaused).toBeLessThan(14);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await campaign(stack, launched.id)).progress.sent).toBe(sentWhilePaused);
      await saveScreenshot(page, SHOTS, '04-campaign-paused');
    });
    await step('resume', async () => {
      await page.getByRole('button', { name: 'Resume' }).click();
      await page.locator('.campaign-status-running').waitFor();
      await page.locator('.campaign-status-completed').waitFor({ timeout: 30_000 });
      await figure('sent').filter({ hasText: /^14/ }).waitFor();
      expect(pageErrors).toEqual([]);
    });
  }, 90_000);
});
