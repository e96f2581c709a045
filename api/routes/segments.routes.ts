import { Router } from 'express';
import type { Segment } from '../../db/entities';
import { ctxOf } from '../context';
import { commonErrors, describeCrud } from '../openapi/describe-crud';
import { findRecordOrThrow } from '../services/crud/get-record';
import { previewSegment } from '../services/segments/segment-audience';
import type { SegmentFilter } from '../services/segments/segment-filter';
import { segmentResource } from '../services/segments/segment-resource';
import { parseId, parseInput } from '../validate';
import { z } from '../zod';
import { crudRouter } from './crud-router';
import { errorSchema, idParams } from './common.schema';
import type { RouteModule } from './route-module';
import { segmentCreateSchema, segmentListQuery, segmentPreviewInput, segmentPreviewSchema, segmentSchema, segmentUpdateSchema } from './segments.schema';

const writeRoles = ['owner', 'admin'] as const;
const sampleQuery = z.strictObject({ sampleSize: z.coerce.number().int().min(0).max(50).default(10) });

function router(): Router {
  const r = Router();
  // Before the CRUD routes, so "preview" is not taken for an id.
  r.post('/preview', async (req, res) => {
    const ctx = ctxOf(req);
    const input = parseInput(segmentPreviewInput, req.body, 'body');
    res.json(await previewSegment(ctx.em, ctx.tenantId, input.filter, input.sampleSize));
  });
  r.get('/:id/preview', async (req, res) => {
    const ctx = ctxOf(req);
    const segment = await findRecordOrThrow<Segment>(ctx, segmentResource, parseId(req.params.id, 'Segment'));
    const { sampleSize } = parseInput(sampleQuery, req.query, 'query');
    res.json(await previewSegment(ctx.em, ctx.tenantId, segment.filter as SegmentFilter, sampleSize));
  });
  r.use(crudRouter({ resource: segmentResource, create: segmentCreateSchema, update: segmentUpdateSchema, listQuery: segmentListQuery, writeRoles }));
  return r;
}

export const segmentsRoutes: RouteModule = {
  path: '/segments',
  router,
  document: (registry) => {
    describeCrud(registry, {
      path: '/api/segments',
      tag: 'Segments',
      label: 'segment',
      record: segmentSchema,
      create: segmentCreateSchema,
      update: segmentUpdateSchema,
      listQuery: segmentListQuery,
      writeRoles,
    });
    const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
    const security = [{ bearerAuth: [] }];
    registry.registerPath({
      method: 'post', path: '/api/segments/preview', tags: ['Segments'], security, summary: 'Count and sample the customers a filter matches (live preview)',
      request: { body: { required: true, ...json(segmentPreviewInput) } },
      responses: { 200: { description: 'Preview', ...json(segmentPreviewSchema) }, ...commonErrors },
    });
    registry.registerPath({
      method: 'get', path: '/api/segments/{id}/preview', tags: ['Segments'], security, summary: 'Count and sample a saved segment',
      request: { params: idParams, query: sampleQuery },
      responses: { 200: { description: 'Preview', ...json(segmentPreviewSchema) }, ...commonErrors, 404: { description: 'Not found', ...json(errorSchema) } },
    });
  },
};
