import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, type SignedUp, signup } from '../helpers/http';

describe('templates api', () => {
  let app: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Studio Nord' });
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a template with an unknown variable or helper is refused, naming them; nothing is saved', async () => {
    const res = await owner.api.post('/api/templates', {
      key: 'bad-sms',
      name: 'Bad',
      channel: 'sms',
      body: 'Hi {{customer.favoriteColor}}, see you {{shout appointment.startsAt}}',
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('INVALID_TEMPLATE');
    expect(res.body.error.message).toContain('customer.favoriteColor');
    expect(res.body.error.message).toContain('shout');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body', code: 'UNKNOWN_VARIABLE', message: expect.stringContaining('customer.favoriteColor') }),
        expect.objectContaining({ path: 'body', code: 'UNKNOWN_HELPER', message: expect.stringContaining('shout') }),
      ]),
    );
    const email = await owner.api.post('/api/templates', { key: 'no-subject', name: 'x', channel: 'email', body: 'Hi' });
    expect(email.status).toBe(422);
    expect(email.body.error.details).toEqual([expect.objectContaining({ path: 'subject', code: 'REQUIRED' })]);
    const list = await owner.api.get('/api/templates?q=bad-sms');
    expect(list.body.total).toBe(0);
  });

  test('create, read, update, refuse a duplicate key, delete', async () => {
    const created = await owner.api.post('/api/templates', {
      key: 'follow-up-sms',
      name: 'Follow-up',
      channel: 'sms',
      body: 'Hi {{customer.firstName}}, how was {{service.name}}? {{reviewLink}}',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: 'follow-up-sms', channel: 'sms', subject: null, system: false });
    expect((await owner.api.get(`/api/templates/${created.body.id}`)).body.name).toBe('Follow-up');
    expect((await owner.api.post('/api/templates', { key: 'follow-up-sms', name: 'again', channel: 'sms', body: 'x' })).status).toBe(409);

    const updated = await owner.api.patch(`/api/templates/${created.body.id}`, { body: 'Thanks {{customer.firstName}}! {{unknownThing}}' });
    expect(updated.status).toBe(422);
    const ok = await owner.api.patch(`/api/templates/${created.body.id}`, { body: 'Thanks {{customer.firstName}}!' });
    expect(ok.status).toBe(200);
    expect(ok.body.body).toBe('Thanks {{customer.firstName}}!');

    expect((await owner.api.delete(`/api/templates/${created.body.id}`)).status).toBe(204);
    expect((await owner.api.get(`/api/templates/${created.body.id}`)).status).toBe(404);
  });

  test('a template a published automation sends can be edited but not renamed or deleted', async () => {
    const list = await owner.api.get('/api/templates?q=reminder-2h-sms');
    const template = list.body.items[0];
    const renamed = await owner.api.patch(`/api/templates/${template.id}`, { key: 'reminder-two-hours' });
    expect(renamed.status).toBe(409);
    expect(renamed.body.error.code).toBe('TEMPLATE_IN_USE');
    expect(renamed.body.error.message).toMatch(/Reminders/);
    const deleted = await owner.api.delete(`/api/templates/${template.id}`);
    expect(deleted.status).toBe(409);
    expect(deleted.body.error.code).toBe('TEMPLATE_IN_USE');
    const edited = await owner.api.patch(`/api/templates/${template.id}`, { body: 'See you at {{formatTime appointment.startsAt}}, {{customer.firstName}}!' });
    expect(edited.status).toBe(200);
  });

  test('preview renders against a sample or a real appointment and reports SMS parts', async () => {
    const sample = await owner.api.post('/api/templates/preview', {
      channel: 'sms',
      body: 'Hi {{customer.firstName}}, {{service.name}} at {{tenant.name}} on {{formatDate appointment.startsAt}}',
    });
    expect(sample.status).toBe(200);
    expect(sample.body.body).toMatch(/^Hi Alex, Sample service at Studio Nord on /);
    expect(sample.body.sms).toMatchObject({ encoding: 'GSM-7', segments: 1, length: sample.body.body.length });
    expect(sample.body.problems).toEqual([]);

    const long = await owner.api.post('/api/templates/preview', { channel: 'sms', body: `Bonjour {{customer.firstName}} 🎉 ${'é'.repeat(70)}` });
    expect(long.body.sms).toMatchObject({ encoding: 'UCS-2', segments: 2, nonGsmCharacters: ['🎉'] });

    const serviceId = (await owner.api.post('/api/services', { name: 'Massage', durationMinutes: 60, priceCents: 8000 })).body.id;
    const customerId = (await owner.api.post('/api/customers', { name: 'Ines Berg', email: 'ines@example.com' })).body.id;
    const appointment = await owner.api.post('/api/appointments', { serviceId, customerId, startsAt: '2031-05-02T14:00:00Z' });
    const real = await owner.api.post('/api/templates/preview', {
      channel: 'email',
      subject: '{{service.name}} for {{customer.name}}',
      body: 'Costs {{money appointment.priceCents}}. Cancel: {{cancelLink}} {{customer.nickname}}',
      appointmentId: appointment.body.id,
    });
    expect(real.status).toBe(200);
    expect(real.body.subject).toBe('Massage for Ines Berg');
    expect(real.body.body).toContain('$80.00');
    expect(real.body.body).toContain(`/portal/appointments/${appointment.body.id}/cancel`);
    expect(real.body.sms).toBeUndefined();
    expect(real.body.problems).toEqual([expect.objectContaining({ code: 'UNKNOWN_VARIABLE', message: expect.stringContaining('customer.nickname') })]);
    expect(real.body.context).toEqual({ source: 'appointment', appointmentId: appointment.body.id });

    const broken = await owner.api.post('/api/templates/preview', { channel: 'sms', body: 'Hi {{#if customer.name}}' });
    expect(broken.status).toBe(422);
  });

  test('staff can preview but not write templates', async () => {
    const staff = await addUser(app.baseUrl, owner, 'staff');
    expect((await staff.api.post('/api/templates/preview', { channel: 'sms', body: 'Hi' })).status).toBe(200);
    expect((await staff.api.post('/api/templates', { key: 'x-sms', name: 'x', channel: 'sms', body: 'Hi' })).status).toBe(403);
  });
});
