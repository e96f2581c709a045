import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { calendarEnvFrom } from '../../activities/calendar/calendar-env';
import { publicUrlOf } from '../../activities/messaging/providers';
import { resolveJwtSecret } from '../auth/tokens';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { getCalendarSettings, updateCalendarSettings } from '../services/calendar/calendar-settings';
import { disconnectCalendar } from '../services/calendar/disconnect';
import { listCalendarConnections } from '../services/calendar/list-connections';
import { startCalendarConnect } from '../services/calendar/start-connect';
import { signalCalendarSync } from '../services/calendar/sync-signal';
import { CalendarConnection } from '../../db/entities';
import { AppError } from '../errors';
import { parseId, parseInput } from '../validate';
import {
  calendarConnectAnswer,
  calendarConnectInput,
  calendarConnectionList,
  calendarSettingsInput,
  calendarSettingsSchema,
} from './calendar.schema';
import type { RouteModule } from './route-module';

/** Settings → Calendars: connect (OAuth), list with status, sync now, disconnect, and the calendar/video choices. */
export const calendarRoutes: RouteModule = {
  path: '/integrations/calendar',
  router(deps: ApiDeps) {
    const env = calendarEnvFrom(deps.config);
    const secret = resolveJwtSecret(deps.config);
    const r = Router();
    r.get('/', async (req, res) => {
      res.json(await listCalendarConnections({ ctx: ctxOf(req), env }));
    });
    r.post('/connect', async (req, res) => {
      const input = parseInput(calendarConnectInput, req.body, 'body');
      res.json(await startCalendarConnect({ ctx: ctxOf(req), env, secret, baseUrl: publicUrlOf(deps.config), input }));
    });
    r.get('/settings', async (req, res) => {
      res.json(await getCalendarSettings(ctxOf(req)));
    });
    r.patch('/settings', requireRole('owner', 'admin'), async (req, res) => {
      const input = parseInput(calendarSettingsInput, req.body, 'body');
      res.json(await updateCalendarSettings({ ctx: ctxOf(req), env, input }));
    });
    r.post('/:id/sync', async (req, res) => {
      const ctx = ctxOf(req);
      const id = parseId(req.params.id, 'Calendar connection');
      const connection = await ctx.em.findOne(CalendarConnection, { id });
      if (!connection) throw new AppError('NOT_FOUND', `Calendar connection ${id} was not found`);
      const started = await signalCalendarSync({ temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, logger: ctx.logger, input: { tenantId: ctx.tenantId, connectionId: id } });
      res.status(202).json({ started });
    });
    r.delete('/:id', async (req, res) => {
      const ctx = ctxOf(req);
      res.json(await disconnectCalendar({ ctx, env, temporal: deps.temporal, id: parseId(req.params.id, 'Calendar connection') }));
    });
    return r;
  },
  document(registry: OpenAPIRegistry) {
    const security = [{ bearerAuth: [] }];
    const tags = ['Calendars'];
    const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
    const base = '/api/integrations/calendar';
    registry.registerPath({ method: 'get', path: base, tags, security, summary: 'Connected calendars with their sync status', responses: { 200: { description: 'Connections', ...json(calendarConnectionList) }, ...commonErrors } });
    registry.registerPath({
      method: 'post', path: `${base}/connect`, tags, security, summary: 'Start connecting a Google or Microsoft calendar: returns the consent URL to open',
      request: { body: { required: true, ...json(calendarConnectInput) } },
      responses: { 200: { description: 'Where to send the browser', ...json(calendarConnectAnswer) }, ...commonErrors },
    });
    registry.registerPath({ method: 'get', path: `${base}/settings`, tags, security, summary: 'Invite policy, email invites, video per service, Zoom', responses: { 200: { description: 'Settings', ...json(calendarSettingsSchema) }, ...commonErrors } });
    registry.registerPath({
      method: 'patch', path: `${base}/settings`, tags, security, summary: 'Change calendar settings (owner/admin)',
      request: { body: { required: true, ...json(calendarSettingsInput) } },
      responses: { 200: { description: 'Settings', ...json(calendarSettingsSchema) }, ...commonErrors },
    });
    registry.registerPath({ method: 'post', path: `${base}/{id}/sync`, tags, security, summary: 'Sync the calendar now', responses: { 202: { description: 'Sync requested' }, ...commonErrors } });
    registry.registerPath({ method: 'delete', path: `${base}/{id}`, tags, security, summary: 'Disconnect: revoke the grant, remove the connection and its busy time', responses: { 200: { description: 'Removed' }, ...commonErrors } });
  },
};
