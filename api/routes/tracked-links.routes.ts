import { Router } from 'express';
import type { ApiDeps } from '../deps';
import { AppError } from '../errors';
import { followTrackedLink } from '../services/campaigns/follow-tracked-link';

const code = /^[A-Za-z0-9_-]{6,24}$/;

/** GET /l/<code>: a campaign's short link; counts the click and redirects. Unknown: 404. */
export function trackedLinkRouter(deps: Pick<ApiDeps, 'orm'>): Router {
  const r = Router();
  r.get('/l/:code', async (req, res) => {
    const given = String(req.params.code);
    const url = code.test(given) ? await followTrackedLink(deps.orm, given) : undefined;
    if (!url) throw new AppError('NOT_FOUND', 'This link does not exist (it may have been mistyped)');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, url);
  });
  return r;
}
