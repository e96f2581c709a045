/**
 * Campaigns on the real stack (API, worker, PostgreSQL, Temporal, the real twilio client against
 * the fake Twilio API), with small audiences: progress, opt-outs, non-retryable numbers, pause and
 * resume, cancel, the A/B winner sent to the rest, tracked links, attribution and prices.
 */
import { CampaignRecipient, Message } from '../../db/entities';
import { sleep, waitFor } from './automation-harness';
import { campaign, createSegment, createTemplate, launchCampaign, seedAudience, textsPerNumber, waitForCampaign, zoneAtLocalHour } from './campaign-stack';
import { type EngineStack, startEngineStack } from './engine-stack';
import { createFetchCampaignPricesActivity } from '../../activities/campaign/fetch-prices';
import { createProviders } from '../../activities/messaging';
import { createLogger } from '../../runtime/logger';

let stack: EngineStack;
const noon = () => zoneAtLocalHour(12);
/** The campaign texts (a booking's confirmation is not one). */
const isPromo = (body: string) => body.includes('20% off') || body.startsWith('Hello ');

beforeAll(async () => {
  stack = await startEngineStack();
  await createTemplate(stack, 'promo-a', 'Hi {{customer.firstName}}, 20% off this week! {{campaign.link}}');
  await createTemplate(stack, 'promo-b', 'Hello {{customer.firstName}}: book now and save. {{campaign.link}}');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

test('sends once to every recipient who agreed, skips opted-out ones, records an unreachable number, and shows progress', async () => {
  const audience = await seedAudience(stack, 30, { tag: 'progress', timezone: noon(), optedOutEvery: 10, noMarketingEvery: 7, phoneFrom: 2_100_000 });
  const blocked = audience.eligible[0]!;
  stack.twilio.failFor(blocked, { code: 21610 });
  const segmentId = await createSegment(stack, 'Progress', { tags: { any: ['progress'] } });
  const launched = await launchCampaign(stack, { name: 'Progress', segmentId, ratePerSecond: 50, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'promo-a' }] } });

  const done = await waitForCampaign(stack, launched.id, (c) => c.status === 'completed');
  const counts = textsPerNumber(stack);
  for (const phone of audience.eligible.slice(1)) expect(counts.get(phone)).toBe(1);
  for (const phone of [...audience.excluded, blocked]) expect(counts.get(phone) ?? 0).toBe(0);
  expect(done.progress).toMatchObject({
    audience: 30,
    queued: 0,
    sent: audience.eligible.length - 1,
    failed: 0,
    optedOut: audience.excluded.length + 1,
  });
  const failedRow = await stack.em().findOneOrFail(Message, { to: blocked, campaignId: launched.id });
  expect(failedRow).toMatchObject({ status: 'failed', errorCode: '21610' });
  // The blocked number was tried once: 21610 is not retried.
  expect(stack.twilio.sendRequests.filter((r) => r.form.To === blocked)).toHaveLength(1);
}, 120_000);

test('prices missing from the callbacks are fetched from Twilio afterwards, and the report shows the cost', async () => {
  const audience = await seedAudience(stack, 6, { tag: 'priced', timezone: noon(), phoneFrom: 2_150_000 });
  const segmentId = await createSegment(stack, 'Priced', { tags: { any: ['priced'] } });
  const launched = await launchCampaign(stack, { name: 'Priced', segmentId, ratePerSecond: 50, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'promo-a' }] } });
  await waitForCampaign(stack, launched.id, (c) => c.status === 'completed');
  const sent = stack.twilio.messages.filter((m) => audience.eligible.includes(m.to));
  expect(sent).toHaveLength(audience.eligible.length);
  // Twilio sets the price some time after the send; its callbacks here carried none.
  for (const m of sent) stack.twilio.setStatus(m.sid, 'delivered', { price: '-0.07900' });
  const fetchPrices = createFetchCampaignPricesActivity({
    orm: stack.app.orm,
    logger: createLogger({ level: 'silent', pretty: false }),
    providers: createProviders(stack.app.config, { twilioHttpClient: stack.twilio.httpClient() }),
  });
  const first = await fetchPrices({ tenantId: stack.owner.tenant.id, campaignId: launched.id });
  expect(first).toEqual({ updated: audience.eligible.length, missing: 0 });
  expect(await fetchPrices({ tenantId: stack.owner.tenant.id, campaignId: launched.id })).toEqual({ updated: 0, missing: 0 });
  const rows = await stack.em().find(Message, { campaignId: launched.id });
  expect(rows.map((r) => r.priceMicros)).toEqual(rows.map(() => 79_000));
  const report = (await stack.owner.api.get(`/api/campaigns/${launched.id}/report`)).body;
  expect(report.total.costCents).toBe(Math.round((audience.eligible.length * 79_000) / 10_000));
}, 120_000);

