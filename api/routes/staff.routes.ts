import { describeCrud } from '../openapi/describe-crud';
import { staffResource } from '../services/resources/staff.resource';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { staffCreateSchema, staffListQuery, staffSchema, staffUpdateSchema } from './staff.schema';

const writeRoles = ['owner', 'admin'] as const;

export const staffRoutes: RouteModule = {
  path: '/staff',
  router: () =>
    crudRouter({
      resource: staffResource,
      create: staffCreateSchema,
      update: staffUpdateSchema,
      listQuery: staffListQuery,
      writeRoles,
    }),
  document: (registry) =>
    describeCrud(registry, {
      path: '/api/staff',
      tag: 'Staff',
      label: 'staff member',
      record: staffSchema,
      create: staffCreateSchema,
      update: staffUpdateSchema,
      listQuery: staffListQuery,
      writeRoles,
    }),
};
