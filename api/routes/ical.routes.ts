import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { renderCalendarFeed } from '../services/ical/calendar-feeds';
import { publicBaseUrl } from '../services/public-url';

const tokenFile = /^([A-Za-z0-9_-]{20,100})\.ics$/;

/** GET /ical/<token>.ics: a staff member's or customer's secret feed. Unknown or revoked: 404. */
export function icalFeedRouter(deps: Pick<ApiDeps, 'orm' | 'config'>): Router {
  const r = Router();
  r.get('/ical/:file', async (req, res) => {
    const match = tokenFile.exec(String(req.params.file));
    const feed = match ? await renderCalendarFeed({ orm: deps.orm, token: match[1] as string, baseUrl: publicBaseUrl(req, deps.config) }) : undefined;
    if (!feed) throw new AppError('NOT_FOUND', 'No calendar feed at this address (it may have been reset or revoked)');
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.type('text/calendar; charset=utf-8').send(feed);
  });
  return r;
}
