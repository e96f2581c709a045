/**
 * A `schedule` trigger is backed by a Temporal Schedule that follows its automation: created on
 * publish, updated by a new version, paused and resumed with it, deleted when it is archived or
 * stops being time-based, and repaired by start-up reconciliation. Each step is checked by
 * describing the Schedule on the real Temporal dev server.
 */
import { ScheduleNotFoundError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { reconcileAutomationSchedules } from '../../api/services/automation-schedules/reconcile-automation-schedules';
import { createLogger } from '../../runtime/logger';
import { automationScheduleId, automationScheduleWorkflowType } from '../../workflows/automation-schedule-contract';
import { vaccinationSweepScheduleId } from '../../workflows/vaccination-watch-contract';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

const ZONE = 'Europe/Paris';
let app: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signup(app.baseUrl, { timezone: ZONE });
});

afterAll(async () => {
  // The dev server outlives this file: leave none of this tenant's Schedules behind.
  if (app && owner) {
    for await (const schedule of app.temporal.schedule.list()) {
      if (schedule.scheduleId.startsWith(automationScheduleId(owner.tenant.id, ''))) await app.temporal.schedule.getHandle(schedule.scheduleId).delete();
    }
  }
  await app?.close();
});

const scheduleOf = (automationId: string) => app.temporal.schedule.getHandle(automationScheduleId(owner.tenant.id, automationId));
const localTimes = (times: Date[]) => times.map((t) => DateTime.fromJSDate(t, { zone: ZONE }).toFormat('ccc HH:mm'));

async function expectNoSchedule(automationId: string): Promise<void> {
  await expect(scheduleOf(automationId).describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
}

async function birthdayAutomation(): Promise<{ id: string; draft: Record<string, unknown> }> {
  const created = await owner.api.post('/api/automations', { name: 'Birthdays', fromTemplate: 'birthday' });
  expect(created.status).toBe(201);
  return created.body;
}

test('publish creates the Schedule; a new version updates it; pause, resume and archive follow', async () => {
  const automation = await birthdayAutomation();
  await expectNoSchedule(automation.id);

  expect((await owner.api.post(`/api/automations/${automation.id}/publish`)).status).toBe(201);
  let described = await scheduleOf(automation.id).describe();
  expect(described.spec.timezone).toBe(ZONE);
  expect(described.state.paused).toBe(false);
  expect(described.state.note).toContain('v1');
  expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: automationScheduleWorkflowType, taskQueue: app.config.TEMPORAL_TASK_QUEUE, args: [{ tenantId: owner.tenant.id, automationId: automation.id }] });
  // "0 9 * * *" in Paris: every day at 09:00 local time.
  expect(new Set(localTimes(described.info.nextActionTimes).map((t) => t.slice(4)))).toEqual(new Set(['09:00']));

  const draft = { ...automation.draft, trigger: { ...(automation.draft.trigger as object), schedule: { cron: '30 8 * * 1', timezone: 'America/New_York' } } };
  expect((await owner.api.patch(`/api/automations/${automation.id}`, { draft })).status).toBe(200);
  expect((await owner.api.post(`/api/automations/${automation.id}/publish`)).status).toBe(201);
  described = await scheduleOf(automation.id).describe();
  expect(described.spec.timezone).toBe('America/New_York');
  expect(described.state.note).toContain('v2');
  expect(new Set(described.info.nextActionTimes.map((t) => DateTime.fromJSDate(t, { zone: 'America/New_York' }).toFormat('ccc HH:mm')))).toEqual(new Set(['Mon 08:30']));

  expect((await owner.api.post(`/api/automations/${automation.id}/pause`)).status).toBe(200);
  expect((await scheduleOf(automation.id).describe()).state.paused).toBe(true);
  // Publishing while paused keeps it paused.
  expect((await owner.api.post(`/api/automations/${automation.id}/publish`)).status).toBe(201);
  described = await scheduleOf(automation.id).describe();
  expect(described.state.paused).toBe(true);
  expect(described.state.note).toContain('v3');

  expect((await owner.api.post(`/api/automations/${automation.id}/resume`)).status).toBe(200);
  expect((await scheduleOf(automation.id).describe()).state.paused).toBe(false);

  expect((await owner.api.post(`/api/automations/${automation.id}/archive`)).status).toBe(200);
  await expectNoSchedule(automation.id);
  // Resuming an archived automation brings its Schedule back.
  expect((await owner.api.post(`/api/automations/${automation.id}/resume`)).status).toBe(200);
  expect((await scheduleOf(automation.id).describe()).state.paused).toBe(false);
});

test('a version that is no longer time-based deletes the Schedule', async () => {
  const automation = await birthdayAutomation();
  await owner.api.post(`/api/automations/${automation.id}/publish`);
  await scheduleOf(automation.id).describe();
  const draft = { ...automation.draft, trigger: { event: 'customer.created' } };
  expect((await owner.api.patch(`/api/automations/${automation.id}`, { draft })).status).toBe(200);
  expect((await owner.api.post(`/api/automations/${automation.id}/publish`)).status).toBe(201);
  await expectNoSchedule(automation.id);
});

test('start-up reconciliation recreates a missing Schedule, removes a stray one and keeps the vaccination sweep', async () => {
  const kept = await birthdayAutomation();
  await owner.api.post(`/api/automations/${kept.id}/publish`);
  await scheduleOf(kept.id).delete();
  const stray = await birthdayAutomation();
  await owner.api.post(`/api/automations/${stray.id}/publish`);
  // The row goes away behind the api's back (e.g. a restore from backup): its Schedule is a stray.
  await app.orm.em.fork().getConnection().execute('delete from automations where id = ?', [stray.id]);

  const logger = createLogger({ level: 'warn', pretty: false });
  await reconcileAutomationSchedules({ orm: app.orm, temporal: app.temporal, taskQueue: app.config.TEMPORAL_TASK_QUEUE, logger });
  expect((await scheduleOf(kept.id).describe()).state.note).toContain('v1');
  await expectNoSchedule(stray.id);
  const sweep = await app.temporal.schedule.getHandle(vaccinationSweepScheduleId(app.config.TEMPORAL_TASK_QUEUE)).describe();
  expect(sweep.spec.timezone).toBe('UTC');
  expect(sweep.action).toMatchObject({ workflowType: 'vaccinationWatchSweep' });
  await app.temporal.schedule.getHandle(vaccinationSweepScheduleId(app.config.TEMPORAL_TASK_QUEUE)).delete();
});
