import '../helpers/fresh-orm-metadata';
import { fixtureCampaignId, reportsRange } from '../fixtures/reports-dataset';
import { startReportsApp } from '../fixtures/reports-app';
import type { TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

/**
 * Every figure of every report over the fixed dataset (test/fixtures/reports-dataset.ts), worked
 * out by hand from the rows and written here as literals. Period 2026-03-02 … 2026-03-15 in
 * New York, DST change on the 8th; previous period 2026-02-16 … 2026-03-01.
 */

type Figures = Record<string, [value: number | null, previous: number | null, change: number | null]>;
interface Body {
  metrics: Array<{ key: string; value: number | null; previous: number | null; change: number | null }>;
  series: { points: Array<Record<string, string | number>> };
  previousSeries: { points: Array<Record<string, string | number>> };
  tables: Array<{ key: string; rows: Array<Record<string, unknown>> }>;
}

const figures = (body: Body): Figures => Object.fromEntries(body.metrics.map((m) => [m.key, [m.value, m.previous, m.change]]));
const table = (body: Body, key: string) => body.tables.find((t) => t.key === key)?.rows;

/** Daily points from `first` for `count` days: zero everywhere except the listed days. */
function daily(first: string, count: number, keys: string[], nonZero: Record<string, number[]>) {
  return Array.from({ length: count }, (_, i) => {
    const bucket = new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10);
    const values = nonZero[bucket] ?? keys.map(() => 0);
    return { bucket, ...Object.fromEntries(keys.map((k, j) => [k, values[j]])) };
  });
}
const current = (keys: string[], nonZero: Record<string, number[]>) => daily('2026-03-02', 14, keys, nonZero);
const previous = (keys: string[], nonZero: Record<string, number[]>) => daily('2026-02-16', 14, keys, nonZero);

