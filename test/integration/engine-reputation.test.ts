/**
 * Reputation: a ledger, a score clamped to 0–100, recovery with clean time (+5 per 30 days since
 * the latest offence), bookings refused below the business's threshold unless an owner overrides.
 * Against the real database through the API and the adjustReputation activity.
 */
import '../helpers/fresh-orm-metadata';
import { createAdjustReputationActivity } from '../../activities/automation/adjust-reputation';
import { RECOVERY_PERIOD_DAYS, RECOVERY_POINTS } from '../../activities/automation/reputation-recovery';
import { Customer, ReputationEvent } from '../../db/entities';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

const DAY = 86_400_000;

let app: TestApp;
let owner: SignedUp;
let serviceId: string;
let staffId: string;
let slot = 0;
/** Distinct far-future slots, so bookings never overlap. */
const nextSlot = () => new Date(Date.UTC(2033, 2, 1, 0, 0) + slot++ * 4 * 3_600_000).toISOString();

const em = () => {
  const fork = app.orm.em.fork();
  fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
  return fork;
};

/** A customer whose ledger holds one offence `daysAgo`, leaving the score at `score`. */
async function customerWithOffence(name: string, score: number, daysAgo: number): Promise<string> {
  const id = (await owner.api.post('/api/customers', { name, email: `${name.split(' ')[0]!.toLowerCase()}.${Date.now()}@example.com` })).body.id as string;
  const fork = em();
  const customer = await fork.findOneOrFail(Customer, { id });
  customer.reputationScore = score;
  customer.noShowCount = 1;
  fork.create(ReputationEvent, {
    tenantId: owner.tenant.id,
    customerId: id,
    delta: score - 100,
    scoreAfter: score,
    reason: 'no-show',
    idempotencyKey: `test-offence:${id}`,
    createdAt: new Date(Date.now() - daysAgo * DAY),
  });
  await fork.flush();
  return id;
}

const ledger = async (customerId: string) =>
  (await em().find(ReputationEvent, { customerId }, { orderBy: { createdAt: 'asc', scoreAfter: 'asc' } })).map((e) => [e.delta, e.scoreAfter, e.reason]);
const scoreOf = async (customerId: string) => (await em().findOneOrFail(Customer, { id: customerId })).reputationScore;
const book = (customerId: string, extra: Record<string, unknown> = {}) =>
  owner.api.post('/api/appointments', { serviceId, staffId, customerId, startsAt: nextSlot(), ...extra });

beforeAll(async () => {
  app = await startTestApp();
  owner = await signup(app.baseUrl);
  serviceId = (await owner.api.post('/api/services', { name: 'Bath', durationMinutes: 50, priceCents: 3000 })).body.id;
  staffId = (await owner.api.post('/api/staff', { name: 'Robin', email: 'robin@example.com' })).body.id;
}, 60_000);
afterAll(() => app?.close());

test('recovery is +5 per 30 clean days since the last offence: enough of it lets a customer book again, credited once', async () => {
  expect([RECOVERY_POINTS, RECOVERY_PERIOD_DAYS]).toEqual([5, 30]);
  // 20 after a no-show 65 days ago: two clean periods are due, +10 → 30, the default threshold.
  const id = await customerWithOffence('Ines Late', 20, 65);
  const booked = await book(id);
  expect(booked.status).toBe(201);
  expect(await scoreOf(id)).toBe(30);
  expect(await ledger(id)).toEqual([
    [-80, 20, 'no-show'],
    [10, 30, expect.stringMatching(/^recovery: 60 clean days since "no-show" on \d{4}-\d\d-\d\d$/)],
  ]);
  // Nothing more is due until the next full period: a second booking credits nothing.
  expect((await book(id)).status).toBe(201);
  expect(await ledger(id)).toHaveLength(2);
  expect((await owner.api.get(`/api/customers/${id}`)).body.reputationScore).toBe(30);
});

test('still below the threshold after what clean time earned: refused with the reason; an owner may override', async () => {
  const id = await customerWithOffence('Otto Absent', 10, 40);
  const refused = await book(id);
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({ code: 'REPUTATION_TOO_LOW', details: [expect.objectContaining({ path: 'customerId', code: 'REPUTATION_TOO_LOW' })] });
  // One period (40 days) is credited before the check: 10 → 15, still below 30.
  expect(refused.body.error.message).toMatch(/reputation score is 15, below this business's booking threshold of 30 \(1 no-show on record\)/);
  expect(await scoreOf(id)).toBe(15);
  expect((await book(id)).status).toBe(409);
  expect(await ledger(id)).toHaveLength(2);

  const overridden = await book(id, { override: true, notes: 'Paid upfront' });
  expect(overridden.status).toBe(201);
  expect(overridden.body.overridden).toBe(true);
});

test('an adjustment credits the recovery first, then moves the score, clamped to 0–100', async () => {
  const adjust = createAdjustReputationActivity({ orm: app.orm });
  const input = (customerId: string, delta: number, key: string) => ({ tenantId: owner.tenant.id, customerId, delta, reason: delta < 0 ? 'no-show' : 'visit completed', idempotencyKey: key });

  // 50 after an offence 95 days ago: +15 recovery, then −20 → 45.
  const id = await customerWithOffence('Mia Chance', 50, 95);
  const outcome = await adjust(input(id, -20, `k1:${id}`));
  expect(outcome.output).toMatchObject({ scoreBefore: 65, scoreAfter: 45, delta: -20, recoveredBefore: 15 });
  expect((await ledger(id)).map(([delta, after]) => [delta, after])).toEqual([
    [-50, 50],
    [15, 65],
    [-20, 45],
  ]);
  // The new offence restarts the clock: the next adjustment right away credits nothing.
  expect((await adjust(input(id, 5, `k2:${id}`))).output).toMatchObject({ scoreBefore: 45, scoreAfter: 50 });
  expect(await ledger(id)).toHaveLength(4);

  // Clamped at both ends; the ledger records the change that happened.
  const near = await customerWithOffence('Ben Nearly', 8, 3);
  expect((await adjust(input(near, -20, `k3:${near}`))).output).toMatchObject({ scoreBefore: 8, scoreAfter: 0, delta: -8 });
  const long = await customerWithOffence('Eve Reformed', 90, 400);
  expect((await adjust(input(long, 5, `k4:${long}`))).output).toMatchObject({ scoreBefore: 100, scoreAfter: 100, delta: 0, recoveredBefore: 10 });
  // A retry with the same key changes nothing.
  expect((await adjust(input(long, 5, `k4:${long}`))).detail).toMatch(/already recorded/);
  expect(await scoreOf(long)).toBe(100);
});
