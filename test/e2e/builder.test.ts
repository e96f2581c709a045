/**
 * Browser test of the automation builder: the "24 h email + 2 h SMS reminder" automation is
 * drawn from the palette by drag and drop, configured through the step forms, wired handle to
 * handle, shown broken while an exit is loose, fixed, undone and redone, published, previewed
 * on the timeline (with a what-if reschedule), and exported then imported unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, newPage, saveScreenshot } from '../helpers/browser';
import { signup, type Loose, type SignedUp } from '../helpers/http';

const SHOTS = 'e2e-builder';
const NAME = '24 h email + 2 h SMS reminder';

/** The definition the builder must save, positions aside. */
const EXPECTED = {
  schemaVersion: 1,
  name: NAME,
  trigger: { event: 'appointment.booked' },
  nodes: {
    trigger: { type: 'trigger', data: {} },
    end: { type: 'end', data: {} },
    wait: { type: 'wait', data: { label: '24 h before', until: { anchor: 'appointment.startsAt', offset: '-PT24H' }, ifPast: 'skip' } },
    sendEmail: { type: 'sendEmail', data: { label: '24 h reminder', templateId: 'reminder-24h-email', attachIcs: true } },
    'wait-2': { type: 'wait', data: { label: '2 h before', until: { anchor: 'appointment.startsAt', offset: '-PT2H' }, ifPast: 'skip' } },
    sendSms: { type: 'sendSms', data: { label: '2 h reminder', templateId: 'reminder-2h-sms' } },
  },
  edges: ['trigger/next/wait', 'wait/next/sendEmail', 'sendEmail/next/wait-2', 'wait-2/next/sendSms', 'sendSms/next/end'].sort(),
};

function shape(definition: Loose) {
  return {
    schemaVersion: definition.schemaVersion,
    name: definition.name,
    trigger: definition.trigger,
    nodes: Object.fromEntries(definition.nodes.map((n: Loose) => [n.id, { type: n.type, data: n.data }])),
    edges: definition.edges.map((e: Loose) => `${e.source}/${e.sourceHandle ?? 'next'}/${e.target}`).sort(),
  };
}

