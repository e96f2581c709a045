import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/** Where the built builder-ui lives, whether running from sources (tsx) or from dist/. */
export function findUiDir(): string | undefined {
  const candidates = [
    path.resolve(process.cwd(), 'builder-ui', 'dist'),
    path.resolve(__dirname, '..', 'builder-ui', 'dist'),
    path.resolve(__dirname, '..', '..', 'builder-ui', 'dist'),
  ];
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'index.html')));
}

const apiLike = /^\/(api|healthz|readyz)(\/|$)/;

/** The single-page app: static assets, and index.html for any other browser navigation. */
export function staticUi(dir: string): Router {
  const router = Router();
  router.use(express.static(dir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml }));
  const fallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || apiLike.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  };
  router.use(fallback);
  return router;
}

function noCacheForHtml(res: express.Response, file: string): void {
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  else if (file.includes(`${path.sep}assets${path.sep}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
}
