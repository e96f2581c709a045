import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { calendarEnvFrom } from '../../activities/calendar/calendar-env';
import { publicUrlOf } from '../../activities/messaging/providers';
import { resolveJwtSecret } from '../auth/tokens';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { completeCalendarConnect } from '../services/calendar/complete-connect';
import { handleCalendarNotification } from '../services/calendar/push-notification';
import { parseInput } from '../validate';
import { calendarProviderSchema, oauthCallbackQuery } from './calendar.schema';
import type { RouteModule } from './route-module';

/** Where the browser lands after connecting: the Settings page shows the outcome. */
const settingsPage = (outcome: string) => `/integrations/calendars?calendar=${encodeURIComponent(outcome)}`;

/**
 * Reached without a staff token: the OAuth redirect (trusted through its signed `state`) and the
 * push notifications of Google (X-Goog-Channel-ID/-Token) and Graph (subscription id + clientState,
 * and its validation handshake).
 */
export const calendarCallbacksRoutes: RouteModule = {
  path: '/integrations/calendar/callbacks',
  router(deps: ApiDeps) {
    const env = calendarEnvFrom(deps.config);
    const secret = resolveJwtSecret(deps.config);
    const r = Router();
    const notify = (watchId: string, token: string, logger: ApiDeps['logger']) =>
      handleCalendarNotification({ orm: deps.orm, temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, logger, watchId, secret: token });

    r.get('/oauth/:provider', async (req, res) => {
      const provider = parseInput(calendarProviderSchema, req.params.provider, 'path');
      const query = parseInput(oauthCallbackQuery, req.query, 'query');
      if (query.error) {
        res.redirect(303, settingsPage(query.error === 'access_denied' ? 'denied' : 'error'));
        return;
      }
      if (!query.code || !query.state) throw new AppError('VALIDATION_FAILED', 'code and state are required', [{ path: query.code ? 'state' : 'code', message: 'Required' }]);
      try {
        await completeCalendarConnect({ orm: deps.orm, temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE, logger: req.log, env, secret, baseUrl: publicUrlOf(deps.config), provider, code: query.code, state: query.state });
      } catch (err) {
        if (err instanceof AppError && err.code === 'PROVIDER_ERROR') {
          req.log.warn({ provider, error: err.message }, 'calendar connect failed at the provider');
          res.redirect(303, settingsPage('error'));
          return;
        }
        throw err;
      }
      res.redirect(303, settingsPage('connected'));
    });

    r.post('/google', async (req, res) => {
      const state = req.get('X-Goog-Resource-State');
      // "sync" only announces a new channel.
      if (state !== 'sync') await notify(req.get('X-Goog-Channel-ID') ?? '', req.get('X-Goog-Channel-Token') ?? '', req.log);
      res.status(204).end();
    });

    r.post('/microsoft', async (req, res) => {
      const validationToken = req.query.validationToken;
      if (typeof validationToken === 'string') {
        res.type('text/plain').send(validationToken.slice(0, 1000));
        return;
      }
      const items = ((req.body as { value?: unknown })?.value ?? []) as { subscriptionId?: unknown; clientState?: unknown }[];
      const seen = new Set<string>();
      for (const item of Array.isArray(items) ? items.slice(0, 100) : []) {
        if (typeof item.subscriptionId !== 'string' || typeof item.clientState !== 'string' || seen.has(item.subscriptionId)) continue;
        seen.add(item.subscriptionId);
        await notify(item.subscriptionId, item.clientState, req.log);
      }
      res.status(202).end();
    });
    return r;
  },
  document(registry: OpenAPIRegistry) {
    const tags = ['Calendars'];
    const base = '/api/integrations/calendar/callbacks';
    registry.registerPath({ method: 'get', path: `${base}/oauth/{provider}`, tags, summary: 'OAuth redirect target (Google / Microsoft); redirects to Settings', responses: { 303: { description: 'To Settings → Calendars' } } });
    registry.registerPath({ method: 'post', path: `${base}/google`, tags, summary: 'Google Calendar push notification (events.watch channel)', responses: { 204: { description: 'Taken' } } });
    registry.registerPath({ method: 'post', path: `${base}/microsoft`, tags, summary: 'Microsoft Graph change notification (and its validationToken handshake)', responses: { 202: { description: 'Taken' } } });
  },
};