test('pause holds the sends, resume finishes them, and nobody gets two', async () => {
  const audience = await seedAudience(stack, 60, { tag: 'pausing', timezone: noon(), phoneFrom: 2_200_000 });
  const segmentId = await createSegment(stack, 'Pausing', { tags: { all: ['pausing'] } });
  const launched = await launchCampaign(stack, { name: 'Pausing', segmentId, ratePerSecond: 10, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'promo-a' }] } });
  const sentTo = () => audience.eligible.filter((p) => textsPerNumber(stack).has(p)).length;
  await waitFor(async () => sentTo(), (n) => n >= 5, 30_000);
  expect((await stack.owner.api.post(`/api/campaigns/${launched.id}/pause`)).body.status).toBe('paused');
  await sleep(5_000);
  const whilePaused = sentTo();
  await sleep(3_000);
  expect(sentTo()).toBe(whilePaused);
  expect(whilePaused).toBeLessThan(60);
  expect((await campaign(stack, launched.id)).progress.queued).toBe(60 - whilePaused);
  expect((await stack.owner.api.post(`/api/campaigns/${launched.id}/resume`)).status).toBe(200);
  await waitForCampaign(stack, launched.id, (c) => c.status === 'completed');
  const counts = textsPerNumber(stack);
  for (const phone of audience.eligible) expect(counts.get(phone)).toBe(1);
}, 120_000);

test('cancel stops a campaign: the rest is never sent', async () => {
  const audience = await seedAudience(stack, 60, { tag: 'cancelling', timezone: noon(), phoneFrom: 2_300_000 });
  const segmentId = await createSegment(stack, 'Cancelling', { tags: { any: ['cancelling'] } });
  const launched = await launchCampaign(stack, { name: 'Cancelling', segmentId, ratePerSecond: 10, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'promo-a' }] } });
  const sentTo = () => audience.eligible.filter((p) => textsPerNumber(stack).has(p)).length;
  await waitFor(async () => sentTo(), (n) => n >= 5, 30_000);
  expect((await stack.owner.api.post(`/api/campaigns/${launched.id}/cancel`)).status).toBe(200);
  await waitForCampaign(stack, launched.id, (c) => c.status === 'cancelled', 30_000);
  // Sends already started finish; within a second or two nothing more goes out.
  await sleep(3_000);
  const sent = sentTo();
  expect(sent).toBeLessThan(60);
  const cancelled = await campaign(stack, launched.id);
  expect(cancelled.progress).toMatchObject({ sent, cancelled: 60 - sent, queued: 0 });
  await sleep(3_000);
  expect(sentTo()).toBe(sent);
}, 120_000);

