import '../helpers/fresh-orm-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createMessagingActivities, createProviders, type MessagingActivities } from '../../activities/messaging';
import { handleInboundSms, handleStatusCallback, verifyTwilioSignature } from '../../activities/messaging/twilio-webhooks';
import { Appointment, Customer, Message } from '../../db/entities';
import { createOrm } from '../../db/orm';
import { createLogger } from '../../runtime/logger';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createMessagingTenant, type MessagingTenant } from '../fakes/messaging-tenant';
import { type FakeTwilioServer, inboundSmsParams, signTwilioWebhook, startFakeTwilio, statusCallbackParams } from '../fakes/twilio-server';

const FROM = '+15005550006';
const INBOUND_URL = 'https://app.example.com/api/webhooks/twilio/inbound';

let db: TestDatabase;
let orm: MikroORM;
let fakeTwilio: FakeTwilioServer;
let messaging: MessagingActivities;

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm(db.url);
  fakeTwilio = await startFakeTwilio();
  const config = {
    PUBLIC_URL: 'https://app.example.com',
    TWILIO_ACCOUNT_SID: fakeTwilio.accountSid,
    TWILIO_AUTH_TOKEN: fakeTwilio.authToken,
    TWILIO_FROM: FROM,
  };
  messaging = createMessagingActivities({
    orm,
    logger: createLogger({ level: 'silent', pretty: false }),
    config,
    providers: createProviders(config, { twilioHttpClient: fakeTwilio.httpClient() }),
  });
});

afterAll(async () => {
  await fakeTwilio?.close();
  await orm?.close();
  await db?.drop();
});

beforeEach(() => fakeTwilio.reset());

function em(tenantId: string) {
  const fork = orm.em.fork();
  fork.setFilterParams('tenant', { tenantId });
  return fork;
}

async function phoneOf(t: MessagingTenant): Promise<string> {
  return (await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId })).phone!;
}

const send = (t: MessagingTenant, key: string) =>
  messaging.sendMessage({
    tenantId: t.tenantId,
    idempotencyKey: key,
    channel: 'sms',
    customerId: t.customerId,
    appointmentId: t.appointmentId,
    templateId: 'confirm-request-sms',
    context: t.context,
  });

/** What the API route does: check the signature over the form, then hand the text to the domain. */
async function receive(from: string, body: string, messageSid?: string) {
  const params = inboundSmsParams({ accountSid: fakeTwilio.accountSid, from, to: FROM, body, ...(messageSid ? { messageSid } : {}) });
  const signature = signTwilioWebhook(fakeTwilio.authToken, INBOUND_URL, params);
  expect(verifyTwilioSignature({ authToken: fakeTwilio.authToken, url: INBOUND_URL, params, signature })).toBe(true);
  return handleInboundSms(orm.em.fork(), { from: params.From!, to: params.To!, body: params.Body!, messageSid: params.MessageSid! });
}

test('a forged or altered webhook fails the signature check', () => {
  const params = inboundSmsParams({ accountSid: fakeTwilio.accountSid, from: '+12125550100', to: FROM, body: 'C' });
  const signature = signTwilioWebhook(fakeTwilio.authToken, INBOUND_URL, params);
  const check = (over: Partial<Parameters<typeof verifyTwilioSignature>[0]>) =>
    verifyTwilioSignature({ authToken: fakeTwilio.authToken, url: INBOUND_URL, params, signature, ...over });
  expect(check({})).toBe(true);
  expect(check({ params: { ...params, Body: 'X' } })).toBe(false);
  expect(check({ url: 'https://evil.example.com/api/webhooks/twilio/inbound' })).toBe(false);
  expect(check({ signature: signTwilioWebhook('not-the-token', INBOUND_URL, params) })).toBe(false);
  expect(check({ signature: undefined })).toBe(false);
});

