import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { listReportSchedules, updateReportSchedule } from '../services/reports/schedules/report-schedule-settings';
import { parseInput } from '../validate';
import { z } from '../zod';
import { reportFrequencyParams, reportScheduleInput, reportScheduleView } from './reports-schedules.schema';
import type { RouteModule } from './route-module';

/** /api/settings/report-schedules: the weekly and monthly summaries emailed to the business (owner/admin). */
export const reportSchedulesRoutes: RouteModule = {
  path: '/settings/report-schedules',
  router: (deps) => {
    const r = Router();
    const sync = { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, logger: deps.logger };
    r.get('/', requireRole('owner', 'admin'), async (req, res) => {
      res.json({ items: await listReportSchedules(ctxOf(req), sync) });
    });
    r.patch('/:frequency', requireRole('owner', 'admin'), async (req, res) => {
      const { frequency } = parseInput(reportFrequencyParams, req.params, 'path');
      const input = parseInput(reportScheduleInput, req.body, 'body');
      res.json(await updateReportSchedule(ctxOf(req), sync, frequency, input));
    });
    return r;
  },
  document: (registry: OpenAPIRegistry) => {
    const security = [{ bearerAuth: [] }];
    const one = { content: { 'application/json': { schema: reportScheduleView } } };
    registry.registerPath({
      method: 'get', path: '/api/settings/report-schedules', tags: ['Settings'], security, summary: 'Scheduled report emails (owner/admin)',
      responses: { 200: { description: 'Weekly and monthly', content: { 'application/json': { schema: z.object({ items: z.array(reportScheduleView) }) } } }, ...commonErrors },
    });
    registry.registerPath({
      method: 'patch', path: '/api/settings/report-schedules/{frequency}', tags: ['Settings'], security,
      summary: 'Turn a scheduled report on or off, choose recipients and when it is sent; its Temporal Schedule follows (owner/admin)',
      request: { params: reportFrequencyParams, body: { required: true, content: { 'application/json': { schema: reportScheduleInput } } } },
      responses: { 200: { description: 'The scheduled report', ...one }, ...commonErrors },
    });
  },
};
