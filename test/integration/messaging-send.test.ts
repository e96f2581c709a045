import '../helpers/fresh-orm-metadata';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createMessagingActivities, createProviders, type MessagingActivities } from '../../activities/messaging';
import { Customer, Message } from '../../db/entities';
import { createOrm } from '../../db/orm';
import { createLogger } from '../../runtime/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createMessagingTenant, type MessagingTenant } from '../fakes/messaging-tenant';
import { type FakeSmtpServer, startFakeSmtp } from '../fakes/smtp-server';
import { type FakeTwilioServer, startFakeTwilio } from '../fakes/twilio-server';

const logger = createLogger({ level: 'silent', pretty: false });
const FROM = '+15005550006';
const GRACE_MS = 2_000;

let db: TestDatabase;
let orm: MikroORM;
let fakeTwilio: FakeTwilioServer;
let smtp: FakeSmtpServer;
let messaging: MessagingActivities;

function configFor() {
  return {
    PUBLIC_URL: 'https://app.example.com',
    TWILIO_ACCOUNT_SID: fakeTwilio.accountSid,
    TWILIO_AUTH_TOKEN: fakeTwilio.authToken,
    TWILIO_FROM: FROM,
    SMTP_URL: smtp.url,
    SMTP_FROM: 'bookings@paws.example',
    inFlightGraceMs: GRACE_MS,
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm(db.url);
  [fakeTwilio, smtp] = await Promise.all([startFakeTwilio(), startFakeSmtp()]);
  const config = configFor();
  messaging = createMessagingActivities({ orm, logger, config, providers: createProviders(config, { twilioHttpClient: fakeTwilio.httpClient() }) });
});

afterAll(async () => {
  await Promise.all([fakeTwilio?.close(), smtp?.close()]);
  await orm?.close();
  await db?.drop();
});

beforeEach(() => {
  fakeTwilio.reset();
  smtp.reset();
});

function em(tenantId: string) {
  const fork = orm.em.fork();
  fork.setFilterParams('tenant', { tenantId });
  return fork;
}

const messagesOf = (t: MessagingTenant) => em(t.tenantId).find(Message, {}, { orderBy: { createdAt: 'asc' } });

function smsInput(t: MessagingTenant, over: Record<string, unknown> = {}) {
  return {
    tenantId: t.tenantId,
    idempotencyKey: `appointment:${t.tenantId}:${t.appointmentId}/reminders/sms/1`,
    channel: 'sms' as const,
    customerId: t.customerId,
    appointmentId: t.appointmentId,
    templateId: 'reminder-2h-sms',
    context: t.context,
    nodeId: 'sms',
    ...over,
  };
}

test('a send writes one Message and calls Twilio once', async () => {
  const t = await createMessagingTenant(orm);
  const result = await messaging.sendMessage(smsInput(t));

  expect(fakeTwilio.sendRequests).toHaveLength(1);
  const request = fakeTwilio.sendRequests[0]!;
  expect(request.auth).toBe(`${fakeTwilio.accountSid}:${fakeTwilio.authToken}`);
  expect(request.form).toMatchObject({
    From: FROM,
    StatusCallback: 'https://app.example.com/api/webhooks/twilio/status',
  });
  const customer = await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId });
  expect(request.form.To).toBe(customer.phone);
  expect(request.form.Body).toMatch(/^Reminder from Paws & Claws: Full groom with Sam today at .*See you soon, Ava!$/);

  const rows = await messagesOf(t);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({
    status: 'sent',
    provider: 'twilio',
    direction: 'outbound',
    providerMessageId: fakeTwilio.messages[0]!.sid,
    to: customer.phone,
    body: request.form.Body,
    nodeId: 'sms',
    appointmentId: t.appointmentId,
  });
  expect(rows[0]!.sentAt).toBeInstanceOf(Date);
  expect(result).toEqual({ status: 'sent', messageId: rows[0]!.id, providerMessageId: fakeTwilio.messages[0]!.sid });
});

