/**
 * Browser test of the builder's quality bar: the editor is reachable by keyboard with a visible
 * focus ring, every control in a step form has an accessible name, and the layout works at
 * 1280 px and on tablets (the sidebar folds to an icon rail, the side panel becomes a drawer).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, saveScreenshot } from '../helpers/browser';
import { signup, type SignedUp } from '../helpers/http';

const SHOTS = 'e2e-builder-quality';
const NAV = ['Dashboard', 'Calendar', 'Customers', 'Automations', 'Executions', 'Campaigns', 'Reports', 'Chat', 'Settings'];

/** A small automation with one step of each form kind worth checking. */
const DEFINITION = {
  schemaVersion: 1,
  name: 'Quality check',
  trigger: { event: 'appointment.booked' },
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
    { id: 'w', type: 'wait', position: { x: 0, y: 160 }, data: { label: '24 h before', until: { anchor: 'appointment.startsAt', offset: '-PT24H' }, ifPast: 'skip' } },
    { id: 'c', type: 'condition', position: { x: 0, y: 320 }, data: { label: 'Opted in', rule: { '==': [{ var: 'customer.smsOptIn' }, true] } } },
    { id: 's', type: 'sendSms', position: { x: -160, y: 480 }, data: { label: '24 h reminder', templateId: 'reminder-2h-sms' } },
    { id: 'm', type: 'sendEmail', position: { x: 160, y: 480 }, data: { label: 'Email reminder', templateId: 'reminder-24h-email' } },
    { id: 'end', type: 'end', position: { x: 0, y: 640 }, data: {} },
  ],
  edges: [
    { id: 'e1', source: 't', target: 'w' },
    { id: 'e2', source: 'w', target: 'c' },
    { id: 'e3', source: 'c', sourceHandle: 'true', target: 's' },
    { id: 'e4', source: 'c', sourceHandle: 'false', target: 'm' },
    { id: 'e5', source: 's', target: 'end' },
    { id: 'e6', source: 'm', target: 'end' },
  ],
};

/** Controls under `selector` without an accessible name (label element, aria-label, aria-labelledby or title). Evaluated in the page. */
function unlabelledControls(page: Page, selector: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const out = [];
    const root = document.querySelector(${JSON.stringify(selector)});
    for (const control of root ? root.querySelectorAll('input, select, textarea') : []) {
      if (control.type === 'hidden' || control.closest('[hidden]')) continue;
      const byAria = (control.getAttribute('aria-label') || '').trim() || control.getAttribute('aria-labelledby') || control.getAttribute('title');
      const byLabel = Array.from(control.labels || []).some((l) => (l.textContent || '').trim() !== '');
      if (!byAria && !byLabel) out.push(control.outerHTML.slice(0, 160));
    }
    return out;
  })()`) as Promise<string[]>;
}

interface Focused {
  palette: boolean;
  node: boolean;
  label: string | null;
  ring: string;
}

/** What has the keyboard focus, and how its focus ring is drawn. */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el) return null;
  const style = getComputedStyle(el);
  return {
    palette: el.classList.contains('palette-item'),
    node: el.classList.contains('react-flow__node'),
    label: el.getAttribute('aria-label'),
    ring: style.outlineStyle + ' ' + style.outlineWidth + ' | ' + style.boxShadow,
  };
})()`;