test('an A/B test share gets both variants, the chosen winner goes to the rest; clicks and bookings count per variant', async () => {
  const audience = await seedAudience(stack, 80, { tag: 'ab-winner', timezone: noon(), phoneFrom: 2_400_000 });
  const segmentId = await createSegment(stack, 'AB winner', { tags: { any: ['ab-winner'] } });
  const launched = await launchCampaign(stack, {
    name: 'AB winner',
    segmentId,
    ratePerSecond: 100,
    linkUrl: 'https://fern.example/book',
    abTest: { testPercent: 50, winner: { mode: 'manual' } },
    content: { channel: 'sms', variants: [{ id: 'a', templateId: 'promo-a' }, { id: 'b', templateId: 'promo-b' }] },
  });
  const awaiting = await waitForCampaign(stack, launched.id, (c) => c.workflow?.state === 'awaitingWinner', 60_000);
  const testShare = awaiting.progress.sent;
  expect(testShare).toBeGreaterThan(20);
  expect(testShare).toBeLessThan(60);
  const bodies = () => stack.twilio.messages.filter((m) => audience.eligible.includes(m.to)).map((m) => m.body).filter(isPromo);
  expect(bodies().some((b) => b.includes('20% off'))).toBe(true);
  expect(bodies().some((b) => b.startsWith('Hello '))).toBe(true);

  // A recipient of variant b follows their link and books.
  const bMessage = stack.twilio.messages.find((m) => m.body.startsWith('Hello ') && audience.eligible.includes(m.to))!;
  const link = /https:\/\/book\.example\.test(\/l\/[A-Za-z0-9_-]+)/.exec(bMessage.body)![1]!;
  const click = await fetch(`${stack.app.baseUrl}${link}`, { redirect: 'manual' });
  expect(click.status).toBe(302);
  expect(click.headers.get('location')).toBe('https://fern.example/book');
  const customerId = (await stack.em().findOneOrFail(CampaignRecipient, { campaignId: launched.id, variant: 'b', status: 'sent' }, { orderBy: { seq: 'asc' } })).customerId;
  const clicker = await stack.em().getConnection().execute(`select customer_id from tracked_links where code = ?`, [link.slice(3)]);
  await stack.book(clicker[0].customer_id as string, new Date(Date.now() + 3 * 24 * 3_600_000));
  expect(customerId).toBeDefined();

  expect((await stack.owner.api.post(`/api/campaigns/${launched.id}/winner`, { variant: 'zz' })).status).toBe(400);
  expect((await stack.owner.api.post(`/api/campaigns/${launched.id}/winner`, { variant: 'b' })).status).toBe(200);
  const done = await waitForCampaign(stack, launched.id, (c) => c.status === 'completed', 60_000);
  expect(done.winnerVariant).toBe('b');
  // The booking sent its own confirmation: count the campaign's texts only.
  const counts = textsPerNumber(stack, isPromo);
  for (const phone of audience.eligible) expect(counts.get(phone)).toBe(1);
  const restBodies = bodies().length - testShare;
  expect(restBodies).toBe(80 - testShare);
  const rest = await stack.em().find(CampaignRecipient, { campaignId: launched.id, phase: 'rest' });
  expect(rest.every((r) => r.variant === 'b' && r.status === 'sent')).toBe(true);

  const report = (await stack.owner.api.get(`/api/campaigns/${launched.id}/report`)).body;
  const b = report.variants.find((v: { variant: string }) => v.variant === 'b');
  expect(b).toMatchObject({ clicked: 1, bookings: 1, revenueCents: 6500 });
  expect(report.total.sent).toBe(80);
}, 180_000);

