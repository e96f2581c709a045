import '../helpers/fresh-orm-metadata';
import { randomUUID } from 'node:crypto';
import { ScheduleNotFoundError } from '@temporalio/client';
import { summaryPeriod } from '../../api/services/reports/schedules/summary-period';
import { ReportSchedule } from '../../db/entities';
import { reportScheduleId, type ReportSummaryResult } from '../../workflows/report-schedule-contract';
import { addUser } from '../helpers/http';
import { EngineStack } from './engine-stack';

/**
 * Scheduled report emails: the setting drives a Temporal Schedule, and a fire (triggered at once
 * rather than awaited) runs the summary workflow on a real worker, which emails through
 * nodemailer to the local SMTP fake.
 */
describe('scheduled report emails', () => {
  let stack: EngineStack;
  const tz = 'America/New_York';
  const handle = (frequency: 'weekly' | 'monthly') => stack.app.temporal.schedule.getHandle(reportScheduleId(stack.owner.tenant.id, frequency));
  const patch = (frequency: string, body: unknown) => stack.owner.api.patch(`/api/settings/report-schedules/${frequency}`, body);
  /** The workflow a fire started, once it has one, and its result. */
  async function fireAndWait(frequency: 'weekly' | 'monthly', fires: number): Promise<ReportSummaryResult> {
    await handle(frequency).trigger();
    for (let i = 0; i < 100; i++) {
      const actions = (await handle(frequency).describe()).info.recentActions;
      const action = actions[fires - 1]?.action;
      if (action) return (await stack.app.temporal.workflow.getHandle(action.workflow.workflowId).result()) as ReportSummaryResult;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('the schedule did not start its workflow');
  }

  beforeAll(async () => {
    stack = await new EngineStack({ businessName: 'Fern Grooming' }).start();
    expect(stack.owner.tenant.timezone).toBe(tz);
    // Revenue yesterday (local): a 42.00 payment, so the summary carries a figure of its own.
    const customer = await stack.customer();
    const conn = stack.app.orm.em.getConnection();
    await conn.execute(
      `insert into payments (id, tenant_id, customer_id, kind, method, status, amount_cents, refunds, paid_at) values (?, ?, ?, 'package', 'card', 'paid', 4200, '[]', now() - interval '1 day')`,
      [randomUUID(), stack.owner.tenant.id, customer.id],
    );
  });
  afterAll(async () => {
    for (const frequency of ['weekly', 'monthly'] as const) await handle(frequency).delete().catch(() => undefined);
    await stack?.stop();
  });

  test('off by default, addressed to the owner', async () => {
    const res = await stack.owner.api.get('/api/settings/report-schedules');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      expect.objectContaining({ frequency: 'weekly', enabled: false, recipients: [stack.owner.email], weekday: 1, time: '08:00', timezone: tz, nextRunAt: null }),
      expect.objectContaining({ frequency: 'monthly', enabled: false, recipients: [stack.owner.email], dayOfMonth: 1, time: '08:00', timezone: tz, nextRunAt: null }),
    ]);
    await expect(handle('weekly').describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });

  test('turning the weekly summary on creates its Schedule in the business zone; changes update it', async () => {
    const on = await patch('weekly', { enabled: true, recipients: [stack.owner.email, 'Partner@Example.com'], weekday: 1, time: '07:30' });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ frequency: 'weekly', enabled: true, recipients: [stack.owner.email, 'partner@example.com'], weekday: 1, time: '07:30' });
    let described = await handle('weekly').describe();
    expect(described.spec.timezone).toBe(tz);
    expect(described.spec.calendars).toEqual([expect.objectContaining({ dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }], hour: [{ start: 7, end: 7, step: 1 }], minute: [{ start: 30, end: 30, step: 1 }] })]);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reportSummaryWorkflow', taskQueue: stack.app.config.TEMPORAL_TASK_QUEUE });
    // The next fire is a Monday at 07:30 New York time.
    const next = new Date(on.body.nextRunAt);
    const local = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'long', hour: '2-digit', minute: '2-digit', hour12: false }).format(next);
    expect(local).toBe('Monday 07:30');

    const moved = await patch('weekly', { weekday: 5, time: '18:00' });
    expect(moved.status).toBe(200);
    described = await handle('weekly').describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ dayOfWeek: [{ start: 'FRIDAY', end: 'FRIDAY', step: 1 }], hour: [{ start: 18, end: 18, step: 1 }] });
  });

  test('bad settings are refused, naming the field, and change nothing', async () => {
    const empty = await patch('weekly', { recipients: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'recipients' })]);
    const badDay = await patch('weekly', { weekday: 8 });
    expect(badDay.status).toBe(400);
    expect(JSON.stringify(badDay.body.error.details)).toContain('weekday');
    const badEmail = await patch('weekly', { recipients: ['not-an-address'] });
    expect(badEmail.status).toBe(400);
    expect(JSON.stringify(badEmail.body.error.details)).toContain('recipients.0');
    const badTime = await patch('monthly', { enabled: true, recipients: ['a@example.com'], time: '25:00' });
    expect(JSON.stringify(badTime.body.error.details)).toContain('time');
    expect((await stack.owner.api.patch('/api/settings/report-schedules/daily', { enabled: false })).status).toBe(400);
    const staff = await addUser(stack.app.baseUrl, stack.owner, 'staff');
    expect((await staff.api.patch('/api/settings/report-schedules/weekly', { enabled: false })).status).toBe(403);
    expect((await handle('weekly').describe()).spec.calendars?.[0]).toMatchObject({ hour: [{ start: 18, end: 18, step: 1 }] });
    expect((await stack.owner.api.get('/api/settings/report-schedules')).body.items[0]).toMatchObject({ enabled: true, weekday: 5, time: '18:00' });
  });

  test('a fire emails the summary of the week just past to every recipient, once', async () => {
    stack.smtp.reset();
    const result = await fireAndWait('weekly', 1);
    const period = summaryPeriod('weekly', new Date(), tz);
    expect(result).toEqual({ status: 'sent', fromDate: period.from, toDate: period.to, recipients: 2 });
    const [mail] = await stack.smtp.waitForMessages(1, 10_000);
    expect(mail?.to.sort()).toEqual([stack.owner.email, 'partner@example.com'].sort());
    expect(mail?.subject).toBe(`Weekly summary for Fern Grooming: ${period.from} to ${period.to}`);
    expect(mail?.text).toContain('Net revenue: $42.00');
    expect(mail?.text).toContain('Appointments: 0');
    expect(mail?.text).toContain(`https://book.example.test/reports/revenue?from=${period.from}&to=${period.to}`);
    expect(mail?.html).toContain('<b>$42.00</b>');
    const row = await stack.em().findOneOrFail(ReportSchedule, { tenantId: stack.owner.tenant.id, frequency: 'weekly' });
    expect(row.lastPeriodStart).toBe(period.from);

    // Another fire for the same week sends nothing.
    expect(await fireAndWait('weekly', 2)).toMatchObject({ status: 'already_sent' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(stack.smtp.messages).toHaveLength(1);
  });

  test('the monthly summary covers the month before', async () => {
    stack.smtp.reset();
    expect((await patch('monthly', { enabled: true, recipients: ['books@example.com'], dayOfMonth: 3, time: '06:00' })).status).toBe(200);
    expect((await handle('monthly').describe()).spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 3, end: 3, step: 1 }], hour: [{ start: 6, end: 6, step: 1 }] });
    const result = await fireAndWait('monthly', 1);
    const period = summaryPeriod('monthly', new Date(), tz);
    expect(result).toMatchObject({ status: 'sent', fromDate: period.from, toDate: period.to, recipients: 1 });
    const [mail] = await stack.smtp.waitForMessages(1, 10_000);
    expect(mail?.to).toEqual(['books@example.com']);
    expect(mail?.subject).toBe(`Monthly summary for Fern Grooming: ${period.from} to ${period.to}`);
  });

  test('turning a summary off deletes its Schedule', async () => {
    const off = await patch('weekly', { enabled: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ enabled: false, nextRunAt: null });
    await expect(handle('weekly').describe()).rejects.toBeInstanceOf(ScheduleNotFoundError);
    // Saving it off again is fine (nothing to delete).
    expect((await patch('weekly', { enabled: false, recipients: [] })).status).toBe(200);
    expect((await stack.owner.api.get('/api/settings/report-schedules')).body.items[0]).toMatchObject({ enabled: false, recipients: [] });
  });
});
