/**
 * The seeded time-based automations really run: their Temporal Schedule fires (triggered here
 * rather than waited for), the fan-out evaluates each customer's filter at the fire time, and the
 * real worker sends through the real twilio client to the fake Twilio API. Birthday greetings go
 * to the customers whose birthday is today in the business's zone; win-back to those whose last
 * visit was exactly 60 days ago. Nobody else gets anything, and a second fire of the same minute
 * sends nothing twice.
 */
import { DateTime } from 'luxon';
import { Automation, AutomationVersion, Customer } from '../../db/entities';
import { automationScheduleId } from '../../workflows/automation-schedule-contract';
import type { AutomationScheduleCarry, AutomationScheduleResult } from '../../workflows/automation-schedule-contract';
import { sleep, waitFor } from './automation-harness';
import { type EngineStack, startEngineStack } from './engine-stack';

const BUSINESS_ZONE = 'America/New_York';
const DAY = 86_400_000;
let stack: EngineStack;

/** A zone where it is early afternoon now, so no send is held back by quiet hours. */
function daytimeZone(): string {
  const offset = 13 - new Date().getUTCHours();
  const clamped = Math.max(-12, Math.min(14, offset > 12 ? offset - 24 : offset));
  return clamped === 0 ? 'Etc/GMT' : `Etc/GMT${clamped > 0 ? '-' : '+'}${Math.abs(clamped)}`;
}

beforeAll(async () => {
  stack = await startEngineStack({ businessName: 'Fern Grooming' });
}, 120_000);

afterAll(async () => {
  if (stack?.app && stack.owner) {
    for await (const schedule of stack.app.temporal.schedule.list()) {
      if (schedule.scheduleId.startsWith(automationScheduleId(stack.owner.tenant.id, ''))) await stack.app.temporal.schedule.getHandle(schedule.scheduleId).delete();
    }
  }
  await stack?.stop();
});

async function publishFromTemplate(template: 'birthday' | 'win-back'): Promise<string> {
  const created = await stack.owner.api.post('/api/automations', { name: template, fromTemplate: template });
  expect(created.status).toBe(201);
  expect((await stack.owner.api.post(`/api/automations/${created.body.id}/publish`)).status).toBe(201);
  return created.body.id;
}

/** Fires the automation's Schedule now and waits for that fire's fan-out to finish. */
async function fire(automationId: string): Promise<AutomationScheduleResult> {
  const handle = stack.app.temporal.schedule.getHandle(automationScheduleId(stack.owner.tenant.id, automationId));
  const before = (await handle.describe()).info.recentActions.length;
  await handle.trigger();
  const described = await waitFor(() => handle.describe(), (d) => d.info.recentActions.length > before, 20_000);
  const action = described.info.recentActions[described.info.recentActions.length - 1]!.action;
  return stack.app.temporal.workflow.getHandle(action.workflow.workflowId).result();
}

async function customerWith(fields: Record<string, unknown>, lastVisitAt?: Date): Promise<{ id: string; phone: string }> {
  const customer = await stack.customer({ timezone: daytimeZone(), ...fields });
  if (lastVisitAt) await stack.em().nativeUpdate(Customer, { id: customer.id }, { lastVisitAt, visitCount: 3 });
  return customer;
}

test('birthday greetings go to today’s birthdays only, once per fire', async () => {
  const today = DateTime.now().setZone(BUSINESS_ZONE);
  const birthdayToday = await customerWith({ name: 'Ada Today', birthday: today.set({ year: 1990 }).toISODate() });
  const birthdayTomorrow = await customerWith({ name: 'Bea Tomorrow', birthday: today.plus({ days: 1 }).set({ year: 1985 }).toISODate() });
  const noBirthday = await customerWith({ name: 'Cy None' });
  const noSms = await customerWith({ name: 'Dee NoSms', birthday: today.set({ year: 1979 }).toISODate(), smsOptIn: false });
  const automationId = await publishFromTemplate('birthday');

  const result = await fire(automationId);
  expect(result).toMatchObject({ started: 2 });
  expect(result.scanned).toBeGreaterThanOrEqual(4);
  await waitFor(async () => stack.arrivalsTo(birthdayToday.phone).length, (n) => n >= 1, 30_000);
  await sleep(1_500);
  expect(stack.arrivalsTo(birthdayToday.phone).map((a) => a.text)).toEqual([expect.stringMatching(/^Happy birthday, Ada!/)]);
  for (const other of [birthdayTomorrow, noBirthday, noSms]) expect(stack.arrivalsTo(other.phone)).toEqual([]);

  // The same fire again (a retried Schedule action) starts nothing new and sends nothing twice.
  const automation = await stack.em().findOneOrFail(Automation, { id: automationId });
  const version = await stack.em().findOneOrFail(AutomationVersion, { id: automation.publishedVersionId as string });
  const carry: AutomationScheduleCarry = {
    firedAt: result.firedAt,
    automation: { automationId, name: automation.name, version: version.version, automationVersionId: version.id, definition: version.definition as never },
    scanned: 0,
    started: 0,
  };
  const repeat = await stack.app.temporal.workflow.start('automationSchedule', {
    workflowId: `repeat-${automationId}`,
    taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE,
    args: [{ tenantId: stack.owner.tenant.id, automationId }, carry],
  });
  expect(await repeat.result()).toMatchObject({ firedAt: result.firedAt, started: 0 });
  await sleep(1_500);
  expect(stack.arrivalsTo(birthdayToday.phone)).toHaveLength(1);
});

test('win-back goes to the customers whose last visit was 60 days ago, not 59 or 61', async () => {
  const now = Date.now();
  const sixty = await customerWith({ name: 'Eve Sixty' }, new Date(now - 60 * DAY - 2 * 3_600_000));
  const fiftyNine = await customerWith({ name: 'Fay FiftyNine' }, new Date(now - 59 * DAY - 2 * 3_600_000));
  const sixtyOne = await customerWith({ name: 'Gus SixtyOne' }, new Date(now - 61 * DAY - 2 * 3_600_000));
  const never = await customerWith({ name: 'Hal Never' });
  const automationId = await publishFromTemplate('win-back');

  const result = await fire(automationId);
  expect(result.started).toBe(1);
  await waitFor(async () => stack.arrivalsTo(sixty.phone).length, (n) => n >= 1, 30_000);
  await sleep(1_500);
  expect(stack.arrivalsTo(sixty.phone).map((a) => a.text)).toEqual([expect.stringMatching(/^Hi Eve, it's been a while/)]);
  for (const other of [fiftyNine, sixtyOne, never]) expect(stack.arrivalsTo(other.phone)).toEqual([]);
});

test('a paused automation’s fire starts nothing', async () => {
  const today = DateTime.now().setZone(BUSINESS_ZONE);
  const customer = await customerWith({ name: 'Ivy Paused', birthday: today.set({ year: 2000 }).toISODate() });
  const automationId = await publishFromTemplate('birthday');
  expect((await stack.owner.api.post(`/api/automations/${automationId}/pause`)).status).toBe(200);
  // The Schedule is paused too; a fire that slipped through (here: started by hand) does nothing.
  const run = await stack.app.temporal.workflow.start('automationSchedule', {
    workflowId: `paused-${automationId}`,
    taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE,
    args: [{ tenantId: stack.owner.tenant.id, automationId }],
  });
  expect(await run.result()).toMatchObject({ started: 0, skipped: 'inactive' });
  await sleep(1_000);
  expect(stack.arrivalsTo(customer.phone)).toEqual([]);
});