test('WhatsApp outside the 24 h window sends only the approved template; without one the recipient fails, not sent', async () => {
  await stack.owner.api.post('/api/templates', { key: 'wa-approved', name: 'WA approved', channel: 'whatsapp', body: 'Hi {{customer.firstName}}, spring offers inside.' });
  await stack.owner.api.post('/api/templates', { key: 'wa-free', name: 'WA free text', channel: 'whatsapp', body: 'Hi {{customer.firstName}}, free text.' });
  const knex = stack.app.orm.em.getKnex();
  await knex.raw(`update message_templates set whatsapp_content_sid = 'HXb5b62575e6e4ff6129ad7c8efe1f983e' where tenant_id = ? and key = 'wa-approved'`, [stack.owner.tenant.id]);
  const audience = await seedAudience(stack, 3, { tag: 'whatsapp', timezone: noon(), phoneFrom: 2_700_000 });
  const [writer] = (await knex.raw(`select id from customers where tenant_id = ? and phone = ?`, [stack.owner.tenant.id, audience.eligible[0]])).rows as Array<{ id: string }>;
  await knex.raw(
    `insert into messages (id, tenant_id, customer_id, channel, direction, "to", "from", body, status, provider) values (gen_random_uuid(), ?, ?, 'whatsapp', 'inbound', '+15005550006', ?, 'Hi!', 'received', 'twilio')`,
    [stack.owner.tenant.id, writer!.id, audience.eligible[0]],
  );
  const segmentId = await createSegment(stack, 'WhatsApp', { tags: { any: ['whatsapp'] }, channels: { whatsapp: true } });
  const sendsTo = (phone: string) => stack.twilio.sendRequests.filter((r) => r.form.To === `whatsapp:${phone}`);

  const approved = await launchCampaign(stack, { name: 'WA approved', segmentId, ratePerSecond: 20, content: { channel: 'whatsapp', variants: [{ id: 'a', templateId: 'wa-approved' }] } });
  await waitForCampaign(stack, approved.id, (c) => c.status === 'completed', 60_000);
  expect(sendsTo(audience.eligible[0]!).map((r) => [r.form.Body, r.form.ContentSid])).toEqual([['Hi Guest, spring offers inside.', undefined]]);
  for (const phone of audience.eligible.slice(1)) {
    expect(sendsTo(phone).map((r) => [r.form.Body, r.form.ContentSid])).toEqual([[undefined, 'HXb5b62575e6e4ff6129ad7c8efe1f983e']]);
  }

  const free = await launchCampaign(stack, { name: 'WA free', segmentId, ratePerSecond: 20, content: { channel: 'whatsapp', variants: [{ id: 'a', templateId: 'wa-free' }] } });
  const done = await waitForCampaign(stack, free.id, (c) => c.status === 'completed', 60_000);
  expect(done.progress).toMatchObject({ sent: 1, failed: 2 });
  expect(sendsTo(audience.eligible[0]!)).toHaveLength(2);
  for (const phone of audience.eligible.slice(1)) expect(sendsTo(phone)).toHaveLength(1);
  const failed = await stack.em().find(CampaignRecipient, { campaignId: free.id, status: 'failed' });
  expect(failed.map((r) => r.reason)).toEqual(['TemplateNotApproved', 'TemplateNotApproved']);
}, 120_000);

test('bad campaign input is refused with the field named, and nothing is written', async () => {
  const segmentId = await createSegment(stack, 'Bad input', { tags: { any: ['nobody'] } });
  const automationsBefore = (await stack.owner.api.get('/api/automations?status=all&limit=100')).body.total;
  const campaignsBefore = (await stack.owner.api.get('/api/campaigns')).body.total;
  const base = { name: 'Bad', segmentId, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'promo-a' }] } };

  const neither = await stack.owner.api.post('/api/campaigns', { name: 'Bad', segmentId });
  expect(neither.status).toBe(400);
  expect(neither.body.error.details.map((d: { path: string }) => d.path)).toContain('content');
  const unknownTemplate = await stack.owner.api.post('/api/campaigns', { ...base, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'no-such-template' }] } });
  expect(unknownTemplate.status).toBe(422);
  expect(unknownTemplate.body.error.details[0]).toMatchObject({ code: 'UNKNOWN_TEMPLATE', nodeId: 'send-a' });
  const unknownSegment = await stack.owner.api.post('/api/campaigns', { ...base, segmentId: '00000000-0000-4000-8000-000000000000' });
  expect(unknownSegment.status).toBe(400);
  expect(unknownSegment.body.error.details[0].path).toBe('segmentId');
  const tooFast = await stack.owner.api.post('/api/campaigns', { ...base, ratePerSecond: 5000 });
  expect(tooFast.body.error.details.map((d: { path: string }) => d.path)).toContain('ratePerSecond');
  const abWithoutSplit = await stack.owner.api.post('/api/campaigns', { ...base, abTest: { testPercent: 50, winner: { mode: 'manual' } } });
  expect(abWithoutSplit.status).toBe(400);

  expect((await stack.owner.api.get('/api/campaigns')).body.total).toBe(campaignsBefore);
  expect((await stack.owner.api.get('/api/automations?status=all&limit=100')).body.total).toBe(automationsBefore);

  const draft = await stack.owner.api.post('/api/campaigns', base);
  expect(draft.status).toBe(201);
  expect((await stack.owner.api.patch(`/api/campaigns/${draft.body.id}`, { ratePerSecond: 5 })).body.ratePerSecond).toBe(5);
  expect((await stack.owner.api.post(`/api/campaigns/${draft.body.id}/pause`)).status).toBe(409);
  expect((await stack.owner.api.delete(`/api/campaigns/${draft.body.id}`)).status).toBe(204);
  expect((await stack.owner.api.get(`/api/campaigns/${draft.body.id}`)).status).toBe(404);
});
