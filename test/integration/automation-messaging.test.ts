import { AutomationHarness, waitFor } from './automation-harness';
import { AutomationRun, Message, MessageTemplate } from '../../db/entities';
import { seedDefaultAutomations } from '../../db/seeders/automations/seed-default-automations';
import { DEMO_TEMPLATES } from '../../db/seeders/demo/templates';

/** The engine with the real messaging activities (outbox providers): what the dev machine does. */
const harness = new AutomationHarness({ realMessaging: true });

beforeAll(() => harness.start(), 120_000);
afterAll(() => harness.stop());

test('the seeded confirmation reaches the outbox through the messaging activity, once per send', async () => {
  const business = await harness.createBusiness();
  const em = harness.em(business.tenantId);
  for (const spec of DEMO_TEMPLATES) em.create(MessageTemplate, { tenantId: business.tenantId, ...spec, system: true });
  await em.flush();
  await seedDefaultAutomations(harness.em(business.tenantId), business.tenantId);
  const { appointment } = await harness.book(business, 3 * 3_600_000);

  const messages = await waitFor(
    () => harness.em(business.tenantId).find(Message, { appointmentId: appointment.id }, { orderBy: { createdAt: 'asc' } }),
    (rows) => rows.length === 2 && rows.every((m) => m.status !== 'queued' && m.status !== 'sending'),
  );
  expect(messages.map((m) => [m.channel, m.direction, m.provider])).toEqual([
    ['sms', 'outbound', 'outbox'],
    ['email', 'outbound', 'outbox'],
  ]);
  expect(messages[0]!.body).toContain('Engine Salon');
  const run = await harness.em(business.tenantId).findOneOrFail(AutomationRun, { appointmentId: appointment.id, path: { $contains: ['email'] } as never });
  expect(messages.every((m) => m.automationRunId === run.id)).toBe(true);
  expect(new Set(messages.map((m) => m.idempotencyKey)).size).toBe(2);
});