describe('report figures over the fixed dataset', () => {
  let app: TestApp;
  let owner: SignedUp;
  const get = async (name: string, extra = '') => {
    const res = await owner.api.get(`/api/reports/${name}?from=${reportsRange.from}&to=${reportsRange.to}${extra}`);
    expect(res.status).toBe(200);
    return res.body as Body;
  };

  beforeAll(async () => {
    ({ app, owner } = await startReportsApp());
  });
  afterAll(async () => {
    await app?.close();
  });

  test('revenue: refunds on their own day, breakdowns, balances and forecast', async () => {
    const body = await get('revenue');
    expect(figures(body)).toEqual({
      // + 5000 + 4600 + 2000 + 2000 + 2500 + 10000 collected; − 2000 (9th) − 1000 (12th) refunded
      netRevenueCents: [23100, 4000, 4.775],
      grossRevenueCents: [26100, 4000, 5.525],
      refundsCents: [3000, 0, null],
      payments: [6, 1, 5],
      averageBookingValueCents: [3120, 4000, -0.22], // (5000 + 2000 + 2000 + 4600 + 2000) ÷ 5
      outstandingCents: [8000, null, null], // 1000 left after a1's refund + a4 refunded 2000 + a5 unpaid 2000 + open invoice 3000
      forecastCents: [5000, null, null],
      forecastAppointments: [1, null, null],
    });
    expect(body.series.points).toEqual(current(['netCents', 'refundsCents'], {
      '2026-03-04': [5000, 0], '2026-03-05': [4600, 0], '2026-03-07': [2000, 0], '2026-03-08': [2000, 0],
      '2026-03-09': [-2000, 2000], '2026-03-10': [2500, 0], '2026-03-12': [-1000, 1000], '2026-03-14': [10000, 0],
    }));
    expect(body.previousSeries.points).toEqual(previous(['netCents', 'refundsCents'], { '2026-02-20': [4000, 0] }));
    const money = (name: string, grossCents: number, refundsCents: number, netCents: number, payments: number) => ({ name, grossCents, refundsCents, netCents, payments });
    expect(table(body, 'byService')).toEqual([money('Full groom', 12100, 1000, 11100, 3), money('Packages, memberships and other', 10000, 0, 10000, 1), money('Nail trim', 4000, 2000, 2000, 2)]);
    expect(table(body, 'byStaff')).toEqual([money('Maya', 12100, 1000, 11100, 3), money('Unassigned or not a visit', 10000, 0, 10000, 1), money('Leo', 4000, 2000, 2000, 2)]);
    expect(table(body, 'byLocation')).toEqual([money('No location', 14000, 2000, 12000, 3), money('Downtown', 12100, 1000, 11100, 3)]);
    expect(table(body, 'byPaymentMethod')).toEqual([money('cash', 16600, 0, 16600, 3), money('card', 9500, 3000, 6500, 3)]);
    expect(table(body, 'byKind')).toEqual([money('service', 13600, 3000, 10600, 4), money('package', 10000, 0, 10000, 1), money('no_show_fee', 2500, 0, 2500, 1)]);
  });

  test('revenue by week and by month', async () => {
    const weeks = await get('revenue', '&groupBy=week');
    expect(weeks.series.points).toEqual([{ bucket: '2026-03-02', netCents: 13600, refundsCents: 0 }, { bucket: '2026-03-09', netCents: 9500, refundsCents: 3000 }]);
    const months = await get('revenue', '&groupBy=month');
    expect(months.series.points).toEqual([{ bucket: '2026-03-01', netCents: 23100, refundsCents: 3000 }]);
    expect(months.previousSeries.points).toEqual([{ bucket: '2026-02-01', netCents: 4000, refundsCents: 0 }, { bucket: '2026-03-01', netCents: 0, refundsCents: 0 }]);
  });

  test('appointments: statuses, rates, local heatmap across the DST change, reasons, sources, lead time', async () => {
    const body = await get('appointments');
    expect(figures(body)).toEqual({
      appointments: [8, 2, 3],
      completed: [5, 1, 4],
      cancelled: [2, 0, null],
      noShows: [1, 1, 0],
      noShowRate: [0.1667, 0.5, -0.6666], // 1 ÷ (5 completed + 1 no-show)
      cancellationRate: [0.25, 0, null],
      averageLeadHours: [167.3, 325.5, -0.486], // (736.5 + 24 + 240 + 1 + 167 + 24 + 2 + 144) ÷ 8
      medianLeadHours: [84, 325.5, -0.7419], // (24 + 144) ÷ 2
    });
    const keys = ['total', 'completed', 'cancelled', 'noShow'];
    expect(body.series.points).toEqual(current(keys, {
      '2026-03-03': [1, 1, 0, 0], '2026-03-05': [1, 1, 0, 0], '2026-03-07': [1, 1, 0, 0], '2026-03-08': [1, 1, 0, 0],
      '2026-03-10': [1, 0, 0, 1], '2026-03-11': [1, 0, 1, 0], '2026-03-13': [1, 0, 1, 0], '2026-03-14': [1, 1, 0, 0],
    }));
    expect(body.previousSeries.points).toEqual(previous(keys, { '2026-02-20': [1, 1, 0, 0], '2026-02-28': [1, 0, 0, 1] }));
    expect(table(body, 'byStatus')).toEqual([
      { status: 'pending', appointments: 0, share: 0 }, { status: 'confirmed', appointments: 0, share: 0 }, { status: 'checked_in', appointments: 0, share: 0 },
      { status: 'completed', appointments: 5, share: 0.625 }, { status: 'cancelled', appointments: 2, share: 0.25 }, { status: 'no_show', appointments: 1, share: 0.125 },
    ]);
    const heat: Record<string, Record<number, number>> = { Tue: { 10: 1, 23: 1 }, Thu: { 9: 1 }, Sat: { 10: 2 }, Sun: { 9: 1 } };
    expect(table(body, 'heatmap')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map((weekday) => ({
      weekday, ...Object.fromEntries(Array.from({ length: 24 }, (_, h) => [`h${h}`, heat[weekday]?.[h] ?? 0])),
    })));
    expect(table(body, 'cancellationReasons')).toEqual([{ reason: 'No reason given', appointments: 1 }, { reason: 'Sick', appointments: 1 }]);
    expect(table(body, 'bySource')).toEqual([{ source: 'online', appointments: 4, share: 0.5 }, { source: 'admin', appointments: 3, share: 0.375 }, { source: 'portal', appointments: 1, share: 0.125 }]);
    expect(table(body, 'leadTime')).toEqual([
      { bucket: 'Same day', appointments: 2 }, { bucket: '1–2 days', appointments: 2 }, { bucket: '3–7 days', appointments: 2 },
      { bucket: '8–30 days', appointments: 2 }, { bucket: 'Over 30 days', appointments: 0 },
    ]);
  });

  test('funnel: steps, conversion and drop-off per booking page', async () => {
    const body = await get('funnel');
    expect(figures(body)).toEqual({ sessions: [6, 1, 5], bookings: [2, 1, 1], conversionRate: [0.3333, 1, -0.6667] });
    expect(body.series.points).toEqual(current(['views', 'booked'], {
      '2026-03-03': [2, 0], '2026-03-08': [1, 1], '2026-03-09': [1, 0], '2026-03-10': [0, 1], '2026-03-12': [1, 0], '2026-03-15': [1, 0],
    }));
    expect(body.previousSeries.points).toEqual(previous(['views', 'booked'], { '2026-02-25': [1, 1] }));
    const labels = ['Viewed page', 'Chose a service', 'Chose a time', 'Filled the form', 'Booked'];
    const steps = (sessions: number[], conversion: number[], dropOff: Array<number | null>, extra: Record<string, string> = {}) =>
      labels.map((step, i) => ({ ...extra, step, sessions: sessions[i], conversion: conversion[i], dropOff: dropOff[i] }));
    expect(table(body, 'steps')).toEqual(steps([6, 5, 4, 3, 2], [1, 0.8333, 0.6667, 0.5, 0.3333], [null, 0.1667, 0.2, 0.25, 0.3333]));
    expect(table(body, 'byPage')).toEqual([
      ...steps([3, 3, 2, 2, 1], [1, 1, 0.6667, 0.6667, 0.3333], [null, 0, 0.3333, 0, 0.5], { page: 'Booking page' }),
      ...steps([3, 2, 2, 1, 1], [1, 0.6667, 0.6667, 0.3333, 0.3333], [null, 0.3333, 0, 0.5, 0], { page: 'instagram' }),
    ]);
  });

  test('customers: new and returning, repeat rate, lifetime value, top lists, churn and churn risk, segments', async () => {
    const body = await get('customers');
    expect(figures(body)).toEqual({
      activeCustomers: [4, 2, 1],
      newCustomers: [1, 2, -0.5],
      returningCustomers: [3, 0, null],
      repeatRate: [0.25, 0, null],
      lifetimeValueCents: [8850, 7500, 0.18], // (6500 + 4000 + 18000 + 4600 + 10000 + 10000) ÷ 6; before: 30000 ÷ 4
      churnedCustomers: [1, 1, 0],
      churnRate: [0.1667, 0.25, -0.3332],
      atRiskCustomers: [1, 1, 0],
    });
    expect(body.series.points).toEqual(current(['newCustomers'], { '2026-03-05': [1], '2026-03-08': [1] }));
    expect(body.previousSeries.points).toEqual(previous(['newCustomers'], { '2026-02-18': [1] }));
    expect(table(body, 'topByRevenue')).toEqual([
      { name: 'Cat', email: 'cat@example.com', netCents: 12000, payments: 2 }, { name: 'Ann', email: 'ann@example.com', netCents: 6500, payments: 2 },
      { name: 'Eve', email: 'eve@example.com', netCents: 4600, payments: 1 }, { name: 'Bob', email: 'bob@example.com', netCents: 0, payments: 1 },
    ]);
    expect(table(body, 'topByVisits')).toEqual([
      { name: 'Cat', email: 'cat@example.com', visits: 2, lastVisit: '2026-03-14T10:00:00.000-04:00' },
      { name: 'Ann', email: 'ann@example.com', visits: 1, lastVisit: '2026-03-03T23:30:00.000-05:00' },
      { name: 'Bob', email: 'bob@example.com', visits: 1, lastVisit: '2026-03-08T09:00:00.000-04:00' },
      { name: 'Eve', email: 'eve@example.com', visits: 1, lastVisit: '2026-03-05T09:00:00.000-05:00' },
    ]);
    expect(table(body, 'segments')).toEqual([
      { segment: 'One visit', customers: 2 }, { segment: 'Regular (2–4 visits)', customers: 3 },
      { segment: 'Loyal (5+ visits)', customers: 1 }, { segment: 'Churned (no visit in 90 days)', customers: 1 },
    ]);
    // Fay came weekly (5 and 12 January) and has been away 62.5 days at the end of the period.
    expect(table(body, 'churnRisk')).toEqual([{ name: 'Fay', email: 'fay@example.com', visits: 2, intervalDays: 7, daysSince: 62.5 }]);
    const shorter = await get('customers', '&churnDays=60');
    expect(figures(shorter).churnedCustomers).toEqual([2, 1, 1]); // Fay too, now
    expect(figures(shorter).atRiskCustomers).toEqual([0, 1, -1]);
  });

  test('staff: appointments, revenue, utilization against hours with overrides and time off, ratings, no-shows', async () => {
    const body = await get('staff');
    expect(figures(body)).toEqual({
      appointments: [6, 2, 2],
      bookedHours: [4.5, 1.5, 2],
      availableHours: [84, 96, -0.125], // Maya 9 days × 8 h (closed the 13th) + Leo 3 days × 4 h (off the 15th); before 80 + 16
      utilization: [0.0536, 0.0156, 2.4359],
      noShowRate: [0.1667, 0.5, -0.6666],
      revenueCents: [13100, 4000, 2.275],
    });
    expect(body.series.points).toEqual(current(['bookedHours'], {
      '2026-03-03': [1], '2026-03-05': [1], '2026-03-07': [0.5], '2026-03-08': [0.5], '2026-03-10': [1], '2026-03-14': [0.5],
    }));
    expect(body.previousSeries.points).toEqual(previous(['bookedHours'], { '2026-02-20': [1], '2026-02-28': [0.5] }));
    expect(table(body, 'byStaff')).toEqual([
      { name: 'Leo', appointments: 3, completed: 3, noShows: 0, noShowRate: 0, revenueCents: 2000, bookedHours: 1.5, availableHours: 12, utilization: 0.125, rating: 3, reviews: 1 },
      { name: 'Maya', appointments: 3, completed: 2, noShows: 1, noShowRate: 0.3333, revenueCents: 11100, bookedHours: 3, availableHours: 72, utilization: 0.0417, rating: 4.5, reviews: 2 },
    ]);
  });

  test('messaging: sent, delivered and failed rates, replies, click-through, cost per channel and campaign, A/B', async () => {
    const body = await get('messaging');
    expect(figures(body)).toEqual({
      messages: [6, 1, 5],
      sentRate: [0.6667, 1, -0.3333],
      deliveryRate: [0.5, 1, -0.5],
      failureRate: [0.3333, 0, null],
      responseRate: [0.2, 0, null], // Ann of Ann, Bob, Cat, Eve, Dan wrote back
      clickThroughRate: [0.3333, null, null], // Bob of Bob, Cat, Ann followed the campaign link
      costCents: [2.08, 0.79, 1.6329], // 0.79 + 0.79 + 0.50 cents
    });
    expect(body.series.points).toEqual(current(['sent', 'delivered', 'failed'], {
      '2026-03-03': [1, 1, 0], '2026-03-05': [1, 0, 0], '2026-03-08': [1, 1, 1], '2026-03-10': [1, 0, 1],
    }));
    expect(body.previousSeries.points).toEqual(previous(['sent', 'delivered', 'failed'], { '2026-02-20': [1, 1, 0] }));
    const rates = (total: number, sent: number, delivered: number, failed: number, suppressed: number, deliveryRate: number, failureRate: number, costCents: number) =>
      ({ total, sent, delivered, failed, suppressed, deliveryRate, failureRate, costCents });
    expect(table(body, 'byChannel')).toEqual([
      { channel: 'email', ...rates(1, 1, 0, 0, 0, 0, 0, 0) },
      { channel: 'sms', ...rates(4, 2, 2, 1, 1, 1, 0.25, 1.58) },
      { channel: 'whatsapp', ...rates(1, 1, 0, 1, 0, 0, 1, 0.5) },
    ]);
    expect(table(body, 'byCampaign')).toEqual([
      { campaign: 'Automations and one-off', variant: '—', ...rates(3, 2, 1, 0, 1, 0.5, 0, 0.79), linkRecipients: 0, clickers: 0, clicks: 0, clickThroughRate: null },
      { campaign: fixtureCampaignId, variant: 'A', ...rates(1, 1, 1, 0, 0, 1, 0, 0.79), linkRecipients: 1, clickers: 1, clicks: 2, clickThroughRate: 1 },
      { campaign: fixtureCampaignId, variant: 'B', ...rates(2, 1, 0, 2, 0, 0, 1, 0.5), linkRecipients: 2, clickers: 0, clicks: 0, clickThroughRate: 0 },
    ]);
  });

  test('automations: runs, completion and drop-off per node', async () => {
    const body = await get('automations');
    expect(figures(body)).toEqual({ runs: [5, 1, 4], completed: [2, 1, 1], failed: [1, 0, null], active: [1, 0, null], completionRate: [0.5, 1, -0.5] });
    expect(body.series.points).toEqual(current(['runs', 'completed', 'failed'], {
      '2026-03-03': [1, 1, 0], '2026-03-04': [1, 0, 1], '2026-03-08': [1, 1, 0], '2026-03-10': [1, 0, 0], '2026-03-11': [1, 0, 0],
    }));
    expect(body.previousSeries.points).toEqual(previous(['runs', 'completed', 'failed'], { '2026-02-20': [1, 1, 0] }));
    expect(table(body, 'byAutomation')).toEqual([
      { name: 'Fixture reminders', runs: 4, completed: 1, failed: 1, cancelled: 1, active: 1, completionRate: 0.3333 },
      { name: 'Follow-up', runs: 1, completed: 1, failed: 0, cancelled: 0, active: 0, completionRate: 1 },
    ]);
    const node = (automation: string, nodeId: string, nodeType: string, reached: number, reachRate: number, waiting: number, dropped: number, dropOff: number, failedSteps: number) =>
      ({ automation, nodeId, nodeType, reached, reachRate, waiting, dropped, dropOff, failedSteps });
    expect(table(body, 'byNode')).toEqual([
      node('Fixture reminders', 't', 'trigger', 4, 1, 0, 0, 0, 0),
      node('Fixture reminders', 'w1', 'wait', 4, 1, 1, 1, 0.25, 0),
      node('Fixture reminders', 's1', 'sendSms', 2, 0.5, 0, 1, 0.5, 1),
      node('Follow-up', 't', 'trigger', 1, 1, 0, 0, 0, 0),
      node('Follow-up', 'e', 'end', 1, 1, 0, 0, 0, 0),
    ]);
  });

  test('another business sees none of it', async () => {
    const other = await signup(app.baseUrl, { timezone: 'America/New_York' });
    for (const name of ['revenue', 'appointments', 'customers', 'staff', 'messaging', 'automations', 'funnel']) {
      const res = await other.api.get(`/api/reports/${name}?from=${reportsRange.from}&to=${reportsRange.to}`);
      expect(res.status).toBe(200);
      for (const m of (res.body as Body).metrics) expect([m.key, m.value === null || m.value === 0]).toEqual([m.key, true]);
    }
  });
});
