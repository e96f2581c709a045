import { describeCrud } from '../openapi/describe-crud';
import { serviceResource } from '../services/resources/services.resource';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { serviceCreateSchema, serviceListQuery, serviceSchema, serviceUpdateSchema } from './services.schema';

const writeRoles = ['owner', 'admin'] as const;

export const servicesRoutes: RouteModule = {
  path: '/services',
  router: () =>
    crudRouter({
      resource: serviceResource,
      create: serviceCreateSchema,
      update: serviceUpdateSchema,
      listQuery: serviceListQuery,
      writeRoles,
    }),
  document: (registry) =>
    describeCrud(registry, {
      path: '/api/services',
      tag: 'Services',
      label: 'service',
      record: serviceSchema,
      create: serviceCreateSchema,
      update: serviceUpdateSchema,
      listQuery: serviceListQuery,
      writeRoles,
    }),
};