test('STOP opts the number out: later texts are suppressed until START', async () => {
  const t = await createMessagingTenant(orm);
  const phone = await phoneOf(t);
  await send(t, 'before-stop');

  const stop = await receive(phone, 'Stop');
  expect(stop).toMatchObject({ intent: 'stop', tenantId: t.tenantId, customerId: t.customerId, duplicate: false });
  expect((await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId })).smsOptedOutAt).toBeInstanceOf(Date);
  const inbound = await em(t.tenantId).findOneOrFail(Message, { direction: 'inbound' });
  expect(inbound).toMatchObject({ status: 'received', body: 'Stop', from: phone, to: FROM, customerId: t.customerId, channel: 'sms' });

  expect(await send(t, 'after-stop')).toMatchObject({ status: 'skipped', reason: 'opted_out' });
  expect(fakeTwilio.sendRequests).toHaveLength(1);

  expect(await receive(phone, 'START')).toMatchObject({ intent: 'start', customerId: t.customerId });
  const customer = await em(t.tenantId).findOneOrFail(Customer, { id: t.customerId });
  expect(customer.smsOptedOutAt ?? null).toBeNull();
  expect(customer.smsOptIn).toBe(true);
  expect(await send(t, 'after-start')).toMatchObject({ status: 'sent' });
});

test('C confirms and X cancels the next upcoming appointment (returned as intents)', async () => {
  const t = await createMessagingTenant(orm);
  const phone = await phoneOf(t);
  await send(t, 'ask');
  // A later appointment of the same customer: the reply is about the sooner one.
  const later = await em(t.tenantId).findOneOrFail(Appointment, { id: t.appointmentId });
  const laterStart = new Date(later.startsAt.getTime() + 7 * 86_400_000);
  const fork = em(t.tenantId);
  fork.create(Appointment, {
    tenantId: t.tenantId, serviceId: t.serviceId, customerId: t.customerId, startsAt: laterStart,
    endsAt: new Date(laterStart.getTime() + 3_600_000), priceCents: 100, workflowId: `appointment:${t.tenantId}:later`,
  });
  await fork.flush();

  expect(await receive(phone, 'c')).toMatchObject({ intent: 'confirm', appointmentId: t.appointmentId, customerId: t.customerId });
  expect(await receive(phone, 'X.')).toMatchObject({ intent: 'cancel', appointmentId: t.appointmentId });
  expect(await receive(phone, 'what time again?')).toMatchObject({ intent: 'other', customerId: t.customerId });
  expect(await receive(phone, 'what time again?').then((r) => r.appointmentId)).toBeUndefined();
});

test('HELP answers with the help text; a retried webhook is recorded once', async () => {
  const t = await createMessagingTenant(orm);
  const phone = await phoneOf(t);
  await send(t, 'ask');
  const help = await receive(phone, 'help', 'SMfixed0000000000000000000000000001');
  expect(help.intent).toBe('help');
  expect(help.reply).toMatch(/^Paws & Claws: .*STOP/);
  const again = await receive(phone, 'help', 'SMfixed0000000000000000000000000001');
  expect(again).toMatchObject({ duplicate: true, messageId: help.messageId });
  expect(await em(t.tenantId).count(Message, { direction: 'inbound' })).toBe(1);
});

test('status callbacks move the message forward (never back) and record price and errors', async () => {
  const t = await createMessagingTenant(orm);
  const phone = await phoneOf(t);
  const sent = await send(t, 'status');
  const base = { accountSid: fakeTwilio.accountSid, messageSid: sent.providerMessageId!, to: phone, from: FROM };

  const delivered = statusCallbackParams({ ...base, status: 'delivered' });
  expect(await handleStatusCallback(orm.em.fork(), { ...delivered, Price: '-0.00790', PriceUnit: 'usd' })).toMatchObject({
    updated: true, tenantId: t.tenantId, status: 'delivered',
  });
  const late = statusCallbackParams({ ...base, status: 'sent' });
  await handleStatusCallback(orm.em.fork(), late);
  const row = await em(t.tenantId).findOneOrFail(Message, { id: sent.messageId });
  expect(row).toMatchObject({ status: 'delivered', priceMicros: 7900, priceCurrency: 'USD' });
  expect(row.deliveredAt).toBeInstanceOf(Date);

  const other = await send(t, 'undelivered');
  await handleStatusCallback(orm.em.fork(), statusCallbackParams({ ...base, messageSid: other.providerMessageId!, status: 'undelivered', errorCode: 30003 }));
  expect(await em(t.tenantId).findOneOrFail(Message, { id: other.messageId })).toMatchObject({ status: 'undelivered', errorCode: '30003' });

  expect(await handleStatusCallback(orm.em.fork(), { MessageSid: 'SMunknown', MessageStatus: 'delivered' })).toEqual({ updated: false });
});
