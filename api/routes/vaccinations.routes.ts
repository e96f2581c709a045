import { describeCrud } from '../openapi/describe-crud';
import { vaccinationResource } from '../services/resources/vaccinations.resource';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { vaccinationCreateSchema, vaccinationListQuery, vaccinationSchema, vaccinationUpdateSchema } from './vaccinations.schema';

const writeRoles = ['owner', 'admin', 'staff'] as const;

export const vaccinationsRoutes: RouteModule = {
  path: '/vaccinations',
  router: () =>
    crudRouter({
      resource: vaccinationResource,
      create: vaccinationCreateSchema,
      update: vaccinationUpdateSchema,
      listQuery: vaccinationListQuery,
      writeRoles,
    }),
  document: (registry) =>
    describeCrud(registry, {
      path: '/api/vaccinations',
      tag: 'Vaccinations',
      label: 'vaccination',
      record: vaccinationSchema,
      create: vaccinationCreateSchema,
      update: vaccinationUpdateSchema,
      listQuery: vaccinationListQuery,
      writeRoles,
    }),
};
