import '../helpers/fresh-orm-metadata';
import { startTestApp, type TestApp } from '../helpers/app';
import { apiClient, type ApiClient, type Loose, type SignedUp, signup } from '../helpers/http';
import { portalSignIn, tinyPng as png } from './live-helpers';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('live chat over the api', () => {
  let app: TestApp;
  let owner: SignedUp;
  let other: SignedUp;
  let customerId: string;
  let neighbourId: string;
  let portal: ApiClient;
  let portalToken: string;
  let neighbour: ApiClient;
  let neighbourToken: string;

  const upload = (path: string, token: string, file: { bytes: Buffer; name: string; type: string }, fields: Record<string, string> = {}) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
  };
  const download = (path: string, token: string) => fetch(`${app.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    app = await startTestApp();
    owner = await signup(app.baseUrl);
    other = await signup(app.baseUrl);
    customerId = (await owner.api.post('/api/customers', { name: 'Robin Chat', email: 'robin.chat@example.com', emailOptIn: true })).body.id;
    neighbourId = (await owner.api.post('/api/customers', { name: 'Sam Next', email: 'sam.next@example.com', emailOptIn: true })).body.id;
    const signIn = (email: string) => portalSignIn({ baseUrl: app.baseUrl, orm: app.orm, tenantId: owner.tenant.id, slug: owner.tenant.slug, email });
    portalToken = await signIn('robin.chat@example.com');
    neighbourToken = await signIn('sam.next@example.com');
    portal = apiClient(app.baseUrl, portalToken);
    neighbour = apiClient(app.baseUrl, neighbourToken);
  });
  afterAll(async () => {
    await app?.close();
  });

  test('a customer and the business exchange messages; history pages back in time without gaps', async () => {
    const first = await portal.post('/api/portal/chat/messages', { body: 'Hi! Can I bring two dogs on Friday?' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ sender: 'customer', body: 'Hi! Can I bring two dogs on Friday?', read: false, attachment: null });
    expect(first.body).not.toHaveProperty('userId');

    const inbox = (await owner.api.get('/api/chat/conversations')).body;
    expect(inbox.items).toEqual([expect.objectContaining({ customerId, customerName: 'Robin Chat', unreadForStaff: 1, lastMessage: expect.objectContaining({ sender: 'customer' }) })]);
    expect((await owner.api.get('/api/chat/unread')).body).toEqual({ conversations: 1, messages: 1 });
    expect((await owner.api.get('/api/chat/conversations?unread=true')).body.total).toBe(1);

    const reply = await owner.api.post(`/api/chat/customers/${customerId}/messages`, { body: 'Of course — see you then.' });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ sender: 'staff', userId: owner.user.id, read: false });
    // Replying reads the thread for the business.
    expect((await owner.api.get('/api/chat/unread')).body).toEqual({ conversations: 0, messages: 0 });
    expect((await portal.get('/api/portal/chat/unread')).body).toEqual({ conversations: 1, messages: 1 });

    for (let i = 1; i <= 3; i++) await portal.post('/api/portal/chat/messages', { body: `Follow-up ${i}` });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await owner.api.get(`/api/chat/customers/${customerId}/messages?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.total).toBe(5);
      seen.push(...page.items.map((m: Loose) => m.body));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Follow-up 3', 'Follow-up 2', 'Follow-up 1', 'Of course — see you then.', 'Hi! Can I bring two dogs on Friday?']);

    // The customer's own history is the same conversation, without staff user ids.
    const mine = (await portal.get('/api/portal/chat/messages?limit=100')).body;
    expect(mine.items.map((m: Loose) => m.body)).toEqual(seen);
    expect(mine.items.every((m: Loose) => !('userId' in m))).toBe(true);
  });

  test('read receipts: each side sees when the other has read, and marks only move forward', async () => {
    const sent = (await portal.post('/api/portal/chat/messages', { body: 'Is parking free?' })).body;
    const before = (await portal.get('/api/portal/chat/messages?limit=1')).body.items[0];
    expect(before).toMatchObject({ id: sent.id, read: false });

    const read = await owner.api.post(`/api/chat/customers/${customerId}/read`, {});
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ changed: true, readAt: sent.createdAt });
    expect((await portal.get('/api/portal/chat/messages?limit=1')).body.items[0]).toMatchObject({ id: sent.id, read: true });
    expect((await owner.api.get('/api/chat/unread')).body.messages).toBe(0);

    // An older mark changes nothing.
    const oldest = (await owner.api.get(`/api/chat/customers/${customerId}/messages?limit=100`)).body.items.at(-1);
    expect((await owner.api.post(`/api/chat/customers/${customerId}/read`, { upTo: oldest.id })).body).toMatchObject({ changed: false, readAt: sent.createdAt });

    // Writing reads what came before: the customer's follow-ups already read the first reply.
    const earlier = (await owner.api.get(`/api/chat/customers/${customerId}/messages?limit=100`)).body.items.find((m: Loose) => m.sender === 'staff');
    expect(earlier.read).toBe(true);
    const staffMessage = (await owner.api.post(`/api/chat/customers/${customerId}/messages`, { body: 'Yes, parking is free.' })).body;
    expect(staffMessage.read).toBe(false);
    expect((await portal.get('/api/portal/chat/unread')).body).toEqual({ conversations: 1, messages: 1 });
    expect((await portal.post('/api/portal/chat/read', { upTo: staffMessage.id })).body.changed).toBe(true);
    expect((await portal.get('/api/portal/chat/unread')).body.messages).toBe(0);
    const after = (await owner.api.get(`/api/chat/customers/${customerId}/messages?limit=100`)).body.items.find((m: Loose) => m.id === staffMessage.id);
    expect(after.read).toBe(true);
  });

  test('bad input gets a 4xx naming the field and stores nothing', async () => {
    const total = async () => (await owner.api.get(`/api/chat/customers/${customerId}/messages`)).body.total as number;
    const count = await total();
    const empty = await portal.post('/api/portal/chat/messages', { body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([expect.objectContaining({ path: 'body' })]);
    const missing = await owner.api.post(`/api/chat/customers/${customerId}/messages`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].path).toBe('body');
    const long = await owner.api.post(`/api/chat/customers/${customerId}/messages`, { body: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(long.body.error.details[0].path).toBe('body');
    const unknown = await portal.post('/api/portal/chat/messages', { body: 'hi', customerId: neighbourId });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]).toMatchObject({ path: 'customerId', message: 'Unknown field "customerId"' });
    const strangerMessage = (await neighbour.post('/api/portal/chat/messages', { body: 'Hello from Sam' })).body;
    const foreign = await portal.post('/api/portal/chat/read', { upTo: strangerMessage.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe('upTo');
    const badCursor = await owner.api.get(`/api/chat/customers/${customerId}/messages?cursor=nope!`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details[0].path).toBe('cursor');
    expect((await owner.api.get('/api/chat/conversations?unread=maybe')).body.error.details[0].path).toBe('unread');
    expect(await total()).toBe(count);
  });

  test('attachments are type-checked from their bytes, size-limited, and served only to their tenant and customer', async () => {
    const photo = await upload('/api/portal/chat/attachments', portalToken, { bytes: png, name: 'rash.png', type: 'image/png' }, { body: 'Here is the rash' });
    expect(photo.status).toBe(201);
    const message = (await photo.json()) as Loose;
    expect(message).toMatchObject({ body: 'Here is the rash', attachment: { contentType: 'image/png', filename: 'rash.png', sizeBytes: png.length } });

    // The claimed type does not matter: a PDF sent as text/plain is stored as what it is.
    const relabelled = await upload(`/api/chat/customers/${customerId}/attachments`, owner.token, { bytes: pdf, name: 'aftercare', type: 'text/plain' });
    expect(relabelled.status).toBe(201);
    expect(((await relabelled.json()) as Loose).attachment).toMatchObject({ contentType: 'application/pdf', filename: 'aftercare.pdf' });

    const disguised = await upload('/api/portal/chat/attachments', portalToken, { bytes: Buffer.from('<html><script>alert(1)</script></html>'), name: 'cute.png', type: 'image/png' });
    expect(disguised.status).toBe(415);
    expect(((await disguised.json()) as Loose).error.details).toEqual([expect.objectContaining({ path: 'file' })]);
    const huge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await upload('/api/portal/chat/attachments', portalToken, { bytes: huge, name: 'big.png', type: 'image/png' });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as Loose).error.details[0].path).toBe('file');
    const noFile = await fetch(`${app.baseUrl}/api/portal/chat/attachments`, { method: 'POST', headers: { Authorization: `Bearer ${portalToken}` }, body: new FormData() });
    expect(noFile.status).toBe(400);
    expect(((await noFile.json()) as Loose).error.details[0].path).toBe('file');

    const id = message.attachment.id as string;
    const byCustomer = await download(`/api/portal/chat/attachments/${id}`, portalToken);
    expect(byCustomer.status).toBe(200);
    expect(byCustomer.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await byCustomer.arrayBuffer()).equals(png)).toBe(true);
    const byStaff = await download(`/api/chat/attachments/${id}`, owner.token);
    expect(byStaff.status).toBe(200);
    expect((await download(`/api/portal/chat/attachments/${id}`, neighbourToken)).status).toBe(404);
    expect((await download(`/api/chat/attachments/${id}`, other.token)).status).toBe(404);
    // Tokens of one side do not open the other side's routes.
    expect((await download(`/api/chat/attachments/${id}`, portalToken)).status).toBe(401);
    expect((await download(`/api/portal/chat/attachments/${id}`, owner.token)).status).toBe(401);
  });

  test("another business cannot read, write or list a customer's conversation", async () => {
    expect((await other.api.get(`/api/chat/customers/${customerId}/messages`)).status).toBe(404);
    expect((await other.api.post(`/api/chat/customers/${customerId}/messages`, { body: 'hello?' })).status).toBe(404);
    expect((await other.api.post(`/api/chat/customers/${customerId}/read`, {})).status).toBe(404);
    expect((await other.api.get('/api/chat/conversations')).body).toMatchObject({ items: [], total: 0 });
    expect((await other.api.get('/api/chat/unread')).body).toEqual({ conversations: 0, messages: 0 });
    // And one customer never sees another's thread.
    const theirs = (await neighbour.get('/api/portal/chat/messages')).body.items;
    expect(theirs.map((m: Loose) => m.body)).toEqual(['Hello from Sam']);
  });
});
