/**
 * The approved WhatsApp template (Twilio Content SID) of a message template, set through the
 * templates API: kept and answered, refused on a template of another channel or in a wrong shape
 * (400 naming the field, nothing written), and cleared with null.
 */
import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { type SignedUp, signup } from '../helpers/http';

const SID = 'HXb5b62575e6e4ff6129ad7c8efe1f983e';

describe('WhatsApp Content SID of a template', () => {
  let app: TestApp;
  let owner: SignedUp;
  let other: SignedUp;

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl, { businessName: 'Studio Sid' });
    other = await signup(app.baseUrl, { businessName: 'Studio Elsewhere' });
  });
  afterAll(async () => {
    await app?.close();
  });

  const fieldsOf = (res: { body: { error: { details: Array<{ path: string }> } } }) => res.body.error.details.map((d) => d.path);

  test('is saved on a WhatsApp template, answered, changed and cleared', async () => {
    const created = await owner.api.post('/api/templates', { key: 'wa-offer', name: 'WA offer', channel: 'whatsapp', body: 'Hi {{customer.firstName}}!', whatsappContentSid: ` ${SID} ` });
    expect(created.status).toBe(201);
    expect(created.body.whatsappContentSid).toBe(SID);
    expect((await owner.api.get(`/api/templates/${created.body.id}`)).body.whatsappContentSid).toBe(SID);

    // Another business neither sees it nor can change it.
    expect((await other.api.get(`/api/templates/${created.body.id}`)).status).toBe(404);
    expect((await other.api.patch(`/api/templates/${created.body.id}`, { whatsappContentSid: null })).status).toBe(404);

    // A change of text keeps it; null clears it.
    const renamed = await owner.api.patch(`/api/templates/${created.body.id}`, { name: 'WA spring offer' });
    expect(renamed.body.whatsappContentSid).toBe(SID);
    const cleared = await owner.api.patch(`/api/templates/${created.body.id}`, { whatsappContentSid: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.whatsappContentSid).toBeNull();

    const plain = await owner.api.post('/api/templates', { key: 'sms-offer', name: 'SMS offer', channel: 'sms', body: 'Hi' });
    expect(plain.body.whatsappContentSid).toBeNull();
  });

  test('is refused in a wrong shape or on a template of another channel, and nothing is written', async () => {
    const badShape = await owner.api.post('/api/templates', { key: 'wa-bad', name: 'WA bad', channel: 'whatsapp', body: 'Hi', whatsappContentSid: 'HX123' });
    expect(badShape.status).toBe(400);
    expect(fieldsOf(badShape)).toEqual(['whatsappContentSid']);

    const onSms = await owner.api.post('/api/templates', { key: 'sms-sid', name: 'SMS sid', channel: 'sms', body: 'Hi', whatsappContentSid: SID });
    expect(onSms.status).toBe(400);
    expect(fieldsOf(onSms)).toEqual(['whatsappContentSid']);
    expect((await owner.api.get('/api/templates?q=wa-bad')).body.total).toBe(0);
    expect((await owner.api.get('/api/templates?q=sms-sid')).body.total).toBe(0);

    // A WhatsApp template with one cannot become an SMS template while it keeps it.
    const wa = await owner.api.post('/api/templates', { key: 'wa-keep', name: 'WA keep', channel: 'whatsapp', body: 'Hi', whatsappContentSid: SID });
    const toSms = await owner.api.patch(`/api/templates/${wa.body.id}`, { channel: 'sms' });
    expect(toSms.status).toBe(400);
    expect(fieldsOf(toSms)).toEqual(['whatsappContentSid']);
    expect((await owner.api.get(`/api/templates/${wa.body.id}`)).body).toMatchObject({ channel: 'whatsapp', whatsappContentSid: SID });
    const both = await owner.api.patch(`/api/templates/${wa.body.id}`, { channel: 'sms', whatsappContentSid: null });
    expect(both.status).toBe(200);
    expect(both.body).toMatchObject({ channel: 'sms', whatsappContentSid: null });
  });
});
