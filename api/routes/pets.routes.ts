import { describeCrud } from '../openapi/describe-crud';
import { petResource } from '../services/resources/pets.resource';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { petCreateSchema, petListQuery, petSchema, petUpdateSchema } from './pets.schema';

const writeRoles = ['owner', 'admin', 'staff'] as const;

export const petsRoutes: RouteModule = {
  path: '/pets',
  router: () =>
    crudRouter({
      resource: petResource,
      create: petCreateSchema,
      update: petUpdateSchema,
      listQuery: petListQuery,
      writeRoles,
    }),
  document: (registry) =>
    describeCrud(registry, {
      path: '/api/pets',
      tag: 'Pets',
      label: 'pet',
      record: petSchema,
      create: petCreateSchema,
      update: petUpdateSchema,
      listQuery: petListQuery,
      writeRoles,
    }),
};
