import { verify } from '@node-rs/argon2';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import {
  Appointment,
  AvailabilityRule,
  Customer,
  MessageTemplate,
  NoShowRecord,
  Payment,
  Pet,
  ReputationEvent,
  Service,
  Staff,
  Tenant,
  User,
  Vaccination,
} from '../../db/entities';
import { createOrm } from '../../db/orm';
import { seedDemoIfEmpty, type SeedDemoResult } from '../../db/seeders/seed-demo';
import { createTestDatabase } from '../helpers/database';

// Three months before this instant cross the switch to daylight saving time (8 March 2026).
const now = new Date('2026-03-20T16:00:00Z');
const zone = 'America/New_York';
const DAY = 86_400_000;

let db: { url: string; drop(): Promise<void> };
let orm: MikroORM;
let seed: SeedDemoResult;

function em() {
  const fork = orm.em.fork();
  fork.setFilterParams('tenant', { tenantId: seed.tenantId });
  return fork;
}

beforeAll(async () => {
  db = await createTestDatabase();
  orm = await createOrm(db.url);
  const started = Date.now();
  seed = await seedDemoIfEmpty(orm, { now });
  expect(Date.now() - started).toBeLessThan(5_000);
});

afterAll(async () => {
  await orm?.close();
  await db?.drop();
});

test('the first call seeds the Pawsh Grooming demo tenant in New York', async () => {
  expect(seed.seeded).toBe(true);
  const tenant = await orm.em.fork().findOneOrFail(Tenant, { slug: 'demo' });
  expect(tenant).toMatchObject({ id: seed.tenantId, name: 'Pawsh Grooming', timezone: zone, currency: 'USD' });
  expect(tenant.policies.cancelWindowHours).toBe(24);
  expect(seed.login).toEqual({ email: 'owner@demo.appointflow.test', password: 'demo-password-123' });
});

test('six services, and three staff members with weekly hours and services', async () => {
  const services = await em().find(Service, {});
  expect(services).toHaveLength(6);
  expect(services.map((s) => s.name)).toEqual(
    expect.arrayContaining(['Bath & Brush', 'Full Groom', 'Nail Trim', 'Puppy Intro', 'De-shedding Treatment', 'Teeth Cleaning']),
  );
  expect(services.some((s) => s.requiresVaccination)).toBe(true);
  expect(new Set(services.map((s) => s.category))).toEqual(new Set(['grooming', 'wellness']));

  const staff = await em().find(Staff, {});
  expect(staff).toHaveLength(3);
  const rules = await em().find(AvailabilityRule, {});
  const serviceIds = new Set(services.map((s) => s.id));
  for (const member of staff) {
    const own = rules.filter((r) => r.staffId === member.id);
    expect(new Set(own.map((r) => r.weekday)).size).toBeGreaterThanOrEqual(4);
    expect(own.every((r) => r.startTime < r.endTime)).toBe(true);
    expect(member.serviceIds.length).toBeGreaterThan(0);
    expect(member.serviceIds.every((id) => serviceIds.has(id))).toBe(true);
  }
  const schedules = staff.map((m) =>
    rules
      .filter((r) => r.staffId === m.id)
      .map((r) => `${r.weekday} ${r.startTime}-${r.endTime}`)
      .sort()
      .join(','),
  );
  expect(new Set(schedules).size).toBe(3);
});

