import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { commonErrors } from '../openapi/describe-crud';
import { findSlots } from '../services/availability/find-slots';
import { parseInput } from '../validate';
import { availabilityQuery, availabilitySchema } from './availability.schema';
import type { RouteModule } from './route-module';

function router(_deps: ApiDeps): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const query = parseInput(availabilityQuery, req.query, 'query');
    const ctx = ctxOf(req);
    const { tenant, slots } = await findSlots({ em: ctx.em, tenantId: ctx.tenantId, ...query });
    res.json({ serviceId: query.serviceId, timezone: tenant.timezone, slots });
  });
  return r;
}

function document(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/api/availability',
    tags: ['Availability'],
    security: [{ bearerAuth: [] }],
    summary: 'Bookable slots of a service, with the staff who can take each',
    description: 'Computed by the availability engine (docs/availability.md) from hours, overrides, time off, external busy blocks, waitlist holds and bookings; times in the business zone, DST-exact.',
    request: { query: availabilityQuery },
    responses: { 200: { description: 'Slots, sorted by start', content: { 'application/json': { schema: availabilitySchema } } }, ...commonErrors },
  });
}

export const availabilityRoutes: RouteModule = { path: '/availability', router, document };
