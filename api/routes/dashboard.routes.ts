import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import { commonErrors } from '../openapi/describe-crud';
import { dashboardToday } from '../services/dashboard/today';
import { parseInput } from '../validate';
import { z } from '../zod';
import type { RouteModule } from './route-module';

const emptyQuery = z.strictObject({});

/** /api/dashboard/today: the operational home page. Every role; revenue only for owners and admins. */
export const dashboardRoutes: RouteModule = {
  path: '/dashboard',
  router: () => {
    const r = Router();
    r.get('/today', async (req, res) => {
      parseInput(emptyQuery, req.query, 'query');
      const ctx = ctxOf(req);
      res.json(await dashboardToday(ctx.em, ctx.tenantId, { includeRevenue: ctx.user.role !== 'staff' }));
    });
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    registry.registerPath({
      method: 'get', path: '/api/dashboard/today', tags: ['Reports'], security: [{ bearerAuth: [] }],
      summary: 'Today in the business time zone: revenue, appointments by status, next 2 hours, recent no-shows, alerts',
      responses: { 200: { description: 'Today', content: { 'application/json': { schema: z.object({}).passthrough() } } }, ...commonErrors },
    });
  },
};
