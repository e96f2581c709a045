import '../helpers/fresh-orm-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { startApiServer, type ApiServer } from '../../api/server';
import { createLogger } from '../../runtime/logger';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient } from '../helpers/http';

describe('health, docs and serving', () => {
  let app: TestApp;
  const extra: ApiServer[] = [];
  const logger = createLogger({ level: 'silent', pretty: false });

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const server of extra) await server.close();
    await app?.close();
  });

  test('/healthz is always 200 and /readyz checks PostgreSQL and Temporal', async () => {
    const client = apiClient(app.baseUrl);
    expect((await client.get('/healthz')).status).toBe(200);
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', checks: { postgres: { status: 'ok' }, temporal: { status: 'ok' } } });
  });

  test('/readyz answers 503 naming Temporal when it is unreachable', async () => {
    // A client whose server is gone: every call fails as gRPC does when nothing listens.
    const temporal = {
      workflowService: { getSystemInfo: () => Promise.reject(new Error('14 UNAVAILABLE: No connection established')) },
    } as unknown as Client;
    const server = await startApiServer({ config: { ...app.config, PORT: 0 }, orm: app.orm, temporal, logger, uiDir: false });
    extra.push(server);
    const ready = await apiClient(server.url).get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body.failed).toEqual(['temporal']);
    expect((await apiClient(server.url).get('/healthz')).status).toBe(200);
  });

  test('/api/openapi.json describes every resource from the zod schemas', async () => {
    const res = await apiClient(app.baseUrl).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of ['/api/auth/signup', '/api/auth/login', '/api/services', '/api/staff/{id}', '/api/customers', '/api/pets',
      '/api/vaccinations', '/api/locations', '/api/appointments', '/api/appointments/{id}/cancel', '/healthz', '/readyz']) {
      expect(res.body.paths).toHaveProperty([p]);
    }
    const customerInput = res.body.components.schemas.CustomerInput;
    expect(customerInput.required).toEqual(['name']);
    expect(customerInput.additionalProperties).toBe(false);
    expect(res.body.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  test('/api/docs serves Swagger UI without a CDN', async () => {
    const res = await fetch(`${app.baseUrl}/api/docs/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg)/);
    const init = await fetch(`${app.baseUrl}/api/docs/swagger-ui-init.js`);
    expect(init.status).toBe(200);
  });

  test('the built UI is served with a fallback to index.html outside /api', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'appointflow-ui-'));
    await fs.mkdir(path.join(dir, 'assets'));
    await fs.writeFile(path.join(dir, 'index.html'), '<!doctype html><div id="root">shell</div>');
    await fs.writeFile(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const server = await startApiServer({ config: { ...app.config, PORT: 0 }, orm: app.orm, temporal: app.temporal, logger, uiDir: dir });
    extra.push(server);

    const deep = await fetch(`${server.url}/customers/123`, { headers: { Accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('shell');
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
    const apiMiss = await apiClient(server.url).get('/api/unknown');
    expect(apiMiss.status).toBe(401);
    await fs.rm(dir, { recursive: true, force: true });
  });

  test('auth routes are rate limited per address', async () => {
    const server = await startApiServer({
      config: { ...app.config, PORT: 0 }, orm: app.orm, temporal: app.temporal, logger, uiDir: false,
      authRateLimit: { windowMs: 60_000, limit: 3 },
    });
    extra.push(server);
    const client = apiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post('/api/auth/login', { email: 'a@example.com', password: 'x' })).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await client.post('/api/auth/login', { email: 'a@example.com', password: 'x' });
    expect(limited.body.error.code).toBe('RATE_LIMITED');
  });

  test('a port already in use is reported clearly', async () => {
    const port = Number(new URL(app.baseUrl).port);
    await expect(
      startApiServer({ config: { ...app.config, PORT: port }, orm: app.orm, temporal: app.temporal, logger, uiDir: false }),
    ).rejects.toThrow(new RegExp(`Port ${port} \\(api\\) is already in use`));
  });

  test('security headers are set', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
