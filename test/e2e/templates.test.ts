/**
 * Browser test of the message template editor: the list with its system templates, `{{`
 * autocomplete from the run context's declared paths, an unknown variable refused at save and
 * shown on the field, the fix saved, the live preview (rendered text, SMS length, encoding and
 * parts), an email rendered in a sandboxed frame, and a delete refused while an automation sends
 * the template.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot, SCREENSHOT_DIR } from '../helpers/browser';
import { signup, type Loose, type SignedUp } from '../helpers/http';

const SHOTS = 'e2e-templates';
const FIXED = 'Reminder from {{tenant.name}}: {{service.name}} today at {{formatTime appointment.startsAt}}. See you, {{customer.firstName}}!';

describe('message template editor', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let page: Page;
  let reminder: Loose;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Paws & Claws', timezone: 'America/New_York' });
    const templates = await owner.api.get('/api/templates?limit=500');
    reminder = templates.body.items.find((t: Loose) => t.key === 'reminder-2h-sms');
    if (!reminder) throw new Error('the signup did not create reminder-2h-sms');
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

  async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await saveScreenshot(page, SHOTS, `failed-${name}`).catch(() => undefined);
      throw error;
    }
  }

  const body = () => page.getByRole('combobox', { name: 'Message' });
  const fieldError = () => page.locator('.tpl-body-field .field-error');

  it('lists the templates from the automations page, system ones marked', async () => {
    await step('list', async () => {
      await page.goto('/automations');
      await page.getByRole('link', { name: 'Message templates' }).click();
      await page.getByRole('heading', { name: 'Message templates' }).waitFor();
      const row = page.getByTestId('template-row-reminder-2h-sms');
      await row.waitFor();
      expect(await row.innerText()).toMatch(/Reminder 2 hours before \(SMS\)[\s\S]*System[\s\S]*reminder-2h-sms[\s\S]*SMS/);
      // The main navigation entries are unchanged; Automations stays current.
      const nav = page.getByRole('navigation').first();
      expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Dashboard', 'Calendar', 'Customers', 'Automations', 'Executions', 'Campaigns', 'Reports', 'Chat', 'Settings']);
      await saveScreenshot(page, SHOTS, '01-list');
    });
  });

  it('refuses an unknown variable on the field it is in, and saves once it is fixed', async () => {
    await step('unknown-variable', async () => {
      await page.getByRole('link', { name: 'Reminder 2 hours before (SMS)' }).click();
      await page.getByRole('heading', { name: 'Reminder 2 hours before (SMS)' }).waitFor();
      expect(await body().inputValue()).toBe(reminder.body);
      // The preview renders the saved text against the sample appointment.
      await page.getByTestId('preview-body').filter({ hasText: 'Paws & Claws' }).waitFor();

      await body().fill('Hi {{customer.favouriteColor}}, see you at {{formatTime appointment.startsAt}}');
      // The live preview already says what saving would refuse.
      await page.getByTestId('preview-problems').filter({ hasText: 'customer.favouriteColor' }).waitFor();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await fieldError().waitFor();
      expect(await fieldError().innerText()).toContain('"customer.favouriteColor" is not in the run context');
      expect(await page.getByTestId('save-error').innerText()).toMatch(/Not saved[\s\S]*cannot be saved/);
      expect(await body().getAttribute('aria-invalid')).toBe('true');
      await saveScreenshot(page, SHOTS, '02-unknown-variable');
      expect((await owner.api.get(`/api/templates/${reminder.id}`)).body.body).toBe(reminder.body);
    });

    await step('autocomplete', async () => {
      // Typing `{{` offers the declared context paths; Enter inserts the highlighted one.
      await body().fill('Reminder from ');
      await body().press('End');
      await body().pressSequentially('{{tenant.na');
      expect(await fieldError().count()).toBe(0);
      const list = page.getByRole('listbox', { name: 'Variables' });
      await list.waitFor();
      expect(await list.getByRole('option').first().innerText()).toContain('tenant.name');
      await saveScreenshot(page, SHOTS, '03-autocomplete');
      await body().press('Enter');
      await list.waitFor({ state: 'detached' });
      expect(await body().inputValue()).toBe('Reminder from {{tenant.name}}');
    });

    await step('fixed', async () => {
      await body().fill(FIXED);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByTestId('save-status').filter({ hasText: /Saved at/ }).waitFor();
      expect(await fieldError().count()).toBe(0);
      expect(await page.getByTestId('save-error').count()).toBe(0);
      expect((await owner.api.get(`/api/templates/${reminder.id}`)).body.body).toBe(FIXED);
    });
  });

  it('previews the rendered text with its length, encoding and parts as you type', async () => {
    await step('preview', async () => {
      const preview = page.getByTestId('preview-body');
      await preview.filter({ hasText: 'See you, Alex!' }).waitFor();
      const rendered = await preview.innerText();
      expect(rendered).toMatch(/^Reminder from Paws & Claws: Full groom today at \d{1,2}:00\s[AP]M\. See you, Alex!$/);
      const meter = page.getByTestId('sms-meter');
      await meter.filter({ hasText: `${rendered.length} characters` }).waitFor();
      expect(await page.getByTestId('sms-encoding').innerText()).toBe('GSM-7');
      expect(await page.getByTestId('sms-segments').innerText()).toBe('1 part');
      await saveScreenshot(page, SHOTS, '04-preview-sms');

      // A curly apostrophe switches the whole text to UCS-2: 70 characters a part, so it needs two.
      const long = `We’ve got you down for {{service.name}} with {{staff.name}} at {{formatTime appointment.startsAt}}, {{customer.firstName}}. Reply C to confirm.`;
      await body().fill(long);
      await page.getByTestId('sms-encoding').filter({ hasText: 'UCS-2' }).waitFor();
      expect(await page.getByTestId('sms-segments').innerText()).toBe('2 parts');
      expect(await page.getByTestId('sms-non-gsm').innerText()).toContain('’');
      expect(await preview.innerText()).toContain('with Jamie Rivera');
      await saveScreenshot(page, SHOTS, '05-preview-ucs2');
      await page.getByRole('button', { name: 'Discard changes' }).click();
      expect(await body().inputValue()).toBe(FIXED);
    });
  });

  it('creates an email template, previews it in a sandboxed frame, and deletes it', async () => {
    await step('email', async () => {
      await page.goto('/automations/templates/new');
      await page.getByRole('heading', { name: 'New message template' }).waitFor();
      await page.getByLabel('Name').fill('Spa day offer');
      expect(await page.getByLabel('Key').inputValue()).toBe('spa-day-offer');
      await page.getByLabel('Channel').selectOption('email');
      await page.getByRole('combobox', { name: 'Subject' }).fill('A treat for {{customer.firstName}} <3');
      await body().fill('Hi {{customer.firstName}},\n\nBook a spa day: {{bookingLink}}\n\n{{tenant.name}}');
      const frame = page.frameLocator('iframe[title="Email preview"]');
      await frame.locator('body').filter({ hasText: 'Book a spa day' }).waitFor();
      expect(await page.getByTestId('preview-subject').innerText()).toBe('A treat for Alex <3');
      expect(await page.locator('iframe[title="Email preview"]').getAttribute('sandbox')).toBe('');
      const link = frame.locator('a');
      expect(await link.getAttribute('href')).toMatch(/\/book\//);
      expect(await frame.locator('body').innerText()).toContain('Paws & Claws');
      expect(await page.getByTestId('sms-meter').count()).toBe(0);
      // Headless Chromium leaves out-of-process frames blank in full-page captures: this one is the viewport.
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, SHOTS, '06-email-preview.png') });

      await page.getByRole('button', { name: 'Create template' }).click();
      await page.getByRole('heading', { name: 'Spa day offer' }).waitFor();
      await page.getByTestId('save-status').filter({ hasText: /Saved at/ }).waitFor();
      const created = (await owner.api.get('/api/templates?q=spa-day-offer')).body.items[0];
      expect(created).toMatchObject({ key: 'spa-day-offer', channel: 'email', subject: 'A treat for {{customer.firstName}} <3', system: false });

      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('heading', { name: 'Message templates' }).waitFor();
      await page.getByTestId('template-row-reminder-2h-sms').waitFor();
      expect(await page.getByTestId('template-row-spa-day-offer').count()).toBe(0);
    });
  });

  it('explains why a template an automation sends cannot be deleted', async () => {
    await step('in-use', async () => {
      page.once('dialog', (dialog) => void dialog.accept());
      await page.getByRole('button', { name: 'Delete Reminder 2 hours before (SMS)' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'not deleted' });
      await alert.waitFor();
      expect(await alert.innerText()).toMatch(/reminder-2h-sms[\s\S]*is used by/);
      await saveScreenshot(page, SHOTS, '07-in-use');
      expect((await owner.api.get(`/api/templates/${reminder.id}`)).status).toBe(200);
      expect(pageErrors).toEqual([]);
    });
  });
});
