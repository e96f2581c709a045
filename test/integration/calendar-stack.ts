import '../helpers/fresh-orm-metadata';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { NativeConnection, Worker } from '@temporalio/worker';
import pino from 'pino';
import { createActivities } from '../../activities';
import { calendarEnvFrom, type CalendarEnv } from '../../activities/calendar/calendar-env';
import { createProviders } from '../../activities/messaging';
import { Appointment, CalendarConnection, ExternalBusy } from '../../db/entities';
import type { Logger } from '../../runtime/logger';
import { installTemporalRuntime } from '../../worker/temporal-runtime';
import { workflowBundle } from '../../worker/workflow-bundle';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../fakes/google-calendar-server';
import { type FakeGraph, startFakeGraph } from '../fakes/graph-server';
import { type FakeSmtpServer, type ReceivedMail, startFakeSmtp } from '../fakes/smtp-server';
import { type FakeZoom, startFakeZoom } from '../fakes/zoom-server';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type Loose, type SignedUp, signup } from '../helpers/http';
import { waitFor } from './automation-harness';

export const PUBLIC_URL = 'https://book.example.test';
export const ENCRYPTION_KEY = randomBytes(32).toString('base64');

/**
 * The real stack for calendar tests: the API and an in-process worker whose googleapis, Graph and
 * Zoom clients point at loopback fakes (through GOOGLE_CALENDAR_ROOT_URL, MICROSOFT_GRAPH_BASE_URL,
 * ZOOM_API_URL and the token URLs) and whose email goes to a local SMTP server. Every log line of
 * the api and the worker, at debug level and without redaction, is kept in `logLines`.
 */
export class CalendarStack {
  app!: TestApp;
  owner!: SignedUp;
  google!: FakeGoogleCalendar;
  graph!: FakeGraph;
  zoom!: FakeZoom;
  smtp!: FakeSmtpServer;
  env!: CalendarEnv;
  serviceId!: string;
  readonly logLines: string[] = [];
  logger!: Logger;
  private worker?: Worker;
  private running?: Promise<void>;
  private connection?: NativeConnection;

  async start(): Promise<this> {
    [this.google, this.graph, this.zoom, this.smtp] = await Promise.all([startFakeGoogleCalendar(), startFakeGraph(), startFakeZoom(), startFakeSmtp()]);
    const lines = this.logLines;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    this.logger = pino({ level: 'debug' }, sink);
    this.app = await startTestApp({ env: this.envVars(), logger: this.logger });
    this.env = calendarEnvFrom(this.app.config);
    await this.startWorker();
    this.owner = await signup(this.app.baseUrl, { businessName: 'Fern Grooming', timezone: 'America/New_York' });
    this.serviceId = (await this.owner.api.post('/api/services', { name: 'Full groom', durationMinutes: 60, priceCents: 6500 })).body.id;
    return this;
  }

  envVars(): Record<string, string> {
    return {
      PUBLIC_URL,
      ENCRYPTION_KEY,
      SMTP_URL: this.smtp.url,
      SMTP_FROM: 'bookings@fern.example',
      GOOGLE_CLIENT_ID: 'google-client-id',
      GOOGLE_CLIENT_SECRET: 'google-client-secret-value',
      GOOGLE_AUTH_URL: `${this.google.url}/o/oauth2/v2/auth`,
      GOOGLE_TOKEN_URL: this.google.tokenUrl,
      GOOGLE_REVOKE_URL: `${this.google.url}/revoke`,
      GOOGLE_CALENDAR_ROOT_URL: this.google.rootUrl,
      MICROSOFT_CLIENT_ID: 'ms-client-id',
      MICROSOFT_CLIENT_SECRET: 'ms-client-secret-value',
      MICROSOFT_AUTH_URL: `${this.graph.url}/common/oauth2/v2.0/authorize`,
      MICROSOFT_TOKEN_URL: this.graph.tokenUrl,
      MICROSOFT_GRAPH_BASE_URL: this.graph.baseUrl,
      ZOOM_API_URL: this.zoom.apiUrl,
      ZOOM_OAUTH_URL: this.zoom.oauthUrl,
    };
  }

