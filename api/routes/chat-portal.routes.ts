import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type Request, Router } from 'express';
import type { ApiDeps } from '../deps';
import { authenticateCustomer, portalOf } from '../middleware/authenticate-customer';
import { commonErrors } from '../openapi/describe-crud';
import type { z } from '../zod';
import { idParams } from './common.schema';
import { chatUnreadSchema } from './chat.schema';
import { documentChatThread } from './chat.routes';
import { type ChatSide, mountChatThread, sendChatAttachment, unreadFor } from './chat-thread';
import type { RouteModule } from './route-module';

/** The customer side of live chat: the signed-in customer's one conversation with the business. */
function router(deps: ApiDeps): Router {
  const r = Router();
  r.use(authenticateCustomer(deps, deps.portalTokens));
  const customerSide = async (req: Request): Promise<ChatSide> => {
    const portal = portalOf(req);
    return { scope: { em: portal.em, tenantId: portal.tenantId }, customerId: portal.customerId, sender: 'customer', ownCustomerId: portal.customerId };
  };
  r.get('/unread', async (req, res) => res.json(await unreadFor(await customerSide(req))));
  r.get('/attachments/:id', async (req, res) => sendChatAttachment(req, res, await customerSide(req)));
  mountChatThread(r, '', customerSide);
  return r;
}

function document(registry: OpenAPIRegistry): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const tags = ['Portal chat'];
  const security = [{ portalAuth: [] }];
  registry.registerPath({
    method: 'get', path: '/api/portal/chat/unread', tags, security, summary: 'Messages from the business not read yet',
    responses: { 200: { description: 'Counts', ...json(chatUnreadSchema) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: '/api/portal/chat/attachments/{id}', tags, security, summary: 'Download an attachment of your conversation',
    request: { params: idParams },
    responses: { 200: { description: 'The file' }, ...commonErrors },
  });
  documentChatThread(registry, { base: '/api/portal/chat', tags, security, who: 'your conversation with the business' });
}

/** Mounted before the portal's own router, which would otherwise authenticate the request a second time. */
export const chatPortalRoutes: RouteModule = { path: '/portal/chat', router, document };
