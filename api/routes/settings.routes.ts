import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { AuditLog, Tenant } from '../../db/entities';
import { ctxOf } from '../context';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { createInTenant } from '../services/tenant-scope';
import { parseInput } from '../validate';
import { z } from '../zod';
import { cents } from './common.schema';
import type { RouteModule } from './route-module';

export const policiesSchema = z
  .strictObject({
    cancelWindowHours: z.number().min(0).max(24 * 30).optional().openapi({ description: 'Customers may cancel up to this many hours before the start (24)' }),
    rescheduleWindowHours: z.number().min(0).max(24 * 30).optional().openapi({ description: 'Customers may move a booking up to this many hours before the start (2)' }),
    maxActiveBookings: z.number().int().min(1).max(1000).optional().openapi({ description: 'Upcoming bookings one customer may hold (10)' }),
    noShowGraceMinutes: z.number().int().min(0).max(240).optional(),
    noShowFeesCents: z.array(cents()).max(10).optional(),
    reputationThreshold: z.number().int().min(0).max(100).optional(),
    waitlistHoldMinutes: z.number().min(1).max(24 * 60).optional().openapi({ description: 'How long a waitlist offer holds a freed slot (15)' }),
  })
  .openapi('TenantPolicies');

/** GET/PATCH /api/settings/policies: the business's booking policies (owner/admin to change; audit-logged). */
export const settingsRoutes: RouteModule = {
  path: '/settings',
  router: () => {
    const r = Router();
    r.get('/policies', async (req, res) => {
      res.json((await ctxOf(req).em.findOneOrFail(Tenant, { id: ctxOf(req).tenantId })).policies);
    });
    r.patch('/policies', requireRole('owner', 'admin'), async (req, res) => {
      const input = parseInput(policiesSchema, req.body, 'body');
      const ctx = ctxOf(req);
      const tenant = await ctx.em.findOneOrFail(Tenant, { id: ctx.tenantId });
      const before = tenant.policies;
      tenant.policies = { ...before, ...input };
      createInTenant(ctx, AuditLog, { userId: ctx.user.id, action: 'tenant.policies', entityType: 'tenant', entityId: tenant.id, changes: { before, after: tenant.policies }, requestId: ctx.requestId });
      await ctx.em.flush();
      res.json(tenant.policies);
    });
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    const json = { content: { 'application/json': { schema: policiesSchema } } };
    const security = [{ bearerAuth: [] }];
    registry.registerPath({ method: 'get', path: '/api/settings/policies', tags: ['Settings'], security, summary: 'Booking policies', responses: { 200: { description: 'Policies', ...json }, ...commonErrors } });
    registry.registerPath({ method: 'patch', path: '/api/settings/policies', tags: ['Settings'], security, summary: 'Change booking policies (owner/admin)', request: { body: { required: true, ...json } }, responses: { 200: { description: 'Policies', ...json }, ...commonErrors } });
  },
};
