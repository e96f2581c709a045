import { Router } from 'express';
import type { z } from 'zod';
import type { UserRole } from '../../db/entities';
import type { TenantScoped } from '../../db/entities/base';
import { ctxOf } from '../context';
import { requireRole } from '../middleware/require-role';
import { createRecord } from '../services/crud/create-record';
import { deleteRecord } from '../services/crud/delete-record';
import { findRecordOrThrow } from '../services/crud/get-record';
import type { ListQuery } from '../services/crud/list-records';
import { listRecords } from '../services/crud/list-records';
import { presentRecord, type ResourceDefinition } from '../services/crud/resource';
import { updateRecord } from '../services/crud/update-record';
import { parseId, parseInput } from '../validate';

export interface CrudRouteOptions<E extends TenantScoped, C extends z.ZodObject, U extends z.ZodObject, Q extends z.ZodObject> {
  resource: ResourceDefinition<E, z.output<C>, z.output<Q>>;
  create: C;
  update: U;
  listQuery: Q;
  writeRoles: readonly UserRole[];
}

/** The five standard routes of a tenant-scoped resource; mount it under its path. */
export function crudRouter<E extends TenantScoped, C extends z.ZodObject, U extends z.ZodObject, Q extends z.ZodObject>(
  options: CrudRouteOptions<E, C, U, Q>,
): Router {
  const { resource } = options;
  const label = resource.label.charAt(0).toUpperCase() + resource.label.slice(1);
  const canWrite = requireRole(...options.writeRoles);
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(options.listQuery, req.query, 'query') as z.output<Q> & ListQuery;
    res.json(await listRecords(ctxOf(req), resource, query));
  });

  router.get('/:id', async (req, res) => {
    const ctx = ctxOf(req);
    const row = await findRecordOrThrow(ctx, resource, parseId(req.params.id, label));
    res.json(presentRecord(resource, row));
  });

  router.post('/', canWrite, async (req, res) => {
    const input = parseInput(options.create, req.body, 'body');
    res.status(201).json(await createRecord(ctxOf(req), resource, input));
  });

  router.patch('/:id', canWrite, async (req, res) => {
    const id = parseId(req.params.id, label);
    const input = parseInput(options.update, req.body, 'body') as Partial<z.output<C>>;
    res.json(await updateRecord(ctxOf(req), resource, id, input));
  });

  router.delete('/:id', canWrite, async (req, res) => {
    await deleteRecord(ctxOf(req), resource, parseId(req.params.id, label));
    res.status(204).end();
  });

  return router;
}
