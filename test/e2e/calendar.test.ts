/**
 * Browser test of the admin calendar: the day view shows a column per staff member with the
 * appointment as a block at its time in the business's zone; dragging it to another column and
 * hour reschedules it through the api; a drop outside working hours is refused and the refusal is
 * shown with the block back in place; the block's popover checks the customer in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../helpers/app';
import { launchBrowser, saveScreenshot } from '../helpers/browser';
import { type SignedUp, signup } from '../helpers/http';

const SHOTS = 'e2e-calendar';
const ZONE = 'America/Chicago';
/** Pixels per hour of the time grid (calendar/grid-math.ts). */
const HOUR_PX = 64;

function targetDay(): DateTime {
  let day = DateTime.now().setZone(ZONE).startOf('day').plus({ days: 2 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('the admin calendar', () => {
  let app: TestApp;
  let owner: SignedUp;
  let browser: Browser;
  let page: Page;
  let ana: string;
  let ben: string;
  let appointmentId: string;
  const day = targetDay();
  const at = (time: string) => DateTime.fromISO(`${day.toISODate()}T${time}`, { zone: ZONE }).toUTC().toISO() as string;
  const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const built = path.resolve(__dirname, '..', '..', 'builder-ui', 'dist', 'index.html');
    if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first (npm test does)');
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Harbor Pet Spa', timezone: ZONE });
    const serviceId = (await owner.api.post('/api/services', { name: 'Bath & brush', durationMinutes: 60, priceCents: 4500, color: '#0ea5e9' })).body.id;
    ana = (await owner.api.post('/api/staff', { name: 'Ana Ruiz', email: 'ana@example.com', serviceIds: [serviceId] })).body.id;
    ben = (await owner.api.post('/api/staff', { name: 'Ben Okafor', email: 'ben@example.com', serviceIds: [serviceId] })).body.id;
    const hours = { rules: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '09:00', endTime: '17:00' })) };
    for (const id of [ana, ben]) {
      const res = await fetch(`${app.baseUrl}/api/staff/${id}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(hours) });
      if (res.status !== 200) throw new Error(`hours answered ${res.status}`);
    }
    const customerId = (await owner.api.post('/api/customers', { name: 'Priya Raman', email: 'priya@example.com', phone: '+13125550142' })).body.id;
    const other = (await owner.api.post('/api/customers', { name: 'Marcus Bell', email: 'marcus@example.com' })).body.id;
    const booked = await owner.api.post('/api/appointments', { serviceId, staffId: ana, customerId, startsAt: at('10:00') });
    if (booked.status !== 201) throw new Error(`booking answered ${booked.status}: ${JSON.stringify(booked.body)}`);
    appointmentId = booked.body.id;
    await owner.api.post('/api/appointments', { serviceId, staffId: ben, customerId: other, startsAt: at('14:00') });

    browser = await launchBrowser();
    // Tall enough that a drag down to the evening stays on screen.
    const context = await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1280, height: 1000 }, locale: 'en-US' });
    page = await context.newPage();
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

  const block = () => page.locator(`[data-testid="calendar-block"][data-appointment-id="${appointmentId}"]`);
  const column = (staffId: string) => page.locator(`.cal-col[data-column="${staffId}"]`);
  const appointment = async () => (await owner.api.get(`/api/appointments/${appointmentId}`)).body;

  /** Drags the block by the mouse: to the middle of a column, `hours` lower. */
  async function drag(target: Locator, hours: number) {
    const from = await block().boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('block or column not on screen');
    const startX = from.x + from.width / 2;
    const startY = from.y + 12;
    await page.mouse.move(startX, startY);
    await page.mouse.down();
    const endX = to.x + to.width / 2;
    const endY = startY + hours * HOUR_PX;
    for (let i = 1; i <= 8; i++) await page.mouse.move(startX + ((endX - startX) * i) / 8, startY + ((endY - startY) * i) / 8);
    await page.mouse.up();
  }

  it('shows the day with a column per staff member and the appointment at its local time', async () => {
    await step('day', async () => {
      await page.goto(`/calendar?date=${day.toISODate()}`);
      await block().waitFor();
      expect(await page.locator('.cal-col-head').allInnerTexts()).toEqual(['Ana Ruiz', 'Ben Okafor']);
      expect(await column(ana).locator('[data-testid="calendar-block"]').count()).toBe(1);
      expect(await block().innerText()).toContain('Priya Raman');
      expect(await block().innerText()).toContain('10:00 AM');
      await saveScreenshot(page, SHOTS, '01-day');
    });
  });

  it('moves the appointment to another staff member and hour by dragging it', async () => {
    await step('drag', async () => {
      await drag(column(ben), 1);
      const moved = await until(appointment, (a) => a.staffId === ben);
      expect(same(moved.startsAt, at('11:00'))).toBe(true);
      await column(ben).locator(`[data-appointment-id="${appointmentId}"]`).waitFor();
      await until(() => block().innerText(), (text) => text.includes('11:00 AM'));
      expect(await page.getByTestId('calendar-refusal').count()).toBe(0);
      await saveScreenshot(page, SHOTS, '02-moved');
    });
  });

  it('shows the refusal when the drop is outside working hours, with the block back in place', async () => {
    await step('refused', async () => {
      await drag(column(ben), 6.5);
      const refusal = page.getByTestId('calendar-refusal');
      await refusal.waitFor();
      expect(await refusal.innerText()).toMatch(/not moved/);
      expect(await refusal.innerText()).toMatch(/outside working hours/);
      expect(await refusal.getByRole('button', { name: 'Move anyway (override)' }).isVisible()).toBe(true);
      await until(() => block().innerText(), (text) => text.includes('11:00 AM'));
      const current = await appointment();
      expect(same(current.startsAt, at('11:00'))).toBe(true);
      await saveScreenshot(page, SHOTS, '03-refused');
      await refusal.getByRole('button', { name: 'Dismiss' }).click();
    });
  });

  it('checks the customer in from the appointment popover', async () => {
    await step('check-in', async () => {
      await block().click();
      const popover = page.getByTestId('appointment-popover');
      await popover.waitFor();
      expect(await popover.innerText()).toContain('Priya Raman');
      expect(await popover.innerText()).toContain('Ben Okafor');
      await saveScreenshot(page, SHOTS, '04-popover');
      await popover.getByRole('button', { name: 'Check in' }).click();
      await until(() => popover.getByTestId('popover-status').innerText(), (text) => text === 'Checked in');
      expect((await appointment()).status).toBe('checked_in');
      expect(await popover.getByRole('button', { name: 'Complete' }).isVisible()).toBe(true);
      expect(await block().getAttribute('class')).toContain('status-checked_in');
      await saveScreenshot(page, SHOTS, '05-checked-in');
    });
  });

  it('shows a staff member’s week', async () => {
    await step('week', async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Week', exact: true }).click();
      await page.getByLabel('Staff member').selectOption(ben);
      const dayColumn = page.locator(`.cal-col[data-column="${day.toISODate()}"]`);
      await dayColumn.locator(`[data-appointment-id="${appointmentId}"]`).waitFor();
      expect(await page.locator('.cal-col-head').count()).toBe(7);
      await saveScreenshot(page, SHOTS, '06-week');
      expect(pageErrors).toEqual([]);
    });
  });
});
