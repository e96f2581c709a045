import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { documentAuth } from '../routes/auth.routes';
import type { RouteModule } from '../routes/route-module';
import { z } from '../zod';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

/** The OpenAPI 3.1 description of the api, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(modules: readonly RouteModule[], version: string): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'The token from /api/auth/signup or /api/auth/login',
  });
  const probe = z.object({ status: z.string() }).passthrough();
  registry.registerPath({
    method: 'get', path: '/healthz', tags: ['Health'], summary: 'Liveness: the process answers',
    responses: { 200: { description: 'Alive', content: { 'application/json': { schema: probe } } } },
  });
  registry.registerPath({
    method: 'get', path: '/readyz', tags: ['Health'], summary: 'Readiness: PostgreSQL and Temporal answer',
    responses: {
      200: { description: 'Ready', content: { 'application/json': { schema: probe } } },
      503: { description: 'A dependency is unreachable; `failed` names it', content: { 'application/json': { schema: probe } } },
    },
  });
  documentAuth(registry);
  for (const module of modules) module.document(registry);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Appointflow API',
      version,
      description:
        'Every /api route except signup and login needs `Authorization: Bearer <token>`. Errors are `{ error: { code, message, details } }`. Lists are cursor-paginated: `{ items, total, nextCursor? }`.',
    },
    servers: [{ url: '/' }],
  });
}
