import { Router } from 'express';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { describeCrud } from '../openapi/describe-crud';
import { vaccinationResource } from '../services/resources/vaccinations.resource';
import { createVaccination, deleteVaccination, updateVaccination } from '../services/vaccinations/save-vaccination';
import { parseId, parseInput } from '../validate';
import { crudRouter } from './crud-router';
import type { RouteModule } from './route-module';
import { vaccinationCreateSchema, vaccinationListQuery, vaccinationSchema, vaccinationUpdateSchema } from './vaccinations.schema';

const writeRoles = ['owner', 'admin', 'staff'] as const;

/** The standard routes, with writes that keep each record's durable watch in step. */
function router(deps: ApiDeps): Router {
  const watch = { temporal: deps.temporal, taskQueue: deps.config.TEMPORAL_TASK_QUEUE };
  const canWrite = requireRole(...writeRoles);
  const r = Router();
  r.post('/', canWrite, async (req, res) => {
    res.status(201).json(await createVaccination(ctxOf(req), watch, parseInput(vaccinationCreateSchema, req.body, 'body')));
  });
  r.patch('/:id', canWrite, async (req, res) => {
    const id = parseId(req.params.id, 'Vaccination');
    res.json(await updateVaccination(ctxOf(req), watch, id, parseInput(vaccinationUpdateSchema, req.body, 'body')));
  });
  r.delete('/:id', canWrite, async (req, res) => {
    await deleteVaccination(ctxOf(req), watch, parseId(req.params.id, 'Vaccination'));
    res.status(204).end();
  });
  r.use(
    crudRouter({
      resource: vaccinationResource,
      create: vaccinationCreateSchema,
      update: vaccinationUpdateSchema,
      listQuery: vaccinationListQuery,
      writeRoles,
    }),
  );
  return r;
}

export const vaccinationsRoutes: RouteModule = {
  path: '/vaccinations',
  router,
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
