import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DateTime } from 'luxon';
import { Tenant } from '../entities/tenant';
import { seedDefaultAutomations } from './automations/seed-default-automations';
import { buildAppointments } from './demo/appointments';
import { buildLocation, buildTenant, DEMO_SLUG, DEMO_TIMEZONE } from './demo/business';
import type { DemoContext } from './demo/context';
import { buildCustomers } from './demo/customers';
import { buildOutcomes } from './demo/outcomes';
import { buildPets } from './demo/pets';
import { DEMO_SEED, Rng, seededRandom } from './demo/random';
import { buildServices } from './demo/services';
import { buildStaff, DEMO_STAFF } from './demo/staff';
import { buildTemplates } from './demo/templates';
import { buildUsers, DEMO_OWNER_EMAIL, DEMO_PASSWORD, type DemoLogin } from './demo/users';

export { DEMO_OWNER_EMAIL, DEMO_PASSWORD, DEMO_SLUG };
export type { DemoLogin };

export const DEMO_PAST_DAYS = 90;
export const DEMO_FUTURE_DAYS = 7;
/** Serialises concurrent first starts (several api replicas) on one database. */
const SEED_LOCK_KEY = 0x5eed_de30;

export interface SeedDemoOptions {
  /** Delete the existing demo tenant (and everything under it) and seed again. */
  force?: boolean;
  /** The clock the demo is laid out around; default the current time. */
  now?: Date;
  /** Source of randomness in [0, 1); default a PRNG with a fixed seed, so every demo is the same. */
  random?: () => number;
}

export interface SeedDemoResult {
  /** False when a demo tenant already existed and was kept. */
  seeded: boolean;
  tenantId: string;
  /** The owner's login. */
  login: DemoLogin;
  /** A staff member's login (role staff, linked to a Staff row). */
  staffLogin: DemoLogin;
  /** Upcoming pending/confirmed bookings whose appointment workflows the caller should start; empty when nothing was seeded. */
  futureAppointmentIds: string[];
  /** Rows written per entity; empty when nothing was seeded. */
  counts: Record<string, number>;
}

/**
 * Seeds the "Pawsh Grooming" demo tenant unless a tenant with slug `demo` already exists.
 * Everything is written in one transaction: a crash halfway leaves no half-seeded demo.
 */
export async function seedDemoIfEmpty(orm: MikroORM, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const staffLogin: DemoLogin = { email: DEMO_STAFF[0].email, password: DEMO_PASSWORD };
  const login: DemoLogin = { email: DEMO_OWNER_EMAIL, password: DEMO_PASSWORD };
  return orm.em.fork().transactional(async (em) => {
    await em.execute('select pg_advisory_xact_lock(?)', [SEED_LOCK_KEY]);
    const existing = await em.findOne(Tenant, { slug: DEMO_SLUG });
    if (existing && !options.force) {
      return { seeded: false, tenantId: existing.id, login, staffLogin, futureAppointmentIds: [], counts: {} };
    }
    if (existing) await deleteTenant(em, existing.id);
    return writeDemo(em, options);
  });
}

async function writeDemo(em: EntityManager, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const now = DateTime.fromJSDate(options.now ?? new Date(), { zone: DEMO_TIMEZONE });
  const since = now.minus({ years: 2 }).toJSDate();
  const tenant = buildTenant(em, since);
  const ctx: DemoContext = {
    em,
    rng: new Rng(options.random ?? seededRandom(DEMO_SEED)),
    tenantId: tenant.id,
    now,
    today: now.startOf('day'),
  };

  const location = buildLocation(em, tenant.id, since);
  const services = buildServices(ctx, location.id, since);
  const { staff, rules } = buildStaff(ctx, location.id, services, since);
  const users = await buildUsers(em, {
    tenantId: tenant.id,
    staffId: staff[0].entity.id,
    staffName: staff[0].entity.name,
    staffEmail: staff[0].entity.email,
    createdAt: since,
  });
  const customers = buildCustomers(ctx, staff);
  const { pets, vaccinations, petsByCustomer } = buildPets(ctx, customers);
  const { past, future } = buildAppointments(ctx, {
    staff,
    customers,
    petsByCustomer,
    locationId: location.id,
    ownerUserId: users.owner.id,
    pastDays: DEMO_PAST_DAYS,
    futureDays: DEMO_FUTURE_DAYS,
  });
  const outcomes = buildOutcomes(ctx, past, tenant.policies);
  const templates = buildTemplates(ctx, since);

  // Parents before children; each call is one multi-row insert (batched by the driver).
  const batches = {
    tenants: [tenant],
    locations: [location],
    services: [...services.values()].map((s) => s.entity),
    staff: staff.map((s) => s.entity),
    availabilityRules: rules,
    users: [users.owner, users.staff],
    customers: customers.map((c) => c.entity),
    pets: pets.map((p) => p.entity),
    vaccinations,
    appointments: [...past, ...future].map((a) => a.entity),
    payments: outcomes.payments,
    noShowRecords: outcomes.noShowRecords,
    reputationEvents: outcomes.reputationEvents,
    messageTemplates: templates,
  };
  const counts: Record<string, number> = {};
  for (const [name, rows] of Object.entries(batches)) {
    if (rows.length > 0) await em.insertMany(rows as object[]);
    counts[name] = rows.length;
  }
  // Every seeded automation, published and active, over the templates above.
  counts.automations = (await seedDefaultAutomations(em, tenant.id, { all: true })).length;

  return {
    seeded: true,
    tenantId: tenant.id,
    login: users.ownerLogin,
    staffLogin: users.staffLogin,
    futureAppointmentIds: future.map((a) => a.entity.id),
    counts,
  };
}

/** Removes a tenant and every row under it (tenant foreign keys cascade). */
async function deleteTenant(em: EntityManager, tenantId: string): Promise<void> {
  await em.nativeDelete(Tenant, { id: tenantId });
}
