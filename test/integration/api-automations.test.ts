import '../helpers/fresh-orm-metadata';
import { Automation } from '../../db/entities';
import { seedDemoIfEmpty } from '../../db/seeders/seed-demo';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, type SignedUp, signup } from '../helpers/http';

/** A definition with two problems the builder must be able to point at: an unwired exit and a missing template. */
function brokenDefinition() {
  return {
    schemaVersion: 1,
    name: 'Broken',
    trigger: { event: 'appointment.booked' },
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: {} },
      { id: 'ask', type: 'sendSms', position: { x: 0, y: 100 }, data: { templateId: 'no-such-template' } },
      { id: 'check', type: 'condition', position: { x: 0, y: 200 }, data: { rule: { '==': [{ var: 'customer.smsOptIn' }, true] } } },
      { id: 'end', type: 'end', position: { x: 0, y: 300 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 't', target: 'ask' },
      { id: 'e2', source: 'ask', target: 'check' },
      { id: 'e3', source: 'check', sourceHandle: 'true', target: 'end' },
    ],
  };
}

function fixedDefinition() {
  const def = brokenDefinition();
  def.nodes[1]!.data = { templateId: 'reminder-2h-sms' };
  def.edges.push({ id: 'e4', source: 'check', sourceHandle: 'false', target: 'end' });
  return def;
}

