import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { addUser, type SignedUp, signup } from '../helpers/http';

const AUTH_TOKEN = 'secret-twilio-token-never-shown';

describe('messages api', () => {
  let app: TestApp;
  let owner: SignedUp;

  beforeAll(async () => {
    app = await startTestApp({ env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } });
    owner = await signup(app.baseUrl, { businessName: 'Chez Lou' });
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a test SMS goes through the configured provider (the outbox here) and appears in the message log', async () => {
    const sent = await owner.api.post('/api/messages/test', { channel: 'sms', to: '(212) 555-0187', body: 'Testing 1 2 3' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({
      channel: 'sms', direction: 'outbound', to: '+12125550187', body: 'Testing 1 2 3', status: 'sent', provider: 'outbox',
      providerMessageId: expect.stringMatching(/^outbox-/), sentAt: expect.any(String), customerId: null,
    });
    const log = await owner.api.get('/api/messages?status=sent');
    expect(log.status).toBe(200);
    expect(log.body.items.map((m: { id: string }) => m.id)).toContain(sent.body.id);
    expect((await owner.api.get('/api/messages?status=failed')).body.items).toEqual([]);
  });

  test('a test email can render a template against the sample context', async () => {
    const sent = await owner.api.post('/api/messages/test', { channel: 'email', to: 'lou@example.com', templateId: 'booking-confirmation-email' });
    expect(sent.status).toBe(201);
    expect(sent.body.subject).toBe('Booked: Sample service at Chez Lou');
    expect(sent.body.body).toContain('Hi Alex');
    const wrongChannel = await owner.api.post('/api/messages/test', { channel: 'sms', to: '+12125550187', templateId: 'booking-confirmation-email' });
    expect(wrongChannel.status).toBe(400);
  });

  test('bad test requests are refused and send nothing', async () => {
    const before = (await owner.api.get('/api/messages')).body.total;
    expect((await owner.api.post('/api/messages/test', { channel: 'sms', to: 'not a number', body: 'x' })).status).toBe(400);
    expect((await owner.api.post('/api/messages/test', { channel: 'email', to: 'nope', body: 'x' })).status).toBe(400);
    expect((await owner.api.post('/api/messages/test', { channel: 'sms', to: '+12125550187' })).status).toBe(400);
    expect((await owner.api.post('/api/messages/test', { channel: 'sms', to: '+12125550187', templateId: 'no-such' })).status).toBe(404);
    const staff = await addUser(app.baseUrl, owner, 'staff');
    expect((await staff.api.post('/api/messages/test', { channel: 'sms', to: '+12125550187', body: 'x' })).status).toBe(403);
    expect((await owner.api.get('/api/messages')).body.total).toBe(before);
  });

  test('integration status names each provider without any secret', async () => {
    const res = await owner.api.get('/api/integrations/status');
    expect(res.status).toBe(200);
    for (const channel of ['sms', 'whatsapp', 'email']) {
      expect(res.body[channel]).toMatchObject({ provider: 'outbox', configured: false, healthy: true, detail: expect.any(String) });
    }
    expect(JSON.stringify(res.body)).not.toContain(AUTH_TOKEN);
  });
});
