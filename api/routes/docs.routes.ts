import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import type { OpenApiDocument } from '../openapi/document';

/** `/api/openapi.json` and the Swagger UI at `/api/docs`, served from node_modules (no CDN). */
export function docsRouter(document: OpenApiDocument): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  router.use(
    '/docs',
    swaggerUi.serveFiles(document as unknown as swaggerUi.JsonObject),
    swaggerUi.setup(document as unknown as swaggerUi.JsonObject, { customSiteTitle: 'Appointflow API' }),
  );
  return router;
}