describe('the automation builder', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let page: Page;
  let automationId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Maple Street Grooming', timezone: 'America/New_York' });
    browser = await launchBrowser();
    page = await newPage(browser, { baseURL: app.baseUrl });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
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

  const node = (id: string): Locator => page.getByTestId(`node-${id}`);
  const publishButton = () => page.getByRole('button', { name: 'Publish', exact: true });
  const inspector = () => page.getByTestId('node-inspector');

  async function draft(): Promise<Loose> {
    await page.getByTestId('save-state').filter({ hasText: 'All changes saved' }).waitFor({ timeout: 10_000 });
    const res = await owner.api.get(`/api/automations/${automationId}`);
    return res.body.draft;
  }

  /** Drags a palette entry onto the canvas at a point relative to the canvas' top-left corner. */
  async function dropFromPalette(type: string, at: { x: number; y: number }): Promise<void> {
    const item = page.getByRole('complementary', { name: 'Steps' }).locator(`[data-node-type="${type}"]`);
    await item.dragTo(page.locator('.react-flow__pane'), { targetPosition: at });
  }

  /** Draws an edge from a node's named exit to another node, the way a person drags it. */
  async function connect(source: string, exit: string, target: string): Promise<void> {
    const from = page.locator(`.react-flow__handle.source[data-nodeid="${source}"][data-handleid="${exit}"]`);
    const to = page.locator(`.react-flow__handle.target[data-nodeid="${target}"]`);
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.locator(`.react-flow__edge[data-id^="${source}-${exit}-${target}"], [data-testid="rf__edge-${source}-${exit}-${target}"]`).first().waitFor();
  }

  async function fitView(): Promise<void> {
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.waitForTimeout(350);
  }

  async function selectNode(id: string): Promise<void> {
    await fitView();
    await node(id).click({ position: { x: 40, y: 12 } });
    await page.getByRole('tab', { name: 'Step', exact: true }).click();
    await inspector().waitFor();
  }

  it('lists the automations every business starts with', async () => {
    await step('list', async () => {
      await page.goto('/automations');
      const table = page.getByRole('table', { name: 'Automations' });
      for (const name of ['Booking confirmation', 'Reminders (24 h email, 2 h SMS)', 'No-show defense']) {
        await table.getByRole('row').filter({ hasText: name }).waitFor();
      }
      expect(await table.getByRole('row').filter({ hasText: 'Booking confirmation' }).getByText('active').isVisible()).toBe(true);
      await saveScreenshot(page, SHOTS, '01-list');
    });
  });

  it('creates a blank automation and builds the reminders from the palette', async () => {
    await step('build', async () => {
      await page.getByRole('button', { name: 'New automation' }).click();
      await page.getByRole('button', { name: /^Blank/ }).click();
      await page.waitForURL(/\/automations\/[0-9a-f-]{36}$/);
      automationId = page.url().split('/').pop()!;
      await node('trigger').waitFor();
      await page.getByRole('textbox', { name: 'Automation name' }).fill(NAME);

      await dropFromPalette('wait', { x: 120, y: 120 });
      await node('wait').waitFor();
      await inspector().getByLabel('Label', { exact: true }).fill('24 h before');
      await dropFromPalette('sendEmail', { x: 120, y: 260 });
      await node('sendEmail').waitFor();
      await inspector().getByLabel('Label', { exact: true }).fill('24 h reminder');
      await inspector().getByRole('combobox', { name: 'Template' }).fill('reminder-24h-email');
      await inspector().getByLabel('Attach a calendar invitation (.ics)').check();
      await dropFromPalette('wait', { x: 420, y: 120 });
      await node('wait-2').waitFor();
      await inspector().getByLabel('Label', { exact: true }).fill('2 h before');
      await inspector().getByLabel('Until: offset amount').fill('2');
      await dropFromPalette('sendSms', { x: 420, y: 260 });
      await node('sendSms').waitFor();
      await inspector().getByLabel('Label', { exact: true }).fill('2 h reminder');
      await inspector().getByRole('combobox', { name: 'Template' }).fill('reminder-2h-sms');

      // The new steps read as sentences.
      expect(await node('wait').innerText()).toContain('Wait until 24 h before the appointment');
      expect(await node('wait-2').innerText()).toContain('Wait until 2 h before the appointment');
      expect(await node('sendSms').innerText()).toContain('Send SMS: Reminder 2 hours before');

      // Lay the loose steps out side by side, then wire them handle to handle.
      await page.getByRole('button', { name: 'Auto layout' }).click();
      await page.waitForTimeout(400);
      await connect('trigger', 'next', 'wait');
      await connect('wait', 'next', 'sendEmail');
      await connect('sendEmail', 'next', 'wait-2');
      await connect('wait-2', 'next', 'sendSms');
      await page.getByRole('button', { name: 'Auto layout' }).click();
      await page.waitForTimeout(400);
      await saveScreenshot(page, SHOTS, '02-built-one-exit-loose');
    });
  });

  it('shows the unwired exit on its node and keeps Publish disabled until it is wired', async () => {
    await step('loose-exit', async () => {
      const problem = node('sendSms').locator('.flow-node-problem');
      await problem.waitFor();
      expect(await problem.innerText()).toMatch(/leads nowhere/);
      expect(await node('sendSms').getAttribute('class')).toContain('has-problems');
      expect(await publishButton().isDisabled()).toBe(true);

      // The problem list names it and jumps to it.
      await page.getByRole('tab', { name: /Problems/ }).click();
      const item = page.getByRole('list', { name: 'Problems' }).getByRole('button').filter({ hasText: '2 h reminder' }).filter({ hasText: 'leads nowhere' });
      expect(await item.count()).toBeGreaterThan(0);
      await item.first().click();
      await inspector().waitFor();
      expect(await inspector().innerText()).toContain('Send SMS');
      await page.waitForTimeout(400);
      await saveScreenshot(page, SHOTS, '03-problem-on-node');

      await fitView();
      await connect('sendSms', 'next', 'end');
      await page.getByRole('tab', { name: /Problems/ }).click();
      await page.getByText('No problems.').waitFor();
      await page.getByText('checked by the server', { exact: false }).or(page.getByText('The server checked this draft')).first().waitFor();
      await publishButton().and(page.locator(':enabled')).waitFor();
      expect(shape(await draft())).toEqual(EXPECTED);
    });
  });

  it('undo and redo across five edits restore the exact saved states', async () => {
    await step('undo-redo', async () => {
      const states: Loose[] = [await draft()];
      // 1: a text field (one canvas step however many keystrokes)
      await selectNode('sendSms');
      await inspector().getByLabel('Label', { exact: true }).fill('2 h reminder (text)');
      states.push(await draft());
      // 2: a checkbox
      await selectNode('sendEmail');
      await inspector().getByLabel('Attach a calendar invitation (.ics)').uncheck();
      states.push(await draft());
      // 3: a new step from the palette (click adds it)
      await page.getByRole('complementary', { name: 'Steps' }).locator('[data-node-type="addTag"]').click();
      await node('addTag').waitFor();
      states.push(await draft());
      // 4: auto layout moves every step
      await page.getByRole('button', { name: 'Auto layout' }).click();
      states.push(await draft());
      // 5: delete the new step with the keyboard
      await selectNode('addTag');
      await page.keyboard.press('Delete');
      await node('addTag').waitFor({ state: 'detached' });
      states.push(await draft());
      expect(new Set(states.map((s) => JSON.stringify(s))).size).toBe(6);

      for (let i = 4; i >= 0; i -= 1) {
        if (i % 2 === 0) await page.getByRole('button', { name: 'Undo', exact: true }).click();
        else {
          await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
          await page.keyboard.press('Control+z');
        }
        expect(await draft()).toEqual(states[i]);
      }
      for (let i = 1; i <= 5; i += 1) {
        if (i % 2 === 0) await page.getByRole('button', { name: 'Redo', exact: true }).click();
        else await page.keyboard.press('Control+Shift+z');
        expect(await draft()).toEqual(states[i]);
      }
      // Back to the definition to publish: undo the five edits again.
      for (let i = 0; i < 5; i += 1) await page.getByRole('button', { name: 'Undo', exact: true }).click();
      expect(shape(await draft())).toEqual(EXPECTED);
      await saveScreenshot(page, SHOTS, '04-after-undo');
    });
  });

  it('publishes, and the published version equals the expected definition', async () => {
    await step('publish', async () => {
      await publishButton().click();
      await page.getByText('Published version 1.').waitFor();
      const versions = await owner.api.get(`/api/automations/${automationId}/versions`);
      expect(versions.body.items).toHaveLength(1);
      expect(shape(versions.body.items[0].definition)).toEqual(EXPECTED);
      const automation = await owner.api.get(`/api/automations/${automationId}`);
      expect(automation.body).toMatchObject({ status: 'active', publishedVersion: 1 });
      await page.getByRole('tab', { name: 'History' }).click();
      await page.getByRole('list', { name: 'Versions' }).getByText('v1', { exact: true }).waitFor();
      await saveScreenshot(page, SHOTS, '05-published-history');
    });
  });

  it('previews the two sends at the right times, and at the moved times after a what-if reschedule', async () => {
    await step('timeline', async () => {
      const zone = 'America/New_York';
      const start = DateTime.now().setZone(zone).plus({ days: 3 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
      await page.getByRole('tab', { name: 'Preview' }).click();
      const timeline = page.getByRole('list', { name: 'Timeline' });
      const sends = timeline.getByTestId('timeline-send');
      await page.getByTestId('timeline-summary').filter({ hasText: '2 messages would be sent' }).waitFor();
      expect(await sends.count()).toBe(2);
      const dayBefore = start.minus({ days: 1 });
      expect(await sends.nth(0).innerText()).toMatch(/10:00[\s\S]*Email/);
      expect(await sends.nth(1).innerText()).toMatch(/08:00[\s\S]*SMS/);
      expect(await timeline.innerText()).toMatch(new RegExp(dayBefore.toFormat('cccc d LLLL'), 'i'));
      // Rendered text of the seeded templates, not the template keys only.
      expect(await sends.nth(1).locator('.message-bubble').innerText()).not.toBe('');
      // The simulated path is drawn on the canvas.
      expect(await node('wait-2').getAttribute('class')).toContain('is-visited');
      await saveScreenshot(page, SHOTS, '06-timeline');

      await page.getByRole('combobox', { name: 'Add a what-if' }).selectOption('rescheduled');
      const moved = start.plus({ days: 1 }).set({ hour: 15 });
      await page.getByTestId('what-if').getByLabel('New start').fill(moved.toFormat("yyyy-MM-dd'T'HH:mm"));
      await timeline.getByTestId('timeline-event').first().waitFor();
      await sends.nth(1).filter({ hasText: '13:00' }).waitFor();
      expect(await sends.nth(0).innerText()).toMatch(/15:00[\s\S]*Email/);
      expect(await sends.nth(1).innerText()).toMatch(/13:00[\s\S]*SMS/);
      expect(await timeline.innerText()).toMatch(new RegExp(moved.toFormat('cccc d LLLL'), 'i'));
      await saveScreenshot(page, SHOTS, '07-timeline-rescheduled');
    });
  });

  it('exports the definition and imports it back unchanged', async () => {
    await step('export-import', async () => {
      const before = await draft();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
      const file = await download.path();
      const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(exported).toEqual(before);

      // Change something, then import the file: the draft is the exported definition again.
      await selectNode('sendSms');
      await inspector().getByLabel('Label', { exact: true }).fill('changed before import');
      expect((await draft()).nodes.find((n: Loose) => n.id === 'sendSms').data.label).toBe('changed before import');
      await page.getByTestId('import-file').setInputFiles({ name: 'reminders.automation.json', mimeType: 'application/json', buffer: fs.readFileSync(file) });
      await page.getByText('Imported.', { exact: false }).waitFor();
      expect(await draft()).toEqual(exported);
    });
  });

  it('the pages raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