test('forty customers, each with pets, and vaccinations some of which expire within 30 days', async () => {
  const customers = await em().find(Customer, {});
  expect(customers).toHaveLength(40);
  expect(new Set(customers.map((c) => c.name)).size).toBe(40);
  for (const customer of customers) {
    expect(customer.phone).toMatch(/^\+1\d{3}55501\d{2}$/);
    expect(customer.email).toMatch(/@example\.com$/);
  }
  expect(customers.some((c) => c.tags.includes('vip'))).toBe(true);
  expect(customers.some((c) => c.reputationScore < 100)).toBe(true);

  const pets = await em().find(Pet, {});
  const petsPerCustomer = new Map<string, number>();
  for (const pet of pets) petsPerCustomer.set(pet.customerId, (petsPerCustomer.get(pet.customerId) ?? 0) + 1);
  expect(petsPerCustomer.size).toBe(40);
  expect([...petsPerCustomer.values()].every((n) => n >= 1 && n <= 2)).toBe(true);
  expect(new Set(pets.map((p) => p.species))).toEqual(new Set(['dog', 'cat']));

  const vaccinations = await em().find(Vaccination, {});
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;
  const in30 = DateTime.fromJSDate(now, { zone }).plus({ days: 30 }).toISODate()!;
  expect(new Set(vaccinations.map((v) => v.petId)).size).toBe(pets.length);
  expect(vaccinations.filter((v) => v.expiresOn >= today && v.expiresOn <= in30).length).toBeGreaterThanOrEqual(5);
  expect(vaccinations.filter((v) => v.expiresOn < today).length).toBeGreaterThanOrEqual(1);
  expect(vaccinations.every((v) => v.administeredOn < v.expiresOn && v.administeredOn <= today)).toBe(true);
});

test('ninety days of past appointments with payments, no-shows and cancellations', async () => {
  const appointments = await em().find(Appointment, { startsAt: { $lt: now } });
  const earliest = Math.min(...appointments.map((a) => a.startsAt.getTime()));
  expect(earliest).toBeGreaterThanOrEqual(now.getTime() - 91 * DAY);
  expect(earliest).toBeLessThan(now.getTime() - 85 * DAY);
  expect(appointments.length).toBeGreaterThan(150);

  const byStatus = (status: string) => appointments.filter((a) => a.status === status);
  expect(byStatus('completed').length + byStatus('no_show').length + byStatus('cancelled').length).toBe(appointments.length);
  expect(byStatus('no_show').length / appointments.length).toBeGreaterThan(0.02);
  expect(byStatus('no_show').length / appointments.length).toBeLessThan(0.12);
  expect(byStatus('cancelled').length / appointments.length).toBeGreaterThan(0.03);
  expect(byStatus('cancelled').length / appointments.length).toBeLessThan(0.15);
  expect(byStatus('cancelled').every((a) => a.cancelReason && a.cancelledAt)).toBe(true);

  const payments = await em().find(Payment, {});
  const servicePayments = new Map(payments.filter((p) => p.kind === 'service').map((p) => [p.appointmentId, p]));
  for (const appointment of byStatus('completed')) {
    expect(servicePayments.get(appointment.id)).toMatchObject({ status: 'paid', amountCents: appointment.priceCents });
  }
  expect(payments.filter((p) => p.kind === 'no_show_fee').length).toBeGreaterThan(0);
  expect(new Set(payments.map((p) => p.method))).toEqual(new Set(['card', 'cash']));

  const noShowRecords = await em().find(NoShowRecord, {});
  expect(noShowRecords).toHaveLength(byStatus('no_show').length);
  expect(await em().count(ReputationEvent, { reason: 'no_show' })).toBe(byStatus('no_show').length);

  const customers = await em().find(Customer, {});
  const total = (pick: (c: Customer) => number) => customers.reduce((sum, c) => sum + pick(c), 0);
  expect(total((c) => c.visitCount)).toBe(byStatus('completed').length);
  expect(total((c) => c.noShowCount)).toBe(byStatus('no_show').length);
});

test('a handful of upcoming appointments in the next seven days carry their workflow ids', async () => {
  const upcoming = await em().find(Appointment, { startsAt: { $gte: now } });
  expect(upcoming.length).toBeGreaterThanOrEqual(3);
  expect(upcoming.length).toBeLessThanOrEqual(30);
  expect(new Set(upcoming.map((a) => a.id))).toEqual(new Set(seed.futureAppointmentIds));
  for (const appointment of upcoming) {
    expect(['pending', 'confirmed']).toContain(appointment.status);
    expect(appointment.startsAt.getTime()).toBeLessThan(now.getTime() + 8 * DAY);
    expect(appointment.workflowId).toBe(`appointment:${seed.tenantId}:${appointment.id}`);
  }
});

