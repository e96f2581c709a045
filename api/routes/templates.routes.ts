import { Router } from 'express';
import { MessageTemplate } from '../../db/entities';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { describeCrud } from '../openapi/describe-crud';
import { listRecords } from '../services/crud/list-records';
import type { ResourceDefinition } from '../services/crud/resource';
import { previewTemplate } from '../services/templates/preview-template';
import { presentTemplate } from '../services/templates/present-template';
import { createTemplate, deleteTemplate, findTemplateOrThrow, updateTemplate } from '../services/templates/save-template';
import { parseId, parseInput } from '../validate';
import type { z } from '../zod';
import { errorSchema } from './common.schema';
import type { RouteModule } from './route-module';
import {
  previewResultSchema,
  previewSchema,
  type TemplateListQuery,
  templateCreateSchema,
  templateListQuery,
  templateSchema,
  templateUpdateSchema,
} from './templates.schema';

const templateResource: ResourceDefinition<MessageTemplate, object, TemplateListQuery> = {
  label: 'template',
  entity: MessageTemplate,
  sort: { field: 'key', direction: 'asc', kind: 'string' },
  searchFields: ['key', 'name', 'body'],
  softDelete: false,
  filters: (query) => (query.channel ? [{ channel: query.channel }] : []),
  present: (template) => ({ ...presentTemplate(template) }),
};

const writeRoles = ['owner', 'admin'] as const;

function router(deps: ApiDeps): Router {
  const r = Router();
  const canWrite = requireRole(...writeRoles);
  const idOf = (value: unknown) => parseId(value, 'Template');

  r.get('/', async (req, res) => {
    res.json(await listRecords(ctxOf(req), templateResource, parseInput(templateListQuery, req.query, 'query')));
  });

  r.post('/preview', async (req, res) => {
    const input = parseInput(previewSchema, req.body, 'body');
    res.json(await previewTemplate({ ctx: ctxOf(req), orm: deps.orm, config: deps.config, input }));
  });

  r.get('/:id', async (req, res) => {
    res.json(presentTemplate(await findTemplateOrThrow(ctxOf(req), idOf(req.params.id))));
  });

  r.post('/', canWrite, async (req, res) => {
    res.status(201).json(await createTemplate(ctxOf(req), parseInput(templateCreateSchema, req.body, 'body')));
  });

  r.patch('/:id', canWrite, async (req, res) => {
    const id = idOf(req.params.id);
    res.json(await updateTemplate(ctxOf(req), id, parseInput(templateUpdateSchema, req.body, 'body')));
  });

  r.delete('/:id', canWrite, async (req, res) => {
    await deleteTemplate(ctxOf(req), idOf(req.params.id));
    res.status(204).end();
  });

  return r;
}

export const templatesRoutes: RouteModule = {
  path: '/templates',
  router,
  document(registry) {
    describeCrud(registry, {
      path: '/api/templates',
      tag: 'Templates',
      label: 'template',
      record: templateSchema,
      create: templateCreateSchema,
      update: templateUpdateSchema,
      listQuery: templateListQuery,
      writeRoles,
    });
    const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
    registry.registerPath({
      method: 'post', path: '/api/templates/preview', tags: ['Templates'], security: [{ bearerAuth: [] }],
      summary: 'Render template text against an appointment, a context or a sample, with SMS parts',
      request: { body: { required: true, ...json(previewSchema) } },
      responses: {
        200: { description: 'Rendered', ...json(previewResultSchema) },
        422: { description: 'INVALID_TEMPLATE: the text does not parse', ...json(errorSchema) },
      },
    });
  },
};