describe('automations api', () => {
  let app: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { timezone: 'Europe/Paris' });
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a new business starts with confirmation, reminders and no-show defense published and active', async () => {
    const list = await owner.api.get('/api/automations');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { templateKey: string }) => a.templateKey).sort()).toEqual(['booking-confirmation', 'no-show-defense', 'reminders']);
    for (const item of list.body.items) {
      expect(item).toMatchObject({ status: 'active', publishedVersion: 1, publishedVersionId: expect.any(String), stats: { runsInFlight: 0, lastRunAt: null, failures7d: 0 } });
    }
    const reminders = list.body.items.find((a: { templateKey: string }) => a.templateKey === 'reminders');
    const detail = await owner.api.get(`/api/automations/${reminders.id}`);
    expect(detail.body).toMatchObject({ triggerEvent: 'appointment.booked', hasUnpublishedChanges: false, draft: { schemaVersion: 1, nodes: expect.any(Array) } });

    const templates = await owner.api.get('/api/templates?limit=200');
    expect(templates.body.items.map((t: { key: string }) => t.key)).toEqual(
      expect.arrayContaining(['booking-confirmation-sms', 'booking-confirmation-email', 'reminder-24h-email', 'reminder-2h-sms', 'no-show-notice-sms']),
    );
    const catalog = await owner.api.get('/api/automations/templates');
    expect(catalog.body.items).toHaveLength(8);
    expect(catalog.body.items.find((t: { key: string }) => t.key === 'win-back').definition.trigger.schedule.timezone).toBe('Europe/Paris');
  });

  test('the demo business has every seeded automation, published', async () => {
    const demo = await seedDemoIfEmpty(app.orm);
    expect(demo.counts.automations).toBe(8);
    const em = app.orm.em.fork();
    em.setFilterParams('tenant', { tenantId: demo.tenantId });
    const automations = await em.find(Automation, {});
    expect(automations.map((a) => [a.templateKey, a.status, a.publishedVersion])).toEqual(
      expect.arrayContaining([
        ['two-way-confirm', 'active', 1],
        ['after-visit', 'active', 1],
        ['vaccination-expiry', 'active', 1],
        ['win-back', 'active', 1],
      ]),
    );
    expect(automations).toHaveLength(8);
  });

  test('publish refuses an invalid draft and names every offending node; a fixed draft becomes version 1, then 2', async () => {
    const created = await owner.api.post('/api/automations', { name: 'Ask and check' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', publishedVersion: null, draft: { nodes: [{ type: 'trigger' }, { type: 'end' }] } });
    const id = created.body.id;

    const saved = await owner.api.patch(`/api/automations/${id}`, { draft: brokenDefinition() });
    expect(saved.status).toBe(200);
    expect(saved.body.draft.nodes).toHaveLength(4);
    // The name edited inside the draft renames the automation.
    expect(saved.body.name).toBe('Broken');

    const validated = await owner.api.post('/api/automations/validate', { definition: brokenDefinition() });
    expect(validated.status).toBe(200);
    expect(validated.body.ok).toBe(false);
    expect(validated.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'UNKNOWN_TEMPLATE', nodeId: 'ask' }),
        expect.objectContaining({ code: 'EXIT_UNWIRED', nodeId: 'check' }),
      ]),
    );

    const refused = await owner.api.post(`/api/automations/${id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('INVALID_AUTOMATION');
    expect(refused.body.error.message).toMatch(/ask/);
    expect(refused.body.error.details.map((d: { nodeId?: string }) => d.nodeId)).toEqual(expect.arrayContaining(['ask', 'check']));
    expect((await owner.api.get(`/api/automations/${id}`)).body).toMatchObject({ status: 'draft', publishedVersion: null });

    await owner.api.patch(`/api/automations/${id}`, { draft: fixedDefinition() });
    const v1 = await owner.api.post(`/api/automations/${id}/publish`);
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: 1, automationVersionId: expect.any(String), publishedAt: expect.any(String), warnings: [] });
    expect((await owner.api.get(`/api/automations/${id}`)).body).toMatchObject({
      status: 'active', publishedVersion: 1, publishedVersionId: v1.body.automationVersionId, hasUnpublishedChanges: false,
    });

    const edited = fixedDefinition();
    edited.trigger = { event: 'appointment.confirmed' };
    const autosaved = await owner.api.patch(`/api/automations/${id}`, { draft: edited });
    // The running version keeps its trigger until the next publish.
    expect(autosaved.body).toMatchObject({ triggerEvent: 'appointment.booked', hasUnpublishedChanges: true });
    const v2 = await owner.api.post(`/api/automations/${id}/publish`);
    expect(v2.body.version).toBe(2);
    expect((await owner.api.get(`/api/automations/${id}`)).body).toMatchObject({ triggerEvent: 'appointment.confirmed', publishedVersion: 2 });

    const versions = await owner.api.get(`/api/automations/${id}/versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body.items[1]).toMatchObject({ publishedByUserId: owner.user.id, definition: { trigger: { event: 'appointment.booked' } } });

    const restored = await owner.api.post(`/api/automations/${id}/versions/1/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.draft.trigger.event).toBe('appointment.booked');
    expect(restored.body.publishedVersion).toBe(2);
    expect((await owner.api.post(`/api/automations/${id}/versions/9/restore`)).status).toBe(404);
  });

  test('pause, resume, archive and duplicate', async () => {
    const created = await owner.api.post('/api/automations', { name: 'Lifecycle', definition: fixedDefinition() });
    const id = created.body.id;
    expect((await owner.api.post(`/api/automations/${id}/pause`)).status).toBe(409);
    await owner.api.post(`/api/automations/${id}/publish`);
    expect((await owner.api.post(`/api/automations/${id}/pause`)).body.status).toBe('paused');
    // Publishing while paused keeps it paused, and says so.
    const republished = await owner.api.post(`/api/automations/${id}/publish`);
    expect(republished.body.warnings).toEqual([expect.stringMatching(/paused/)]);
    expect((await owner.api.post(`/api/automations/${id}/resume`)).body.status).toBe('active');
    expect((await owner.api.post(`/api/automations/${id}/archive`)).body.status).toBe('archived');
    expect((await owner.api.get('/api/automations')).body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    expect((await owner.api.get('/api/automations?status=archived')).body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await owner.api.post(`/api/automations/${id}/publish`)).status).toBe(409);

    const copy = await owner.api.post(`/api/automations/${id}/duplicate`);
    expect(copy.status).toBe(201);
    expect(copy.body).toMatchObject({ name: 'Copy of Lifecycle', status: 'draft', publishedVersion: null, templateKey: null });
    expect(copy.body.draft.nodes).toEqual(created.body.draft.nodes);
  });

  test('an automation can start from a seeded template; schedule triggers publish with their Temporal Schedule', async () => {
    const created = await owner.api.post('/api/automations', { name: 'Birthdays', fromTemplate: 'birthday' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ templateKey: 'birthday', triggerEvent: 'schedule', draft: { name: 'Birthdays', trigger: { event: 'schedule' } } });
    const published = await owner.api.post(`/api/automations/${created.body.id}/publish`);
    expect(published.status).toBe(201);
    expect(published.body.warnings).toEqual([]);
    expect((await owner.api.post('/api/automations', { name: 'x', fromTemplate: 'nope' })).status).toBe(400);
  });

  test('simulate: the seeded reminders against a real appointment, with the rendered texts; a cancel stops them', async () => {
    const serviceId = (await owner.api.post('/api/services', { name: 'Haircut', durationMinutes: 45, priceCents: 4000 })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Camille Martin', email: 'camille@example.com', phone: '+33612345678', smsOptIn: true, emailOptIn: true })).body.id;
    const startsAt = '2031-03-12T09:00:00.000Z';
    const appointment = await owner.api.post('/api/appointments', { serviceId, customerId, startsAt });
    expect(appointment.status).toBe(201);
    const reminders = (await owner.api.get('/api/automations?q=Reminders')).body.items[0];

    const sim = await owner.api.post(`/api/automations/${reminders.id}/simulate`, { appointmentId: appointment.body.id, startAt: '2031-03-01T10:00:00Z' });
    expect(sim.status).toBe(200);
    expect(sim.body.context).toEqual({ source: 'appointment', appointmentId: appointment.body.id });
    const sends = sim.body.entries.filter((e: { action?: unknown }) => e.action);
    expect(sends.map((e: { nodeId: string; at: string }) => [e.nodeId, e.at])).toEqual([
      ['email24', '2031-03-11T10:00:00.000+01:00'],
      ['sms2', '2031-03-12T08:00:00.000+01:00'],
    ]);
    expect(sends[0].rendered).toMatchObject({ channel: 'email', templateId: 'reminder-24h-email', subject: 'Tomorrow: Haircut at ' + owner.tenant.name });
    expect(sends[0].rendered.body).toContain('Camille');
    expect(sends[1].rendered.body).toMatch(/Haircut today at 10:00/);
    expect(sim.body.endedBy.reason).toBe('end');

    const cancelled = await owner.api.post(`/api/automations/${reminders.id}/simulate`, {
      appointmentId: appointment.body.id,
      startAt: '2031-03-01T10:00:00Z',
      events: [{ at: '2031-03-11T12:00:00Z', type: 'cancelled' }],
    });
    expect(cancelled.body.entries.filter((e: { action?: unknown }) => e.action).map((e: { nodeId: string }) => e.nodeId)).toEqual(['email24']);
    expect(cancelled.body.endedBy.reason).toBe('goal');

    const sample = await owner.api.post(`/api/automations/${reminders.id}/simulate`, { context: { customer: { firstName: 'Zoé' } } });
    expect(sample.body.context.source).toBe('given');
    expect(sample.body.entries.find((e: { nodeId: string }) => e.nodeId === 'sms2').rendered.body).toContain('Zoé');

    const bad = await owner.api.post(`/api/automations/${reminders.id}/simulate`, { definition: { nodes: 'no' } });
    expect(bad.status).toBe(422);
  });

  test('context schema for the builder', async () => {
    const res = await owner.api.get('/api/automations/context-schema');
    expect(res.status).toBe(200);
    expect(res.body.paths).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'appointment.startsAt', type: 'datetime' })]));
    expect(res.body.triggerEvents).toContain('appointment.booked');
    expect(res.body.nodeTypes.map((n: { type: string }) => n.type)).toEqual(expect.arrayContaining(['wait', 'sendSms', 'goal']));
    expect(res.body.nodeTypes.find((n: { type: string }) => n.type === 'condition').exits.map((e: { handle: string }) => e.handle)).toEqual(['true', 'false']);
    expect(res.body.templateHelpers).toContain('formatDateTime');
    expect(res.body.templates).toEqual(expect.arrayContaining([{ key: 'reminder-2h-sms', name: expect.any(String), channel: 'sms' }]));
  });

  test('staff read automations but cannot change them; another business cannot see them', async () => {
    const staff = await addUser(app.baseUrl, owner, 'staff');
    const list = await staff.api.get('/api/automations');
    expect(list.status).toBe(200);
    const id = list.body.items[0].id;
    expect((await staff.api.post(`/api/automations/${id}/publish`)).status).toBe(403);
    expect((await staff.api.post('/api/automations', { name: 'nope' })).status).toBe(403);
    const other = await signup(app.baseUrl);
    expect((await other.api.get(`/api/automations/${id}`)).status).toBe(404);
  });
});
