/**
 * Acceptance: quiet hours hold a campaign text until the recipient's morning, in the recipient's
 * own zone. Relative times keep it short: the campaign's quiet hours end a minute or two after
 * "now" in the night-time zone, while it is the middle of the day in the other zone.
 */
import { CampaignRecipient, Message } from '../../db/entities';
import { waitFor } from './automation-harness';
import { campaign, createSegment, createTemplate, launchCampaign, localTime, seedAudience, textsPerNumber, waitForCampaign, zoneAtLocalHour } from './campaign-stack';
import { type EngineStack, startEngineStack } from './engine-stack';

let stack: EngineStack;

beforeAll(async () => {
  stack = await startEngineStack();
  await createTemplate(stack, 'morning-promo', 'Good morning {{customer.firstName}}! Baths are half price today.');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

test('quiet hours hold the texts of recipients at night until their morning; the others go at once', async () => {
  const now = new Date();
  const nightZone = zoneAtLocalHour(3, now);
  const dayZone = zoneAtLocalHour(13, now);
  // "Morning" comes at the next whole minute that is at least 30 s away, in the night zone.
  const morning = localTime(nightZone, now).plus({ seconds: 30 }).startOf('minute').plus({ minutes: 1 });
  const quietHours = { start: '21:00', end: morning.toFormat('HH:mm') };

  const night = await seedAudience(stack, 10, { tag: 'night-owls', timezone: nightZone, phoneFrom: 2_500_000 });
  const day = await seedAudience(stack, 10, { tag: 'night-owls', timezone: dayZone, phoneFrom: 2_600_000 });
  const segmentId = await createSegment(stack, 'Everyone', { tags: { any: ['night-owls'] } });
  const launched = await launchCampaign(stack, { name: 'Morning', segmentId, ratePerSecond: 20, quietHours, content: { channel: 'sms', variants: [{ id: 'a', templateId: 'morning-promo' }] } });

  const got = (phones: string[]) => phones.filter((p) => textsPerNumber(stack).has(p)).length;
  await waitFor(async () => got(day.eligible), (n) => n === 10, 30_000);
  const held = await waitForCampaign(stack, launched.id, (c) => c.progress.held === 10 && c.workflow?.state === 'waiting', 30_000);
  expect(Date.now()).toBeLessThan(morning.toMillis());
  expect(got(night.eligible)).toBe(0);
  expect(held.workflow).toMatchObject({ state: 'waiting', nextDueAt: morning.toUTC().toISO({ suppressMilliseconds: false }) });
  const rows = await stack.em().find(CampaignRecipient, { campaignId: launched.id, status: 'held' });
  expect(rows.map((r) => r.notBefore?.getTime())).toEqual(Array(10).fill(morning.toMillis()));
  expect(await stack.em().count(Message, { campaignId: launched.id, status: 'suppressed', errorCode: 'quiet_hours' })).toBe(10);

  const done = await waitForCampaign(stack, launched.id, (c) => c.status === 'completed', 180_000);
  const nightArrivals = stack.arrivals.filter((a) => night.eligible.includes(a.to));
  expect(nightArrivals).toHaveLength(10);
  for (const arrival of nightArrivals) expect(arrival.at).toBeGreaterThanOrEqual(morning.toMillis());
  expect(done.progress).toMatchObject({ audience: 20, sent: 20, held: 0, queued: 0 });
  // The held sends reused their outbox rows: one message per recipient.
  expect(await stack.em().count(Message, { campaignId: launched.id })).toBe(20);
  expect((await campaign(stack, launched.id)).progress.sent).toBe(20);
}, 300_000);
