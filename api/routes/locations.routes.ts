import { describeCrud } from '../openapi/describe-crud';
import { locationResource } from '../services/resources/locations.resource';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { locationCreateSchema, locationListQuery, locationSchema, locationUpdateSchema } from './locations.schema';

const writeRoles = ['owner', 'admin'] as const;

export const locationsRoutes: RouteModule = {
  path: '/locations',
  router: () =>
    crudRouter({
      resource: locationResource,
      create: locationCreateSchema,
      update: locationUpdateSchema,
      listQuery: locationListQuery,
      writeRoles,
    }),
  document: (registry) =>
    describeCrud(registry, {
      path: '/api/locations',
      tag: 'Locations',
      label: 'location',
      record: locationSchema,
      create: locationCreateSchema,
      update: locationUpdateSchema,
      listQuery: locationListQuery,
      writeRoles,
    }),
};
