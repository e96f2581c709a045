/**
 * Component tests of every step form, in the browser: each node type is added from the
 * palette, given input its zod schema refuses (the form says why), then valid input (the
 * error goes and the card's sentence follows).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { signup, type SignedUp } from '../helpers/http';

const SHOTS = 'e2e-builder-forms';

interface FormCase {
  type: string;
  invalid(form: Locator): Promise<unknown>;
  error: RegExp;
  valid(form: Locator): Promise<unknown>;
  sentence: RegExp;
}

const label = (form: Locator) => form.getByLabel('Label', { exact: true });
const tooLong = 'x'.repeat(121);

/** Forms whose fields cannot hold a wrong value still have the label, which has a limit. */
const labelCase = (type: string, sentence: RegExp): FormCase => ({
  type,
  invalid: (form) => label(form).fill(tooLong),
  error: /120|too big|too long/i,
  valid: (form) => label(form).fill('Named step'),
  sentence,
});

const CASES: FormCase[] = [
  {
    type: 'trigger',
    invalid: async (form) => {
      await form.getByLabel('Starts when').selectOption('schedule');
      await form.getByLabel('Cron').fill('every morning');
    },
    error: /five-field cron/,
    valid: (form) => form.getByLabel('Cron').fill('0 9 * * *'),
    sentence: /Run every day at 09:00/,
  },
  {
    type: 'wait',
    invalid: async (form) => {
      await form.getByLabel('Wait', { exact: true }).selectOption('duration');
      await form.getByLabel('Length amount').fill('0');
    },
    error: /positive duration/,
    valid: (form) => form.getByLabel('Length amount').fill('2'),
    sentence: /^Wait 2 h$/,
  },
  {
    type: 'waitForEvent',
    invalid: (form) => form.getByLabel('Message received').uncheck(),
    error: /at least one event/,
    valid: (form) => form.getByLabel('Appointment checked in').check(),
    sentence: /Wait for a check-in for up to 12 h/,
  },
  {
    type: 'condition',
    invalid: async (form) => {
      await form.getByRole('button', { name: 'Edit as JSON' }).click();
      await form.getByLabel('Take the Yes exit if (JSON Logic)').fill('{"eval": ["process.exit()"]}');
    },
    error: /Invalid JSON Logic rule/,
    valid: (form) => form.getByLabel('Take the Yes exit if (JSON Logic)').fill('{"==": [{"var": "appointment.status"}, "confirmed"]}'),
    sentence: /If appointment status is confirmed/,
  },
  {
    type: 'split',
    invalid: (form) => form.getByLabel('Variant 2 id').fill('a'),
    error: /used twice/,
    valid: (form) => form.getByLabel('Variant 2 id').fill('b'),
    sentence: /A 50% \/ B 50%/,
  },
  {
    type: 'sendSms',
    invalid: (form) => form.getByRole('combobox', { name: 'Template' }).fill('   '),
    error: /Choose a template/,
    valid: (form) => form.getByRole('combobox', { name: 'Template' }).fill('reminder-2h-sms'),
    sentence: /Send SMS: Reminder 2 hours before/,
  },
  {
    type: 'sendWhatsApp',
    invalid: (form) => form.getByRole('combobox', { name: 'Template' }).fill(''),
    error: /Choose a template|required|expected string/i,
    valid: (form) => form.getByRole('combobox', { name: 'Template' }).fill('reminder-2h-sms'),
    sentence: /Send WhatsApp: Reminder 2 hours before/,
  },
  {
    type: 'sendEmail',
    invalid: (form) => form.getByRole('combobox', { name: 'Template' }).fill('nope-not-a-template'),
    error: /does not exist/,
    valid: (form) => form.getByRole('combobox', { name: 'Template' }).fill('reminder-24h-email'),
    sentence: /Send email: Reminder 24 hours before/,
  },
  {
    type: 'updateAppointment',
    invalid: (form) => form.getByLabel('New status').selectOption(''),
    error: /expected one of|invalid/i,
    valid: (form) => form.getByLabel('New status').selectOption('confirmed'),
    sentence: /Mark the appointment confirmed/,
  },
  {
    type: 'chargeNoShowFee',
    invalid: (form) => form.getByLabel('Amount', { exact: true }).fill('25, 35'),
    error: /exactly one amount/,
    valid: (form) => form.getByLabel('Amount', { exact: true }).fill('25'),
    sentence: /no-show fee of 25.00/,
  },
  {
    type: 'adjustReputation',
    invalid: (form) => form.getByLabel('Change').fill('0'),
    error: /must not be zero/,
    valid: (form) => form.getByLabel('Change').fill('5'),
    sentence: /Raise the customer's reputation by 5/,
  },
  labelCase('syncCalendar', /Put the appointment on staff calendars/),
  labelCase('createMeeting', /Create a Google Meet meeting link/),
  {
    type: 'notifyWaitlist',
    invalid: (form) => form.getByLabel('People to notify').fill('0'),
    error: />=1|too small|at least/i,
    valid: (form) => form.getByLabel('People to notify').fill('3'),
    sentence: /waitlist \(up to 3\)/,
  },
  {
    type: 'notifyStaff',
    invalid: (form) => form.getByRole('combobox', { name: 'Message' }).fill(''),
    error: />=1|too small|at least|exactly one/i,
    valid: (form) => form.getByRole('combobox', { name: 'Message' }).fill('{{customer.name}} has not confirmed'),
    sentence: /Notify staff: “\{\{customer.name\}\} has not confirmed”/,
  },
  {
    type: 'webhook',
    invalid: (form) => form.getByRole('combobox', { name: 'URL' }).fill('ftp://example.com'),
    error: /http\(s\) URL/,
    valid: (form) => form.getByRole('combobox', { name: 'URL' }).fill('https://hooks.example.com/booked'),
    sentence: /Call POST hooks.example.com\/booked/,
  },
  {
    type: 'setVariable',
    invalid: (form) => form.getByLabel('Variable name').fill('1st'),
    error: /letters, digits and _/,
    valid: (form) => form.getByLabel('Variable name').fill('nudged'),
    sentence: /Set nudged to true/,
  },
  {
    type: 'addTag',
    invalid: (form) => form.getByRole('textbox', { name: 'Tag' }).fill(' '),
    error: /Give a tag/,
    valid: (form) => form.getByRole('textbox', { name: 'Tag' }).fill('vip'),
    sentence: /Tag the customer “vip”/,
  },
  {
    type: 'removeTag',
    invalid: (form) => form.getByRole('textbox', { name: 'Tag' }).fill(''),
    error: /Give a tag/,
    valid: (form) => form.getByRole('textbox', { name: 'Tag' }).fill('late-payer'),
    sentence: /Remove the tag “late-payer”/,
  },
  {
    type: 'goal',
    invalid: async (form) => {
      await form.getByRole('button', { name: 'Edit as JSON' }).click();
      await form.getByLabel('The run stops once (JSON Logic)').fill('{"var": ["__proto__"]}');
    },
    error: /Invalid JSON Logic rule/,
    valid: (form) => form.getByLabel('The run stops once (JSON Logic)').fill('{"==": [{"var": "appointment.status"}, "cancelled"]}'),
    sentence: /Stop as soon as appointment status is cancelled/,
  },
  labelCase('end', /End the run/),
];

