import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import { commonErrors } from '../openapi/describe-crud';
import { listActivity } from '../services/activity/activity-log';
import { listPresence } from '../services/activity/presence';
import { parseInput } from '../validate';
import { z } from '../zod';
import { activityEntrySchema, activityQuery, presenceSchema } from './activity.schema';
import { pageOf } from './common.schema';
import type { RouteModule } from './route-module';

/** Staff activity: who is online, and who did what. Owners and admins see everyone; staff see their own actions. */
function router(): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const ctx = ctxOf(req);
    const query = parseInput(activityQuery, req.query, 'query');
    const userId = ctx.user.role === 'staff' ? ctx.user.id : query.userId;
    res.json(await listActivity(ctx, { ...query, ...(userId ? { userId } : {}) }));
  });
  r.get('/presence', async (req, res) => res.json(await listPresence(ctxOf(req))));
  return r;
}

function document(registry: OpenAPIRegistry): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const tags = ['Activity'];
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'get', path: '/api/activity', tags, security, summary: 'Who did what, newest first',
    description: 'Bookings, status changes and cancels, reschedules, overrides, refunds, automation publishes and run controls, settings changes.',
    request: { query: activityQuery },
    responses: { 200: { description: 'A page of entries', ...json(pageOf(activityEntrySchema, 'ActivityPage')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: '/api/activity/presence', tags, security, summary: 'Who is online, away or offline',
    responses: { 200: { description: 'Every active sign-in of the business', ...json(z.object({ items: z.array(presenceSchema), total: z.number().int() })) }, ...commonErrors },
  });
}

export const activityRoutes: RouteModule = { path: '/activity', router, document };
