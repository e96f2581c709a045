import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { type Request, Router } from 'express';
import { Customer } from '../../db/entities';
import { ctxOf } from '../context';
import { notFound } from '../errors';
import { commonErrors } from '../openapi/describe-crud';
import { listConversations, staffUnreadTotals } from '../services/chat/chat-conversations';
import { parseId, parseInput } from '../validate';
import { z } from '../zod';
import { errorSchema, idParams, pageOf } from './common.schema';
import {
  chatConversationSchema,
  chatConversationsQuery,
  chatHistoryQuery,
  chatHistorySchema,
  chatMessageInput,
  chatMessageSchema,
  chatReadInput,
  chatReadSchema,
  chatUnreadSchema,
  customerParams,
} from './chat.schema';
import { type ChatSide, mountChatThread, sendChatAttachment } from './chat-thread';
import type { RouteModule } from './route-module';

/** The business side of live chat: the inbox and each customer's conversation. Every staff role may chat. */
function router(): Router {
  const r = Router();
  const staffSide = async (req: Request): Promise<ChatSide> => {
    const ctx = ctxOf(req);
    const customerId = parseId(req.params.customerId, 'Customer');
    if (!(await ctx.em.findOne(Customer, { id: customerId }, { fields: ['id'] }))) throw notFound('Customer', customerId);
    return { scope: { em: ctx.em, tenantId: ctx.tenantId }, customerId, sender: 'staff', userId: ctx.user.id };
  };

  r.get('/conversations', async (req, res) => {
    const ctx = ctxOf(req);
    const query = parseInput(chatConversationsQuery, req.query, 'query');
    res.json(await listConversations(ctx, { ...query, unread: query.unread === 'true' }));
  });
  r.get('/unread', async (req, res) => res.json(await staffUnreadTotals(ctxOf(req))));
  r.get('/attachments/:id', async (req, res) => sendChatAttachment(req, res, { scope: ctxOf(req) }));
  mountChatThread(r, '/customers/:customerId', staffSide);
  return r;
}

export function documentChatThread(registry: OpenAPIRegistry, options: { base: string; params?: z.ZodObject; tags: string[]; security: Array<Record<string, string[]>>; who: string }): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const err = (description: string) => ({ description, ...json(errorSchema) });
  const { base, tags, security } = options;
  const request = options.params ? { params: options.params } : {};
  registry.registerPath({
    method: 'get', path: `${base}/messages`, tags, security, summary: `History of ${options.who}, newest first`,
    request: { ...request, query: chatHistoryQuery },
    responses: { 200: { description: 'A page of messages; nextCursor pages back in time', ...json(chatHistorySchema) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: `${base}/messages`, tags, security, summary: 'Send a message', description: 'Delivered to both sides over the live sockets as `chat.message`.',
    request: { ...request, body: json(chatMessageInput) },
    responses: { 201: { description: 'The message', ...json(chatMessageSchema) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'post', path: `${base}/attachments`, tags, security, summary: 'Send a file (JPEG, PNG, GIF, WebP, HEIC or PDF, ≤ 5 MB), with optional text',
    description: 'multipart/form-data: `file` and optional `body`. The type is sniffed from the bytes.',
    request: { ...request, body: { content: { 'multipart/form-data': { schema: z.object({ file: z.string().openapi({ format: 'binary' }), body: z.string().optional() }) } } } },
    responses: { 201: { description: 'The message', ...json(chatMessageSchema) }, ...commonErrors, 413: err('PAYLOAD_TOO_LARGE'), 415: err('UNSUPPORTED_MEDIA_TYPE: the content is not an allowed type') },
  });
  registry.registerPath({
    method: 'post', path: `${base}/read`, tags, security, summary: 'Mark the conversation read (read receipts)',
    request: { ...request, body: json(chatReadInput) },
    responses: { 200: { description: 'The read mark', ...json(chatReadSchema) }, ...commonErrors },
  });
}

function document(registry: OpenAPIRegistry): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const tags = ['Chat'];
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'get', path: '/api/chat/conversations', tags, security, summary: 'The inbox: conversations, most recent first',
    request: { query: chatConversationsQuery },
    responses: { 200: { description: 'A page of conversations', ...json(pageOf(chatConversationSchema, 'ChatConversationsPage')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: '/api/chat/unread', tags, security, summary: 'Unread customer messages across the inbox',
    responses: { 200: { description: 'Counts', ...json(chatUnreadSchema) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: '/api/chat/attachments/{id}', tags, security, summary: 'Download an attachment',
    request: { params: idParams },
    responses: { 200: { description: 'The file' }, ...commonErrors },
  });
  documentChatThread(registry, { base: '/api/chat/customers/{customerId}', params: customerParams, tags, security, who: "a customer's conversation" });
}

export const chatRoutes: RouteModule = { path: '/chat', router, document };