test('the same idempotency key twice, even at the same time, texts once', async () => {
  const t = await createMessagingTenant(orm);
  const first = await messaging.sendMessage(smsInput(t));
  const again = await messaging.sendMessage(smsInput(t));
  expect(again).toEqual(first);
  expect(fakeTwilio.sendRequests).toHaveLength(1);

  const key = { idempotencyKey: `${t.appointmentId}/concurrent` };
  const settled = await Promise.allSettled([1, 2, 3].map(() => messaging.sendMessage(smsInput(t, key))));
  expect(fakeTwilio.sendRequests).toHaveLength(2);
  const sent = settled.filter((s) => s.status === 'fulfilled').map((s) => (s as PromiseFulfilledResult<{ messageId?: string }>).value.messageId);
  expect(new Set(sent).size).toBe(1);
  for (const s of settled) {
    if (s.status === 'rejected') expect(s.reason).toMatchObject({ type: 'SendInProgress', nonRetryable: false });
  }
  expect(await messagesOf(t)).toHaveLength(2);
});

describe('a worker that died between the outbox row and recording the provider id', () => {
  async function crashAfterSend(t: MessagingTenant, key: string, providerGotIt: boolean, ageMs: number) {
    await messaging.sendMessage(smsInput(t, { idempotencyKey: key }));
    if (!providerGotIt) fakeTwilio.messages.length = 0;
    fakeTwilio.requests.length = 0;
    await em(t.tenantId).nativeUpdate(
      Message,
      { idempotencyKey: key },
      { status: 'sending', providerMessageId: null, sentAt: null, updatedAt: new Date(Date.now() - ageMs) },
    );
  }

  test('while the attempt may still be in flight, a retry waits and sends nothing', async () => {
    const t = await createMessagingTenant(orm);
    await crashAfterSend(t, 'inflight', true, 0);
    await expect(messaging.sendMessage(smsInput(t, { idempotencyKey: 'inflight' }))).rejects.toMatchObject({ type: 'SendInProgress', nonRetryable: false });
    expect(fakeTwilio.sendRequests).toHaveLength(0);
  });

  test('when Twilio took it, the retry finds it and adopts its sid instead of texting again', async () => {
    const t = await createMessagingTenant(orm);
    await crashAfterSend(t, 'took-it', true, GRACE_MS + 1_000);
    const sid = fakeTwilio.messages[0]!.sid;
    const result = await messaging.sendMessage(smsInput(t, { idempotencyKey: 'took-it' }));
    expect(result).toMatchObject({ status: 'sent', providerMessageId: sid });
    expect(fakeTwilio.sendRequests).toHaveLength(0);
    expect(fakeTwilio.requests.filter((r) => r.method === 'GET')).toHaveLength(1);
    expect((await messagesOf(t))[0]).toMatchObject({ status: 'sent', providerMessageId: sid });
  });

  test('a response lost on the wire leaves the send in doubt; the retry reconciles instead of resending', async () => {
    const t = await createMessagingTenant(orm);
    fakeTwilio.dropResponseNext();
    await expect(messaging.sendMessage(smsInput(t, { idempotencyKey: 'cut' }))).rejects.toMatchObject({ type: 'SendInDoubt', nonRetryable: false });
    expect(fakeTwilio.messages).toHaveLength(1);
    const row = await em(t.tenantId).findOneOrFail(Message, { idempotencyKey: 'cut' });
    expect(row).toMatchObject({ status: 'sending' });

    // Temporal retries at once: the first request might still be in flight, so nothing is sent.
    await expect(messaging.sendMessage(smsInput(t, { idempotencyKey: 'cut' }))).rejects.toMatchObject({ type: 'SendInProgress' });
    // Later retries (after the in-flight grace) look the message up at Twilio and adopt it.
    await em(t.tenantId).nativeUpdate(Message, { id: row.id }, { updatedAt: new Date(Date.now() - GRACE_MS - 1_000) });
    expect(await messaging.sendMessage(smsInput(t, { idempotencyKey: 'cut' }))).toMatchObject({
      status: 'sent',
      providerMessageId: fakeTwilio.messages[0]!.sid,
    });
    expect(fakeTwilio.sendRequests).toHaveLength(1);
  });

  test('when Twilio never got it, the retry sends it exactly once', async () => {
    const t = await createMessagingTenant(orm);
    await crashAfterSend(t, 'lost', false, GRACE_MS + 1_000);
    const result = await messaging.sendMessage(smsInput(t, { idempotencyKey: 'lost' }));
    expect(result.status).toBe('sent');
    expect(fakeTwilio.sendRequests).toHaveLength(1);
    await messaging.sendMessage(smsInput(t, { idempotencyKey: 'lost' }));
    expect(fakeTwilio.sendRequests).toHaveLength(1);
    expect((await messagesOf(t))[0]).toMatchObject({ status: 'sent', providerMessageId: fakeTwilio.messages[0]!.sid });
  });
});

