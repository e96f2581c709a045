import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Router } from 'express';
import type { ApiDeps } from '../deps';

/** A group of authenticated routes: where it mounts, how it is built, and how it is documented. */
export interface RouteModule {
  path: string;
  router(deps: ApiDeps): Router;
  document(registry: OpenAPIRegistry): void;
}