test('no staff member holds overlapping appointments, and every one sits inside their hours', async () => {
  const [{ overlaps }] = await orm.em.fork().getConnection().execute<Array<{ overlaps: string }>>(
    `select count(*) as overlaps from appointments a join appointments b
       on a.staff_id = b.staff_id and a.id < b.id
      and tstzrange(a.starts_at, a.ends_at) && tstzrange(b.starts_at, b.ends_at)
      where a.tenant_id = ?`,
    [seed.tenantId],
  );
  expect(Number(overlaps)).toBe(0);

  const rules = await em().find(AvailabilityRule, {});
  const appointments = await em().find(Appointment, {});
  for (const appointment of appointments) {
    const starts = DateTime.fromJSDate(appointment.startsAt, { zone });
    const ends = DateTime.fromJSDate(appointment.endsAt, { zone });
    const local = (t: DateTime) => t.toFormat('HH:mm');
    const fits = rules.some(
      (r) =>
        r.staffId === appointment.staffId &&
        r.weekday === starts.weekday &&
        r.startTime <= local(starts) &&
        local(ends) <= r.endTime &&
        starts.hasSame(ends, 'day'),
    );
    expect({ id: appointment.id, at: starts.toISO(), fits }).toEqual({ id: appointment.id, at: starts.toISO(), fits: true });
  }
});

test('the demo logins verify with the documented password', async () => {
  const users = await em().find(User, {}, { populate: ['passwordHash'] });
  const owner = users.find((u) => u.email === seed.login.email);
  expect(owner?.role).toBe('owner');
  expect(await verify(owner!.passwordHash, seed.login.password)).toBe(true);
  expect(await verify(owner!.passwordHash, 'not-the-password')).toBe(false);

  const staffUser = users.find((u) => u.email === seed.staffLogin.email);
  expect(staffUser).toMatchObject({ role: 'staff' });
  expect(staffUser?.staffId).toBeDefined();
  expect(await verify(staffUser!.passwordHash, seed.staffLogin.password)).toBe(true);
});

test('message templates exist for every key the default automations use', async () => {
  const templates = await em().find(MessageTemplate, {});
  expect(templates.map((t) => t.key).sort()).toEqual([
    'birthday-sms',
    'booking-confirmation-email',
    'booking-confirmation-sms',
    'confirm-request-sms',
    'no-show-notice-sms',
    'reminder-24h-email',
    'reminder-2h-sms',
    'thank-you-sms',
    'vaccination-expiry-sms',
    'win-back-sms',
  ]);
  expect(templates.find((t) => t.key === 'reminder-24h-email')?.subject).toBeTruthy();
  expect(templates.every((t) => t.body.includes('{{'))).toBe(true);
});

test('a second call seeds nothing and keeps the data', async () => {
  const before = await em().count(Appointment, {});
  const again = await seedDemoIfEmpty(orm, { now });
  expect(again).toMatchObject({ seeded: false, tenantId: seed.tenantId, futureAppointmentIds: [] });
  expect(again.login).toEqual(seed.login);
  expect(await orm.em.fork().count(Tenant, { slug: 'demo' })).toBe(1);
  expect(await em().count(Appointment, {})).toBe(before);
});

test('force reseeds the same demo from scratch: the data is reproducible', async () => {
  const snapshot = async (tenantId: string) => {
    const fork = orm.em.fork();
    fork.setFilterParams('tenant', { tenantId });
    const customers = await fork.find(Customer, {}, { orderBy: { name: 'asc' } });
    const names = new Map(customers.map((c) => [c.id, c.name]));
    const staff = new Map((await fork.find(Staff, {})).map((m) => [m.id, m.name]));
    const appointments = await fork.find(Appointment, {});
    return {
      customers: customers.map((c) => [c.name, c.phone, c.visitCount, c.reputationScore].join(' ')),
      appointments: appointments
        .map((a) => [a.startsAt.toISOString(), staff.get(a.staffId!), names.get(a.customerId), a.status, a.priceCents].join(' '))
        .sort(),
    };
  };
  const first = await snapshot(seed.tenantId);
  const reseeded = await seedDemoIfEmpty(orm, { now, force: true });
  expect(reseeded.seeded).toBe(true);
  expect(reseeded.tenantId).not.toBe(seed.tenantId);
  expect(await orm.em.fork().count(Tenant, {})).toBe(1);
  expect(await snapshot(reseeded.tenantId)).toEqual(first);
});