test('Twilio 21610 (unsubscribed) fails for good, is recorded, and opts the number out', async () => {
  const t = await createMessagingTenant(orm);
  const customer = await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId });
  fakeTwilio.failFor(customer.phone!, { code: 21610 });

  await expect(messaging.sendMessage(smsInput(t))).rejects.toMatchObject({
    type: 'RecipientUnreachable',
    nonRetryable: true,
    message: expect.stringContaining('21610'),
  });
  const [row] = await messagesOf(t);
  expect(row).toMatchObject({ status: 'failed', errorCode: '21610' });
  expect(row!.providerMessageId ?? null).toBeNull();
  expect((await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId })).smsOptedOutAt).toBeInstanceOf(Date);

  // A retried step sees the recorded outcome and does not call Twilio again.
  expect(await messaging.sendMessage(smsInput(t))).toMatchObject({ status: 'failed', reason: '21610', messageId: row!.id });
  expect(fakeTwilio.sendRequests).toHaveLength(1);
});

test('an invalid number (21211) is non-retryable; a 429 is retried and then sent once', async () => {
  const t = await createMessagingTenant(orm);
  const customer = await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId });
  fakeTwilio.failFor(customer.phone!, { code: 21211 });
  await expect(messaging.sendMessage(smsInput(t))).rejects.toMatchObject({ type: 'RecipientUnreachable', nonRetryable: true });
  fakeTwilio.reset();

  fakeTwilio.failNext({ code: 20429, status: 429 });
  const key = { idempotencyKey: 'rate-limited' };
  await expect(messaging.sendMessage(smsInput(t, key))).rejects.toMatchObject({ type: 'ProviderUnavailable', nonRetryable: false });
  expect((await em(t.tenantId).findOneOrFail(Message, { idempotencyKey: 'rate-limited' })).status).toBe('queued');
  expect(await messaging.sendMessage(smsInput(t, key))).toMatchObject({ status: 'sent' });
  expect(fakeTwilio.messages).toHaveLength(1);
});

test('an opted-out customer is skipped and recorded as suppressed, with no provider call', async () => {
  const t = await createMessagingTenant(orm, { customer: { smsOptedOutAt: new Date('2026-01-01T00:00:00Z') } });
  const result = await messaging.sendMessage(smsInput(t));
  expect(result).toMatchObject({ status: 'skipped', reason: 'opted_out' });
  expect(fakeTwilio.requests).toHaveLength(0);
  const [row] = await messagesOf(t);
  expect(row).toMatchObject({ id: result.messageId, status: 'suppressed', errorCode: 'opted_out' });

  // After START, the same step (same key) may send: a suppressed row never reached a provider.
  await em(t.tenantId).nativeUpdate(Customer, { id: t.customerId }, { smsOptedOutAt: null });
  expect(await messaging.sendMessage(smsInput(t))).toMatchObject({ status: 'sent', messageId: row!.id });
  expect(fakeTwilio.sendRequests).toHaveLength(1);
});

test('no opt-in for the channel means skipped (no_consent)', async () => {
  const t = await createMessagingTenant(orm, { customer: { whatsappOptIn: false } });
  expect(await messaging.sendMessage(smsInput(t, { channel: 'whatsapp' }))).toMatchObject({ status: 'skipped', reason: 'no_consent' });
  expect(fakeTwilio.requests).toHaveLength(0);
});

test('WhatsApp goes through the same Twilio client with whatsapp: addresses', async () => {
  const t = await createMessagingTenant(orm);
  expect(await messaging.sendMessage(smsInput(t, { channel: 'whatsapp' }))).toMatchObject({ status: 'sent' });
  const form = fakeTwilio.sendRequests[0]!.form;
  expect(form.From).toBe(`whatsapp:${FROM}`);
  expect(form.To).toMatch(/^whatsapp:\+1212555\d{4}$/);
  expect((await messagesOf(t))[0]).toMatchObject({ channel: 'whatsapp', status: 'sent' });
});

