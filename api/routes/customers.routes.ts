import { describeCrud } from '../openapi/describe-crud';
import { customerResource } from '../services/resources/customers.resource';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { customerCreateSchema, customerListQuery, customerSchema, customerUpdateSchema } from './customers.schema';

const writeRoles = ['owner', 'admin', 'staff'] as const;

export const customersRoutes: RouteModule = {
  path: '/customers',
  router: () =>
    crudRouter({
      resource: customerResource,
      create: customerCreateSchema,
      update: customerUpdateSchema,
      listQuery: customerListQuery,
      writeRoles,
    }),
  document: (registry) =>
    describeCrud(registry, {
      path: '/api/customers',
      tag: 'Customers',
      label: 'customer',
      record: customerSchema,
      create: customerCreateSchema,
      update: customerUpdateSchema,
      listQuery: customerListQuery,
      writeRoles,
    }),
};
