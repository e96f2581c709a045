/**
 * `npm run bench -- builder`: the automation editor with a 150-step draft in Chromium.
 * Measures the time to the first drawn card and to all cards, auto layout, and frame times
 * (requestAnimationFrame deltas collected in the page) while panning and while dragging a card
 * for about 3 s each. Needs `npm run build:ui` first.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/helpers/browser';
import { startBenchStack } from './lib/bench-stack';
import { fmtMs, percentile } from './lib/stats';

const STEPS = 150;
const GESTURE_MS = 3000;
const DROPPED_MS = 50;

/** trigger → (wait → sendSms | sendEmail)… → end: STEPS nodes in one chain. */
function chainDefinition(steps: number) {
  const nodes: Array<{ id: string; type: string; position: { x: number; y: number }; data: Record<string, unknown> }> = [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
  ];
  for (let i = 1; i < steps - 1; i++) {
    const y = i * 140;
    if (i % 2 === 1) {
      nodes.push({ id: `wait-${i}`, type: 'wait', position: { x: 0, y }, data: { label: `Wait ${i}`, duration: `PT${i}M` } });
    } else if (i % 4 === 0) {
      nodes.push({ id: `sms-${i}`, type: 'sendSms', position: { x: 0, y }, data: { label: `SMS ${i}`, templateId: 'reminder-2h-sms' } });
    } else {
      nodes.push({ id: `email-${i}`, type: 'sendEmail', position: { x: 0, y }, data: { label: `Email ${i}`, templateId: 'reminder-24h-email' } });
    }
  }
  nodes.push({ id: 'end', type: 'end', position: { x: 0, y: (steps - 1) * 140 }, data: {} });
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id }));
  return { schemaVersion: 1, name: `Chain of ${steps}`, trigger: { event: 'appointment.booked' }, nodes, edges };
}

async function call(baseUrl: string, method: string, url: string, body?: unknown, token?: string) {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Starts collecting requestAnimationFrame deltas in the page. */
async function startFrames(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const w = window;
    w.__frames = [];
    w.__framesOn = true;
    let last = performance.now();
    const tick = (t) => { w.__frames.push(t - last); last = t; if (w.__framesOn) requestAnimationFrame(tick); };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  })()`);
}

async function stopFrames(page: Page): Promise<number[]> {
  return page.evaluate('(() => { window.__framesOn = false; return window.__frames; })()') as Promise<number[]>;
}

function report(name: string, frames: number[]): string {
  const sorted = [...frames].sort((a, b) => a - b);
  const dropped = frames.filter((f) => f > DROPPED_MS).length;
  return `| ${name} | ${frames.length} | ${fmtMs(percentile(sorted, 50))} | ${fmtMs(percentile(sorted, 95))} | ${fmtMs(sorted[sorted.length - 1] ?? 0)} | ${dropped} |`;
}

/** Moves the mouse with the button down from `from` by (dx, dy) back and forth for `ms`. */
async function gesture(page: Page, from: { x: number; y: number }, dx: number, dy: number, ms: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < ms) {
    const phase = (i++ % 60) / 60;
    const k = Math.sin(phase * Math.PI * 2);
    await page.mouse.move(from.x + dx * k, from.y + dy * k);
  }
  await page.mouse.up();
}

async function main(): Promise<void> {
  const built = path.resolve(__dirname, '..', 'builder-ui', 'dist', 'index.html');
  if (!fs.existsSync(built)) throw new Error('builder-ui is not built: run `npm run build:ui` first');
  const stack = await startBenchStack();
  const browser = await launchBrowser();
  try {
    const signup = await call(stack.baseUrl, 'POST', '/api/auth/signup', {
      businessName: 'Bench Grooming',
      email: `bench-${Date.now()}@example.com`,
      password: 'Correct-Horse-Battery-42',
      timezone: 'America/New_York',
    });
    const token = signup.token as string;
    const definition = chainDefinition(STEPS);
    const created = await call(stack.baseUrl, 'POST', '/api/automations', { name: definition.name, definition }, token);
    const context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 800 }, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto('/login');
    await page.evaluate(`window.localStorage.setItem('appointflow.token', ${JSON.stringify(token)})`);

    const opened = Date.now();
    await page.goto(`/automations/${String(created.id)}`);
    await page.locator('.react-flow__node').first().waitFor();
    const firstCard = Date.now() - opened;
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const ready = Date.now() - opened;
    const drawn = await page.locator('.react-flow__node').count();

    // Auto layout runs in the click handler; two frames later the moved cards are painted.
    await page.getByRole('button', { name: 'Auto layout' }).waitFor();
    const layoutMs = (await page.evaluate(`(async () => {
      const button = document.querySelector('button[aria-label="Auto layout"]');
      const started = performance.now();
      button.click();
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return performance.now() - started;
    })()`)) as number;
    await page.waitForTimeout(500);

    const canvas = (await page.locator('.flow-canvas').boundingBox())!;
    await startFrames(page);
    await gesture(page, { x: canvas.x + 40, y: canvas.y + canvas.height / 2 }, 0, 250, GESTURE_MS);
    const panFrames = await stopFrames(page);

    const card = page.locator('.react-flow__node').nth(Math.floor(drawn / 2));
    const box = (await card.boundingBox())!;
    await startFrames(page);
    await gesture(page, { x: box.x + 40, y: box.y + 10 }, 200, 60, GESTURE_MS);
    const dragFrames = await stopFrames(page);

    console.log(`${STEPS}-step draft, Chromium headless (software rendering), 1280×800`);
    console.log(`first card drawn ${fmtMs(firstCard)}, first render settled ${fmtMs(ready)} (${drawn} of ${STEPS} cards in the DOM: only visible ones are rendered), auto layout ${fmtMs(layoutMs)}`);
    console.log('');
    console.log(`| gesture (~${GESTURE_MS / 1000} s) | frames | p50 | p95 | max | dropped (> ${DROPPED_MS} ms) |`);
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(report('pan the canvas', panFrames));
    console.log(report('drag a card', dragFrames));
    await context.close();
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
