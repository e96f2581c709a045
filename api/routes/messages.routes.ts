import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { Message } from '../../db/entities';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { listRecords } from '../services/crud/list-records';
import type { ResourceDefinition } from '../services/crud/resource';
import { presentMessage } from '../services/messaging/present-message';
import { sendTestMessage } from '../services/messaging/send-test-message';
import { parseInput } from '../validate';
import type { z } from '../zod';
import { errorSchema, pageOf } from './common.schema';
import { integrationStatusSchema, type MessageListQuery, messageListQuery, messageSchema, testMessageSchema } from './messages.schema';
import type { RouteModule } from './route-module';

const messageResource: ResourceDefinition<Message, object, MessageListQuery> = {
  label: 'message',
  entity: Message,
  sort: { field: 'createdAt', direction: 'desc', kind: 'date' },
  searchFields: [],
  softDelete: false,
  filters: (query) => [
    ...(query.customerId ? [{ customerId: query.customerId }] : []),
    ...(query.appointmentId ? [{ appointmentId: query.appointmentId }] : []),
    ...(query.campaignId ? [{ campaignId: query.campaignId }] : []),
    ...(query.automationRunId ? [{ automationRunId: query.automationRunId }] : []),
    ...(query.status ? [{ status: query.status }] : []),
    ...(query.channel ? [{ channel: query.channel }] : []),
    ...(query.direction ? [{ direction: query.direction }] : []),
  ],
  present: (message) => presentMessage(message),
};

const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
const err = (description: string) => ({ description, ...json(errorSchema) });
const security = [{ bearerAuth: [] }];

/** The message log (the outbox in development) and test sends. */
export const messagesRoutes: RouteModule = {
  path: '/messages',
  router(deps: ApiDeps) {
    const r = Router();
    r.get('/', async (req, res) => {
      res.json(await listRecords(ctxOf(req), messageResource, parseInput(messageListQuery, req.query, 'query')));
    });
    r.post('/test', requireRole('owner', 'admin'), async (req, res) => {
      const input = parseInput(testMessageSchema, req.body, 'body');
      res.status(201).json(await sendTestMessage({ ctx: ctxOf(req), orm: deps.orm, providers: deps.messaging.providers, config: deps.config, input }));
    });
    return r;
  },
  document(registry: OpenAPIRegistry) {
    registry.registerPath({
      method: 'get', path: '/api/messages', tags: ['Messages'], security, summary: 'The message log, newest first',
      request: { query: messageListQuery },
      responses: { 200: { description: 'A page of messages', ...json(pageOf(messageSchema, 'MessagesPage')) }, ...commonErrors },
    });
    registry.registerPath({
      method: 'post', path: '/api/messages/test', tags: ['Messages'], security, summary: 'Send a test message through the configured provider',
      description: 'Owner or admin. The message is logged like any other.',
      request: { body: { required: true, ...json(testMessageSchema) } },
      responses: { 201: { description: 'Sent', ...json(messageSchema) }, ...commonErrors, 403: err('Role not allowed'), 502: err('PROVIDER_ERROR: the provider refused it') },
    });
  },
};

export const integrationsRoutes: RouteModule = {
  path: '/integrations',
  router(deps: ApiDeps) {
    const r = Router();
    r.get('/status', async (_req, res) => {
      res.json(await deps.messaging.integrationStatus());
    });
    return r;
  },
  document(registry: OpenAPIRegistry) {
    registry.registerPath({
      method: 'get', path: '/api/integrations/status', tags: ['Messages'], security, summary: 'Which providers are configured and healthy (no secrets)',
      responses: { 200: { description: 'Per channel', ...json(integrationStatusSchema) }, ...commonErrors },
    });
  },
};