test('a booking email arrives over SMTP with an .ics invitation (METHOD:REQUEST, stable UID)', async () => {
  const t = await createMessagingTenant(orm);
  const input = {
    ...smsInput(t),
    channel: 'email' as const,
    templateId: 'booking-confirmation-email',
    attachIcs: true,
    idempotencyKey: `${t.appointmentId}/confirm-email`,
  };
  const result = await messaging.sendMessage(input);
  expect(result.status).toBe('sent');
  const [mail] = await smtp.waitForMessages(1);
  const customer = await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId });
  expect(mail!.to).toEqual([customer.email]);
  expect(mail!.from).toBe('bookings@paws.example');
  expect(mail!.subject).toBe('Booked: Full groom at Paws & Claws');
  expect(mail!.headers['reply-to']).toContain('hello@paws.example');
  expect(mail!.text).toContain("Thanks for booking with Paws & Claws!");

  const calendars = mail!.attachments.filter((a) => /calendar|ics/.test(a.contentType));
  expect(calendars.length).toBeGreaterThanOrEqual(1);
  const inline = calendars.find((a) => a.contentType === 'text/calendar');
  expect(inline?.params.method).toBe('REQUEST');
  for (const ics of calendars) {
    expect(ics.content).toContain('METHOD:REQUEST');
    expect(ics.content).toContain(`UID:appointment-${t.appointmentId}@app.example.com`);
    expect(ics.content).toMatch(/DTSTART:\d{8}T\d{6}Z/);
  }
  const [row] = await messagesOf(t);
  expect(row).toMatchObject({ channel: 'email', provider: 'smtp', status: 'sent', subject: mail!.subject });

  await messaging.sendMessage(input);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(smtp.messages).toHaveLength(1);
});

test('an email the server refuses with 550 fails for good', async () => {
  const t = await createMessagingTenant(orm, { email: 'nobody@example.com' });
  smtp.rejectRecipient('nobody@example.com');
  await expect(
    messaging.sendMessage({ ...smsInput(t), channel: 'email', templateId: 'reminder-24h-email', idempotencyKey: 'bounce' }),
  ).rejects.toMatchObject({ type: 'RecipientUnreachable', nonRetryable: true });
  expect((await messagesOf(t))[0]).toMatchObject({ status: 'failed', errorCode: 'SMTP_550' });
});

test('without credentials the outbox provider records the message and calls nobody', async () => {
  const outboxOnly = createMessagingActivities({ orm, logger, config: { PUBLIC_URL: 'https://app.example.com' } });
  const t = await createMessagingTenant(orm);
  const result = await outboxOnly.sendMessage(smsInput(t));
  expect(result).toMatchObject({ status: 'sent', providerMessageId: `outbox-${result.messageId}` });
  expect((await messagesOf(t))[0]).toMatchObject({ provider: 'outbox', status: 'sent' });
  expect(fakeTwilio.requests).toHaveLength(0);
});

test('a marketing text at 23:00 in the recipient zone waits for quiet hours to end', async () => {
  const night = createMessagingActivities({
    orm,
    logger,
    config: { ...configFor(), now: () => new Date('2026-06-10T03:00:00Z') },
    providers: createProviders(configFor(), { twilioHttpClient: fakeTwilio.httpClient() }),
  });
  const t = await createMessagingTenant(orm);
  const result = await night.sendMessage(
    smsInput(t, { appointmentId: undefined, campaignId: randomUUID(), templateId: 'win-back-sms', idempotencyKey: 'campaign-1' }),
  );
  expect(result).toMatchObject({ status: 'skipped', reason: 'quiet_hours', notBefore: '2026-06-10T08:00:00.000-04:00' });
  expect(fakeTwilio.requests).toHaveLength(0);
  // A reminder for an appointment is not held back.
  expect(await night.sendMessage(smsInput(t))).toMatchObject({ status: 'sent' });
});

test('a missing template is a non-retryable failure', async () => {
  const t = await createMessagingTenant(orm);
  await expect(messaging.sendMessage(smsInput(t, { templateId: 'nope' }))).rejects.toMatchObject({ type: 'TemplateNotFound', nonRetryable: true });
  expect(await messagesOf(t)).toHaveLength(0);
});
