import '../helpers/fresh-orm-metadata';
import { DateTime } from 'luxon';
import { Appointment, Message, Tenant, WaitlistEntry } from '../../db/entities';
import { createLogger } from '../../runtime/logger';
import { connectTemporalWorker } from '../../runtime/temporal-connection';
import { type RunningWorker, startWorker } from '../../worker/start-worker';
import { waitlistOfferWorkflowId, type WaitlistOfferState } from '../../workflows/waitlist-contract';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type Loose, type SignedUp, signup } from '../helpers/http';

const ZONE = 'Europe/London';
const HOLD_SECONDS = 3;

describe('waitlist offer chain on the real Temporal server', () => {
  let app: TestApp;
  let owner: SignedUp;
  let worker: RunningWorker;
  let workerConnection: Awaited<ReturnType<typeof connectTemporalWorker>>;
  let serviceId: string;
  let staffId: string;
  const anon = () => apiClient(app.baseUrl);
  const em = () => {
    const fork = app.orm.em.fork();
    fork.setFilterParams('tenant', { tenantId: owner.tenant.id });
    return fork;
  };
  const slot = (days: number, time: string) => DateTime.fromISO(`${DateTime.now().setZone(ZONE).plus({ days }).toISODate()}T${time}`, { zone: ZONE }).toUTC().toISO() as string;
  const customer = async (name: string) =>
    (await owner.api.post('/api/customers', { name, email: `${name.toLowerCase()}@example.com`, emailOptIn: true })).body.id as string;
  const join = (customerId: string) =>
    owner.api.post('/api/waitlist', { customerId, serviceId, fromDate: DateTime.now().setZone(ZONE).toISODate(), toDate: DateTime.now().setZone(ZONE).plus({ days: 20 }).toISODate() });

  /** Waits for the offer email to this customer and returns the secret of its link. */
  async function offerTokenFor(name: string, after: Date): Promise<string> {
    const to = `${name.toLowerCase()}@example.com`;
    for (let i = 0; i < 100; i++) {
      const message = await em().findOne(Message, { to, createdAt: { $gte: after }, subject: { $like: 'A spot opened up%' } }, { orderBy: { createdAt: 'desc' } });
      const token = message ? /\/waitlist\/offers\/([A-Za-z0-9_-]+)/.exec(message.body)?.[1] : undefined;
      if (token) return token;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`no offer reached ${name}`);
  }

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: ZONE });
    const logger = createLogger({ level: 'warn', pretty: false });
    workerConnection = await connectTemporalWorker(app.config.TEMPORAL_ADDRESS as string, app.config);
    worker = await startWorker({ config: app.config, orm: app.orm, connection: workerConnection, logger });

    const tenant = await em().findOneOrFail(Tenant, { id: owner.tenant.id });
    tenant.policies = { ...tenant.policies, waitlistHoldMinutes: HOLD_SECONDS / 60 };
    await em().upsert(tenant);
    serviceId = (await owner.api.post('/api/services', { name: 'Deshedding', durationMinutes: 60, priceCents: 6000 })).body.id;
    staffId = (await owner.api.post('/api/staff', { name: 'Uma', email: 'uma@example.com', serviceIds: [serviceId] })).body.id;
    const hours = { rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startTime: '08:00', endTime: '18:00' })) };
    await fetch(`${app.baseUrl}/api/staff/${staffId}/hours`, { method: 'PUT', headers: { Authorization: `Bearer ${owner.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(hours) });
  });
  afterAll(async () => {
    await worker?.stop();
    await workerConnection?.close();
    await app?.close();
  });

  test('the first declines, the second accepts: the slot is booked for them', async () => {
    const [xavier, ava, bea] = [await customer('Xavier'), await customer('Ava'), await customer('Bea')];
    const startsAt = slot(3, '10:00');
    const taken = await owner.api.post('/api/appointments', { serviceId, staffId, customerId: xavier, startsAt });
    const avaEntry = await join(ava);
    const beaEntry = await join(bea);
    expect([avaEntry.body.position, beaEntry.body.position]).toEqual([1, 2]);

    const cancelledAt = new Date();
    await owner.api.post(`/api/appointments/${taken.body.id}/cancel`, { reason: 'Moved away' });
    const avaToken = await offerTokenFor('Ava', cancelledAt);
    const offer = await anon().get(`/api/public/waitlist-offers/${avaToken}`);
    expect(offer.body).toMatchObject({ status: 'pending', startsAt: new Date(startsAt).toISOString(), staff: { id: staffId, name: 'Uma' } });
    expect((await owner.api.get(`/api/waitlist?customerId=${ava}`)).body.items[0]).toMatchObject({ status: 'offered', position: 1 });

    expect((await anon().post(`/api/public/waitlist-offers/${avaToken}/decline`)).status).toBe(200);
    const beaToken = await offerTokenFor('Bea', cancelledAt);
    const accepted = await anon().post(`/api/public/waitlist-offers/${beaToken}/accept`, {});
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ customerId: bea, staffId, source: 'waitlist', startsAt: new Date(startsAt).toISOString() });

    const result = (await app.temporal.workflow.getHandle(waitlistOfferWorkflowId(owner.tenant.id, taken.body.id)).result()) as WaitlistOfferState;
    expect(result.outcome).toBe('accepted');
    expect(result.offers.map((o) => [o.customerId, o.result])).toEqual([[ava, 'declined'], [bea, 'accepted']]);
    // Ava keeps her place for the next slot; Bea's entry is done.
    expect((await em().findOneOrFail(WaitlistEntry, { id: avaEntry.body.id })).status).toBe('waiting');
    expect(await em().findOneOrFail(WaitlistEntry, { id: beaEntry.body.id })).toMatchObject({ status: 'booked', appointmentId: accepted.body.id });
    // Answering again changes nothing.
    expect((await anon().post(`/api/public/waitlist-offers/${beaToken}/accept`, {})).body.error.code).toBe('OFFER_NOT_OPEN');
  }, 60_000);

  test('an offer nobody answers runs out and moves on; the slot is held for the offered customer meanwhile', async () => {
    const [yara, cody] = [await customer('Yara'), await customer('Cody')];
    const startsAt = slot(4, '14:00');
    const taken = await owner.api.post('/api/appointments', { serviceId, staffId, customerId: yara, startsAt });
    const codyEntry = await join(cody);
    // Ava (from the first test) is still first in line.
    expect(codyEntry.body.position).toBe(2);

    const cancelledAt = new Date();
    await owner.api.post(`/api/appointments/${taken.body.id}/cancel`);
    await offerTokenFor('Ava', cancelledAt);
    const day = DateTime.fromISO(startsAt).setZone(ZONE).toISODate();
    const free = (await anon().get(`/api/public/${owner.tenant.slug}/availability?serviceId=${serviceId}&from=${day}&to=${day}`)).body.slots as Loose[];
    expect(free.find((s) => Date.parse(s.startsAt) === Date.parse(startsAt))).toBeUndefined();
    const sniper = await anon().post(`/api/public/${owner.tenant.slug}/bookings`, { serviceId, startsAt, customer: { name: 'Sniper', email: 'sniper@example.com' } });
    expect(sniper.status).toBe(409);

    const codyToken = await offerTokenFor('Cody', cancelledAt);
    const accepted = await anon().post(`/api/public/waitlist-offers/${codyToken}/accept`, {});
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ customerId: cody, source: 'waitlist' });

    const result = (await app.temporal.workflow.getHandle(waitlistOfferWorkflowId(owner.tenant.id, taken.body.id)).result()) as WaitlistOfferState;
    expect(result.offers.map((o) => o.result)).toEqual(['expired', 'accepted']);
    expect(await em().count(Appointment, { startsAt: new Date(startsAt), status: { $ne: 'cancelled' } })).toBe(1);
  }, 60_000);
});
