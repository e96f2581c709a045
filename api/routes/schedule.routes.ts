import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import { commonErrors, describeCrud } from '../openapi/describe-crud';
import { requireRole } from '../middleware/require-role';
import { dateOverrideResource, externalBusyResource, timeOffResource } from '../services/resources/schedule.resources';
import { getWeeklyHours, replaceWeeklyHours } from '../services/schedule/weekly-hours';
import { parseId, parseInput } from '../validate';
import { z } from '../zod';
import { idParams } from './common.schema';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import {
  dateOverrideCreateSchema,
  dateOverrideSchema,
  dateOverrideUpdateSchema,
  externalBusyCreateSchema,
  externalBusySchema,
  externalBusyUpdateSchema,
  overrideListQuery,
  scheduleListQuery,
  timeOffCreateSchema,
  timeOffSchema,
  timeOffUpdateSchema,
  weeklyHoursSchema,
} from './schedule.schema';

const writeRoles = ['owner', 'admin'] as const;

const hoursBody = z.object({ staffId: z.uuid(), rules: z.array(weeklyHoursSchema.shape.rules.element.extend({ locationId: z.uuid().nullable() })) }).openapi('WeeklyHoursBody');

/** GET/PUT /api/staff/:id/hours: a staff member's weekly working hours, saved whole. */
export const staffHoursRoutes: RouteModule = {
  path: '/staff',
  router: () => {
    const r = Router();
    r.get('/:id/hours', async (req, res) => {
      res.json(await getWeeklyHours(ctxOf(req), parseId(req.params.id, 'Staff member')));
    });
    r.put('/:id/hours', requireRole(...writeRoles), async (req, res) => {
      const input = parseInput(weeklyHoursSchema, req.body, 'body');
      res.json(await replaceWeeklyHours(ctxOf(req), parseId(req.params.id, 'Staff member'), input));
    });
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    const json = { 'application/json': { schema: hoursBody } };
    registry.registerPath({ method: 'get', path: '/api/staff/{id}/hours', tags: ['Staff'], security: [{ bearerAuth: [] }], summary: 'Weekly working hours', request: { params: idParams }, responses: { 200: { description: 'Hours', content: json }, ...commonErrors } });
    registry.registerPath({
      method: 'put', path: '/api/staff/{id}/hours', tags: ['Staff'], security: [{ bearerAuth: [] }], summary: 'Replace the weekly working hours (owner/admin)',
      request: { params: idParams, body: { required: true, content: { 'application/json': { schema: weeklyHoursSchema } } } },
      responses: { 200: { description: 'Saved', content: json }, ...commonErrors },
    });
  },
};

export const timeOffRoutes: RouteModule = {
  path: '/time-off',
  router: () => crudRouter({ resource: timeOffResource, create: timeOffCreateSchema, update: timeOffUpdateSchema, listQuery: scheduleListQuery, writeRoles }),
  document: (registry) =>
    describeCrud(registry, { path: '/api/time-off', tag: 'Schedule', label: 'time off', record: timeOffSchema, create: timeOffCreateSchema, update: timeOffUpdateSchema, listQuery: scheduleListQuery, writeRoles }),
};

export const dateOverridesRoutes: RouteModule = {
  path: '/date-overrides',
  router: () => crudRouter({ resource: dateOverrideResource, create: dateOverrideCreateSchema, update: dateOverrideUpdateSchema, listQuery: overrideListQuery, writeRoles }),
  document: (registry) =>
    describeCrud(registry, { path: '/api/date-overrides', tag: 'Schedule', label: 'date override', record: dateOverrideSchema, create: dateOverrideCreateSchema, update: dateOverrideUpdateSchema, listQuery: overrideListQuery, writeRoles }),
};

/** Busy blocks from other calendars (written by calendar sync, or by hand). */
export const externalBusyRoutes: RouteModule = {
  path: '/external-busy',
  router: () => crudRouter({ resource: externalBusyResource, create: externalBusyCreateSchema, update: externalBusyUpdateSchema, listQuery: scheduleListQuery, writeRoles }),
  document: (registry) =>
    describeCrud(registry, { path: '/api/external-busy', tag: 'Schedule', label: 'busy block', record: externalBusySchema, create: externalBusyCreateSchema, update: externalBusyUpdateSchema, listQuery: scheduleListQuery, writeRoles }),
};