  private async startWorker(): Promise<void> {
    installTemporalRuntime(this.logger);
    const config = this.app.config;
    this.connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS as string });
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      workflowBundle: await workflowBundle(),
      activities: createActivities({ orm: this.app.orm, logger: this.logger, messaging: { config, providers: createProviders(config) } }),
    });
    this.running = this.worker.run();
  }

  async stop(): Promise<void> {
    if (this.worker?.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
    await this.app?.close();
    await Promise.all([this.google?.close(), this.graph?.close(), this.zoom?.close(), this.smtp?.close()]);
  }

  em() {
    const fork = this.app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: this.owner.tenant.id });
    return fork;
  }

  async staff(name: string): Promise<string> {
    const res = await this.owner.api.post('/api/staff', { name, email: `${name.toLowerCase()}@fern.example`, serviceIds: [this.serviceId] });
    if (res.status !== 201) throw new Error(`staff answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async customer(): Promise<{ id: string; email: string }> {
    const email = `dana.${randomBytes(3).toString('hex')}@example.com`;
    const res = await this.owner.api.post('/api/customers', { name: 'Dana Scully', email, emailOptIn: true });
    return { id: res.body.id, email };
  }

  /**
   * The whole OAuth round trip as a browser makes it: ask the API for the consent URL, "consent" at
   * the fake (a code for `account`), follow the redirect back to the callback. Returns the row.
   */
  async connect(provider: 'google' | 'microsoft', staffId: string | undefined, account: string): Promise<{ connection: CalendarConnection; authorizationUrl: URL; location: string }> {
    const started = await this.owner.api.post('/api/integrations/calendar/connect', { provider, ...(staffId ? { staffId } : {}) });
    if (started.status !== 200) throw new Error(`connect answered ${started.status}: ${JSON.stringify(started.body)}`);
    const authorizationUrl = new URL(started.body.authorizationUrl);
    const issuer = provider === 'google' ? this.google.tokens : this.graph.tokens;
    const code = issuer.issueCode(account);
    const callback = new URL(authorizationUrl.searchParams.get('redirect_uri') as string);
    const local = `${this.app.baseUrl}${callback.pathname}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(authorizationUrl.searchParams.get('state') as string)}`;
    const res = await fetch(local, { redirect: 'manual' });
    const location = res.headers.get('location') ?? '';
    if (res.status !== 303) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
    const connection = await this.em().findOneOrFail(CalendarConnection, { provider, staffId: staffId ?? null, accountEmail: account }, { populate: ['tokens', 'syncCursor'] });
    return { connection, authorizationUrl, location };
  }

  async settings(body: Loose): Promise<Loose> {
    const res = await this.owner.api.patch('/api/integrations/calendar/settings', body);
    if (res.status !== 200) throw new Error(`settings answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async book(customerId: string, staffId: string, startsAt: Date): Promise<Loose> {
    const res = await this.owner.api.post('/api/appointments', { serviceId: this.serviceId, staffId, customerId, startsAt: startsAt.toISOString(), override: true });
    if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async reschedule(id: string, startsAt: Date): Promise<Loose> {
    const res = await this.owner.api.patch(`/api/appointments/${id}`, { startsAt: startsAt.toISOString(), override: true });
    if (res.status !== 200) throw new Error(`reschedule answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async cancel(id: string): Promise<Loose> {
    const res = await this.owner.api.post(`/api/appointments/${id}/cancel`, { reason: 'Customer asked' });
    if (res.status !== 200) throw new Error(`cancel answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  appointment(id: string): Promise<Appointment> {
    return this.em().findOneOrFail(Appointment, { id }, { disableIdentityMap: true } as never);
  }

  /** The appointment once `done` holds for it (the workflow pushes after the request returns). */
  appointmentWhen(id: string, done: (a: Appointment) => boolean, timeoutMs = 30_000): Promise<Appointment> {
    return waitFor(() => this.em().findOneOrFail(Appointment, { id }), done, timeoutMs);
  }

  busy(staffId: string): Promise<ExternalBusy[]> {
    return this.em().find(ExternalBusy, { staffId }, { orderBy: { startsAt: 'asc' } });
  }

  /** Emails to `to` whose subject starts with one of our invite prefixes, once `count` arrived. */
  async invites(to: string, count: number): Promise<ReceivedMail[]> {
    const pick = () => this.smtp.messages.filter((m) => m.to.includes(to) && /^(Invitation|Updated invitation|Cancelled):/.test(m.subject));
    return waitFor(async () => pick(), (list) => list.length >= count, 30_000);
  }

  /**
   * Log lines holding any access or refresh token the fakes issued (or their prefixes), a client
   * secret, or a bearer header. The logger has no redaction here: this is what the code itself logs.
   */
  leakedSecrets(): string[] {
    const issued = [this.google.tokens, this.graph.tokens].flatMap((t) => [...t.validAccessTokens, ...t.refreshTokens, ...t.revoked]);
    const secrets = [...issued, 'g-access-', 'g-refresh-', 'ms-access-', 'ms-refresh-', 'zoom-access-', 'Bearer ', ENCRYPTION_KEY, 'google-client-secret-value', 'ms-client-secret-value', this.zoom.credentials.clientSecret];
    return this.logLines.filter((line) => secrets.some((secret) => line.includes(secret)));
  }

  anonymous() {
    return apiClient(this.app.baseUrl);
  }
}

export async function startCalendarStack(): Promise<CalendarStack> {
  const stack = new CalendarStack();
  try {
    return await stack.start();
  } catch (err) {
    await stack.stop().catch(() => undefined);
    throw err;
  }
}
