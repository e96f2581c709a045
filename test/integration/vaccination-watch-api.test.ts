/**
 * Vaccination records and their durable watches through the API, on the real stack (dev server,
 * worker, database): a new record starts `vaccination:<tenant>:<id>` running the tenant's
 * vaccination automation; a renewal ends the old watch and its pending alerts; an edit of the
 * expiry moves them; a deletion stops them; the daily sweep starts the watches of records that
 * arrived without one. Booking a vaccination-required service is refused with the pet and vaccine
 * named, and staff can override, audit-logged.
 */
import { DateTime } from 'luxon';
import { AuditLog, AutomationRun, VaccinationWatch } from '../../db/entities';
import { automationRunWorkflowId } from '../../workflows/automation-run-contract';
import {
  type VaccinationWatchState,
  vaccinationWatchQuery,
  vaccinationWatchWorkflowId,
  vaccinationSweepWorkflowType,
} from '../../workflows/vaccination-watch-contract';
import { addUser } from '../helpers/http';
import { waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

let stack: EngineStack;
let automationId: string;
let petId: string;
const ZONE = 'America/New_York';
const inDays = (days: number) => DateTime.now().setZone(ZONE).plus({ days }).toISODate() as string;

beforeAll(async () => {
  stack = await startEngineStack({ businessName: 'Fern Grooming' });
  const created = await stack.owner.api.post('/api/automations', { name: 'Vaccination alerts', fromTemplate: 'vaccination-expiry' });
  automationId = created.body.id;
  expect((await stack.owner.api.post(`/api/automations/${automationId}/publish`)).status).toBe(201);
  const customer = await stack.customer({ name: 'Ada Byron' });
  petId = (await stack.owner.api.post('/api/pets', { customerId: customer.id, name: 'Biscuit', species: 'dog' })).body.id;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const watchOf = (vaccinationId: string) => stack.app.temporal.workflow.getHandle(vaccinationWatchWorkflowId(stack.owner.tenant.id, vaccinationId));
const runIdOf = (vaccinationId: string, generation = 1) =>
  automationRunWorkflowId({ tenantId: stack.owner.tenant.id, subjectId: vaccinationId, automationId, event: 'vaccination.recorded', occurrence: generation });

async function record(name: string, expiresOn: string): Promise<string> {
  const res = await stack.owner.api.post('/api/vaccinations', { petId, name, administeredOn: '2025-01-10', expiresOn });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** The interpreter's index row of a run, once `done` holds. */
const runRow = (workflowId: string, done: (run: AutomationRun) => boolean) =>
  waitFor(() => stack.em().findOne(AutomationRun, { workflowId }), (run) => run !== null && done(run), 20_000) as Promise<AutomationRun>;

test('a new record starts its watch, whose run waits for the 30-day alert', async () => {
  const id = await record('Rabies', inDays(90));
  const state = await waitFor(() => watchOf(id).query(vaccinationWatchQuery), (s: VaccinationWatchState) => s.children.length === 1, 20_000);
  expect(state).toMatchObject({ generation: 1, expiresOn: inDays(90), children: [{ workflowId: runIdOf(id), automationId }] });
  const run = await runRow(runIdOf(id), (r) => r.status === 'waiting');
  expect(run.currentNodeId).toBe('w30');
  expect(DateTime.fromJSDate(run.nextWakeAt as Date, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${inDays(60)} 09:00`);
  const row = await stack.em().findOneOrFail(VaccinationWatch, { vaccinationId: id });
  expect(row).toMatchObject({ workflowId: vaccinationWatchWorkflowId(stack.owner.tenant.id, id), expiresOn: inDays(90), generation: 1 });
});

test('a renewal ends the old watch: its run stops at the goal and nothing more is sent', async () => {
  const old = await record('Distemper', inDays(60));
  await runRow(runIdOf(old), (r) => r.status === 'waiting');
  const renewed = await record('  distemper ', inDays(420));

  const result = (await watchOf(old).result()) as VaccinationWatchState;
  expect(result.endReason).toBe('renewed');
  const oldRun = await runRow(runIdOf(old), (r) => r.status !== 'waiting');
  expect(oldRun).toMatchObject({ status: 'completed', endReason: 'goal' });
  expect(await stack.em().findOneOrFail(VaccinationWatch, { vaccinationId: old })).toMatchObject({ endReason: 'renewed' });
  // The new record is watched.
  await runRow(runIdOf(renewed), (r) => r.status === 'waiting');
});

test('an edit of the expiry moves the alerts; a notes edit does not; a deletion stops them', async () => {
  const id = await record('Leptospirosis', inDays(50));
  await runRow(runIdOf(id), (r) => r.status === 'waiting');
  expect((await stack.owner.api.patch(`/api/vaccinations/${id}`, { notes: 'given at the clinic' })).status).toBe(200);
  expect((await stack.owner.api.patch(`/api/vaccinations/${id}`, { expiresOn: inDays(120) })).status).toBe(200);

  const state = await waitFor(() => watchOf(id).query(vaccinationWatchQuery), (s: VaccinationWatchState) => s.generation === 2 && s.children.length === 2, 20_000);
  expect(state.expiresOn).toBe(inDays(120));
  expect(await runRow(runIdOf(id, 1), (r) => r.status !== 'waiting')).toMatchObject({ status: 'cancelled' });
  const moved = await runRow(runIdOf(id, 2), (r) => r.status === 'waiting');
  expect(DateTime.fromJSDate(moved.nextWakeAt as Date, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe(`${inDays(90)} 09:00`);

  expect((await stack.owner.api.delete(`/api/vaccinations/${id}`)).status).toBe(204);
  expect(((await watchOf(id).result()) as VaccinationWatchState).endReason).toBe('deleted');
  expect(await runRow(runIdOf(id, 2), (r) => r.status !== 'waiting')).toMatchObject({ status: 'cancelled' });
});

test('the daily sweep starts the watch of a record that arrived without one', async () => {
  const id = await record('Parvovirus', inDays(200));
  // As if it had been imported: no watch ran for it.
  await watchOf(id).terminate('test: pretend the record arrived by import');
  await stack.app.temporal.workflow.getHandle(runIdOf(id)).terminate('test').catch(() => undefined);
  await stack.em().nativeDelete(VaccinationWatch, { vaccinationId: id });

  const sweep = await stack.app.temporal.workflow.execute(vaccinationSweepWorkflowType, {
    workflowId: `sweep-${id}`,
    taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE,
    args: [{}],
  });
  expect(sweep.started).toBeGreaterThanOrEqual(1);
  const described = await watchOf(id).describe();
  expect(described.status.name).toBe('RUNNING');
  await waitFor(() => stack.em().findOne(VaccinationWatch, { vaccinationId: id }), (row) => row !== null, 20_000);
  // Watched now: the next sweep leaves it alone.
  const again = await stack.app.temporal.workflow.execute(vaccinationSweepWorkflowType, { workflowId: `sweep-again-${id}`, taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE, args: [{}] });
  expect(again.started).toBe(0);
});

test('booking a vaccination-required service names the pet and the vaccine that will have expired; staff can override', async () => {
  const serviceId = (await stack.owner.api.post('/api/services', { name: 'Daycare', durationMinutes: 60, priceCents: 3000, requiresVaccination: true })).body.id;
  const customer = await stack.customer({ name: 'Bo Owner' });
  const pet = (await stack.owner.api.post('/api/pets', { customerId: customer.id, name: 'Pixel', species: 'dog' })).body.id;
  await stack.owner.api.post('/api/vaccinations', { petId: pet, name: 'Kennel cough', administeredOn: '2025-01-10', expiresOn: inDays(5) });
  const staff = await addUser(stack.app.baseUrl, stack.owner, 'staff');
  const startsAt = DateTime.now().setZone(ZONE).plus({ days: 10 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toUTC().toISO();

  const refused = await staff.api.post('/api/appointments', { serviceId, customerId: customer.id, petId: pet, startsAt });
  expect(refused.status).toBe(409);
  expect(refused.body.error).toMatchObject({ code: 'VACCINATION_EXPIRED', message: expect.stringMatching(/Pixel's Kennel cough \(expires .*\) will have expired/) });
  expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'petId', code: 'VACCINATION_EXPIRED' })]);

  const overridden = await staff.api.post('/api/appointments', { serviceId, customerId: customer.id, petId: pet, startsAt, overrideVaccination: true });
  expect(overridden.status).toBe(201);
  const audit = await stack.em().findOneOrFail(AuditLog, { entityId: overridden.body.id, action: 'appointment.override' });
  expect(audit.changes).toMatchObject({ policiesBypassed: ['vaccinationRequired'] });
});
