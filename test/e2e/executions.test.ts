/**
 * Browser test of the executions inspector: an appointment booked through the API starts the
 * seeded reminders; the run is shown waiting on its wait node with the wake-up time and the
 * earlier (skipped) steps readable; once the wait fires, the whole path is drawn on the graph.
 */
import '../helpers/fresh-orm-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Browser, Page } from 'playwright-core';
import { createActivities } from '../../activities';
import { createLogger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { signup, type Loose, type SignedUp } from '../helpers/http';

const SHOTS = 'e2e-executions';
const REMINDERS = 'Reminders (24 h email, 2 h SMS)';
/** The 2 h reminder wakes this long after booking: long enough to see it wait, short enough to see it fire. */
const WAKE_IN_MS = 25_000;

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('the executions inspector', () => {
  let app: TestApp;
  let owner: SignedUp;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  let browser: Browser;
  let page: Page;
  let remindersId: string;
  let appointment: Loose;
  let runId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    const logger = createLogger({ level: 'warn', pretty: false });
    installTemporalRuntime(logger);
    connection = await NativeConnection.connect({ address: app.config.TEMPORAL_ADDRESS as string });
    worker = await Worker.create({
      connection,
      namespace: app.config.TEMPORAL_NAMESPACE,
      taskQueue: app.config.TEMPORAL_TASK_QUEUE,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ orm: app.orm, logger, messaging: { config: { quietHours: null } } }),
    });
    running = worker.run();

    owner = await signup(app.baseUrl, { businessName: 'Maple Street Grooming', timezone: 'America/New_York' });
    const automations = (await owner.api.get('/api/automations')).body.items as Loose[];
    remindersId = automations.find((a) => a.name === REMINDERS)!.id;
    const serviceId = (await owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 60, priceCents: 6500 })).body.id;
    const customerId = (
      await owner.api.post('/api/customers', { name: 'Priya Raman', phone: '+12125550142', email: 'priya@example.com', smsOptIn: true, emailOptIn: true })
    ).body.id;
    const booked = await owner.api.post('/api/appointments', {
      serviceId,
      customerId,
      startsAt: new Date(Date.now() + 2 * 3_600_000 + WAKE_IN_MS).toISOString(),
      override: true,
    });
    if (booked.status !== 201) throw new Error(`booking answered ${booked.status}: ${JSON.stringify(booked.body)}`);
    appointment = booked.body;

    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    await running?.catch(() => undefined);
    await connection?.close();
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

  it('lists the run, live, and filters by automation', async () => {
    await step('list', async () => {
      const run = await until(
        () => owner.api.get(`/api/executions?automationId=${remindersId}&appointmentId=${appointment.id}`).then((r) => r.body.items[0] as Loose),
        (r) => r?.status === 'waiting' && r.currentNodeId === 'w2',
      );
      runId = run.id;
      await page.goto(`/executions?automationId=${remindersId}`);
      const table = page.getByRole('table', { name: 'Executions' });
      const row = table.getByRole('row').filter({ hasText: REMINDERS });
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      expect(await row.first().innerText()).toContain('waiting');
      expect(await row.first().innerText()).toContain('w2');
      await saveScreenshot(page, SHOTS, '01-list');
    });
  });

  it('shows the run waiting on the 2 h wait with its wake-up time, earlier steps readable', async () => {
    await step('waiting', async () => {
      await page.getByRole('table', { name: 'Executions' }).getByRole('link', { name: REMINDERS }).click();
      await page.waitForURL(new RegExp(`/executions/${runId}$`));
      const wait = page.getByTestId('node-w2');
      await wait.waitFor();
      expect(await wait.getAttribute('class')).toContain('is-current');
      expect(await wait.innerText()).toMatch(/wakes/i);
      const wake = await page.getByTestId('run-wake').innerText();
      expect(wake).not.toBe('—');
      expect(await page.getByTestId('run-current').innerText()).toBe('2 h before');
      // Earlier steps: the 24 h wait was already past, so its email was skipped (not lost from view).
      expect(await page.getByTestId('node-email24').getAttribute('class')).toContain('is-skipped');
      const steps = page.getByTestId('run-step');
      expect(await steps.filter({ hasText: 'Reminder email' }).innerText()).toContain('skipped');
      await saveScreenshot(page, SHOTS, '02-waiting');
    });
  });

  it('after the wait fires, the path taken is highlighted through to the end', async () => {
    await step('completed', async () => {
      await until(
        () => owner.api.get(`/api/executions/${runId}`).then((r) => r.body as Loose),
        (r) => r.status === 'completed',
        WAKE_IN_MS + 60_000,
      );
      // The page polls: no reload needed.
      await page.locator('[data-status="completed"]').first().waitFor({ timeout: 15_000 });
      for (const id of ['t', 'w24', 'w2', 'sms2', 'end']) {
        expect(await page.getByTestId(`node-${id}`).getAttribute('class')).toMatch(/is-visited/);
      }
      expect(await page.locator('.react-flow__edge-path.is-taken').count()).toBe(5);
      const sms = page.getByTestId('run-step').filter({ hasText: 'Reminder SMS' });
      expect(await sms.innerText()).toContain('succeeded');
      await saveScreenshot(page, SHOTS, '03-completed');
    });
  });

  it('the pages raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