describe('every step form, valid and invalid input', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: 'America/New_York' });
    const created = await owner.api.post('/api/automations', { name: 'Form workbench' });
    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
    await page.goto(`/automations/${created.body.id}`);
    await page.getByTestId('node-trigger').waitFor();
    // Template keys are checked against the business's templates: wait until they are known.
    await page.waitForResponse((res) => res.url().includes('/api/templates'), { timeout: 10_000 }).catch(() => undefined);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it.each(CASES.map((c) => [c.type, c] as const))('%s', async (type, c) => {
    try {
      if (type === 'trigger') {
        await page.getByTestId('node-trigger').click({ position: { x: 40, y: 12 } });
      } else {
        await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
        await page.getByRole('complementary', { name: 'Steps' }).locator(`[data-node-type="${type}"]`).click();
      }
      const form = page.getByTestId('node-inspector');
      await form.waitFor();
      await c.invalid(form);
      const error = form.locator('.field-error').filter({ hasText: c.error });
      await error.first().waitFor({ timeout: 5_000 });
      expect(await form.getAttribute('data-testid')).toBe('node-inspector');
      await c.valid(form);
      await form.locator('.field-error').first().waitFor({ state: 'detached', timeout: 5_000 });
      expect(await form.locator('.inspector-sentence').innerText()).toMatch(c.sentence);
      const nodeId = type === 'end' ? 'end-2' : type; // the blank automation already has "trigger" and "end"
      expect(await page.getByTestId(`node-${nodeId}`).locator('.flow-node-sentence').innerText()).toMatch(c.sentence);
    } catch (error) {
      await saveScreenshot(page, SHOTS, `failed-${type}`).catch(() => undefined);
      throw error;
    }
  });

  it('the forms raised no script errors', async () => {
    await saveScreenshot(page, SHOTS, 'all-steps');
    expect(pageErrors).toEqual([]);
  });
});