const positionOf = (page: Page, selector: string) => page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).position`) as Promise<string>;

describe('builder quality: keyboard, labels and tablet layout', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let automationId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Quality Grooming', timezone: 'America/New_York' });
    const created = await owner.api.post('/api/automations', { name: DEFINITION.name, definition: DEFINITION });
    expect(created.status).toBe(201);
    automationId = created.body.id as string;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  async function openAt(width: number, height: number, url: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: app.baseUrl, viewport: { width, height }, locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(owner.token)})`);
    await page.goto(url);
    return page;
  }

  async function openEditor(width: number, height: number): Promise<Page> {
    const page = await openAt(width, height, `/automations/${automationId}`);
    await page.getByTestId('node-w').waitFor();
    return page;
  }

  it('reaches palette items and steps with Tab, with a visible focus ring', async () => {
    const page = await openEditor(1280, 800);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    let paletteRing: string | null = null;
    let nodeLabel: string | null = null;
    for (let i = 0; i < 160 && (paletteRing === null || nodeLabel === null); i++) {
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(FOCUSED)) as Focused | null;
      if (!focused) continue;
      if (focused.palette && paletteRing === null) paletteRing = focused.ring;
      if (focused.node && nodeLabel === null) nodeLabel = focused.label;
    }
    expect(paletteRing).not.toBeNull();
    expect(paletteRing).not.toMatch(/^none .*\| none$/);
    expect(nodeLabel).toMatch(/step\./);
    await saveScreenshot(page, SHOTS, 'keyboard-node-focused');

    // Enter selects the focused step, and its form opens.
    await page.keyboard.press('Enter');
    await page.getByTestId('node-inspector').waitFor();
  }, 90_000);

  it('names steps by their sentence for screen readers', async () => {
    const page = await openEditor(1280, 800);
    await expect(page.locator('.react-flow__node[data-id="w"]').getAttribute('aria-label')).resolves.toMatch(/^Wait step\. 24 h before: /);
    await expect(page.locator('.react-flow__node[data-id="s"]').getAttribute('aria-label')).resolves.toContain('24 h reminder');
  }, 60_000);

  it('labels every control in each step form', async () => {
    const page = await openEditor(1280, 800);
    for (const id of ['t', 'w', 'c', 's', 'm']) {
      await page.getByRole('button', { name: 'Fit view', exact: true }).click();
      await page.waitForTimeout(300);
      await page.getByTestId(`node-${id}`).click({ position: { x: 40, y: 12 } });
      await page.getByRole('tab', { name: 'Step', exact: true }).click();
      const inspector = page.getByTestId('node-inspector');
      await inspector.waitFor();
      expect(await inspector.locator('input, select, textarea').count()).toBeGreaterThan(0);
      expect({ id, unlabelled: await unlabelledControls(page, '[data-testid="node-inspector"]') }).toEqual({ id, unlabelled: [] });
    }
    // And by role: the label field answers to its name.
    await expect(page.getByTestId('node-inspector').getByRole('textbox', { name: /label/i }).first().inputValue()).resolves.toBe('Email reminder');
  }, 90_000);

  it('keeps every control in the palette and toolbar named', async () => {
    const page = await openEditor(1280, 800);
    expect(await unlabelledControls(page, '.editor-page')).toEqual([]);
    const unnamedButtons = await page.locator('.editor-page button').evaluateAll((buttons) =>
      buttons.filter((b) => !(b.getAttribute('aria-label') || b.getAttribute('title') || (b.textContent ?? '').trim())).map((b) => b.outerHTML.slice(0, 120)),
    );
    expect(unnamedButtons).toEqual([]);
  }, 60_000);

  it('shows the full sidebar at 1280 px and an icon rail with the same link names at 1024 px', async () => {
    const wide = await openAt(1280, 800, '/dashboard');
    const wideNav = wide.getByRole('navigation', { name: 'Main' });
    await wideNav.waitFor();
    for (const name of NAV) await expect(wideNav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    expect((await wide.locator('.sidebar').boundingBox())!.width).toBeGreaterThan(200);
    await saveScreenshot(wide, SHOTS, 'dashboard-1280');

    const tablet = await openAt(1024, 768, '/dashboard');
    const nav = tablet.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    for (const name of NAV) await expect(nav.getByRole('link', { name, exact: true }).isVisible()).resolves.toBe(true);
    expect((await tablet.locator('.sidebar').boundingBox())!.width).toBeLessThan(80);
    await saveScreenshot(tablet, SHOTS, 'dashboard-1024-rail');

    await tablet.getByRole('button', { name: 'Expand navigation' }).click();
    expect((await tablet.locator('.sidebar').boundingBox())!.width).toBeGreaterThan(200);
    await tablet.getByRole('button', { name: 'Collapse navigation' }).click();
    expect((await tablet.locator('.sidebar').boundingBox())!.width).toBeLessThan(80);
    await nav.getByRole('link', { name: 'Automations', exact: true }).click();
    await tablet.waitForURL(/\/automations$/);
  }, 90_000);

  for (const [width, height] of [
    [1024, 768],
    [820, 1180],
  ] as const) {
    it(`keeps the canvas usable at ${width}×${height}: the side panel is a drawer`, async () => {
      const page = await openEditor(width, height);
      const canvas = (await page.locator('.flow-canvas').boundingBox())!;
      const side = (await page.locator('.editor-side').boundingBox())!;
      expect(await positionOf(page, '.editor-side')).toBe('absolute');
      expect(canvas.width).toBeGreaterThan(width * 0.5);
      expect(canvas.height).toBeGreaterThan(300);
      expect(side.x + side.width).toBeLessThanOrEqual(width + 1);
      await saveScreenshot(page, SHOTS, `editor-${width}-drawer-open`);

      await page.getByRole('button', { name: 'Hide details panel' }).click();
      await page.waitForTimeout(300);
      const hidden = (await page.locator('.editor-side').boundingBox())!;
      expect(hidden.x).toBeGreaterThanOrEqual(width - 2);
      await saveScreenshot(page, SHOTS, `editor-${width}-drawer-closed`);

      // Selecting a step brings the drawer back with its form.
      await page.getByRole('button', { name: 'Fit view', exact: true }).click();
      await page.waitForTimeout(300);
      await page.getByTestId('node-w').click({ position: { x: 40, y: 12 } });
      await page.getByRole('button', { name: 'Hide details panel' }).waitFor();
      await page.getByRole('tab', { name: 'Step', exact: true }).click();
      await expect(page.getByTestId('node-inspector').isVisible()).resolves.toBe(true);
    }, 90_000);
  }

  it('keeps the editor at 1280×800 in three columns', async () => {
    const page = await openEditor(1280, 800);
    expect(await positionOf(page, '.editor-side')).not.toBe('absolute');
    await expect(page.getByRole('button', { name: 'Hide details panel' }).isVisible()).resolves.toBe(false);
    await saveScreenshot(page, SHOTS, 'editor-1280');
  }, 60_000);
});
