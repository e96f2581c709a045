import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { Router } from 'express';
import { ctxOf } from '../context';
import type { ApiDeps } from '../deps';
import { requireRole } from '../middleware/require-role';
import { commonErrors } from '../openapi/describe-crud';
import { cancelExecution } from '../services/executions/cancel-execution';
import { executionDetail } from '../services/executions/execution-detail';
import { listExecutions } from '../services/executions/list-executions';
import { retryExecution } from '../services/executions/retry-execution';
import { parseId, parseInput } from '../validate';
import type { z } from '../zod';
import { errorSchema, idParams, pageOf } from './common.schema';
import { executionCommandSchema, executionDetailSchema, executionListQuery, executionSchema } from './executions.schema';
import type { RouteModule } from './route-module';

function router(deps: ApiDeps): Router {
  const r = Router();
  const canControl = requireRole('owner', 'admin');
  const idOf = (value: unknown) => parseId(value, 'Execution');

  r.get('/', async (req, res) => {
    res.json(await listExecutions(ctxOf(req), parseInput(executionListQuery, req.query, 'query')));
  });

  r.get('/:id', async (req, res) => {
    res.json(await executionDetail(ctxOf(req), deps.temporal, idOf(req.params.id)));
  });

  r.post('/:id/cancel', canControl, async (req, res) => {
    res.status(202).json(await cancelExecution(ctxOf(req), deps.temporal, idOf(req.params.id)));
  });

  r.post('/:id/retry', canControl, async (req, res) => {
    res.status(202).json(await retryExecution(ctxOf(req), deps.temporal, deps.config.TEMPORAL_TASK_QUEUE, idOf(req.params.id)));
  });

  return r;
}

function document(registry: OpenAPIRegistry): void {
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const err = (description: string) => ({ description, ...json(errorSchema) });
  const tags = ['Executions'];
  const security = [{ bearerAuth: [] }];
  registry.registerPath({
    method: 'get', path: '/api/executions', tags, security, summary: 'Automation runs, newest first',
    request: { query: executionListQuery },
    responses: { 200: { description: 'A page of runs', ...json(pageOf(executionSchema, 'ExecutionsPage')) }, ...commonErrors },
  });
  registry.registerPath({
    method: 'get', path: '/api/executions/{id}', tags, security, summary: 'A run: pinned definition, steps, messages, live view',
    request: { params: idParams },
    responses: { 200: { description: 'The run', ...json(executionDetailSchema) }, ...commonErrors, 404: err('Not found') },
  });
  registry.registerPath({
    method: 'post', path: '/api/executions/{id}/cancel', tags, security, summary: 'Cancel a running or waiting run', description: 'Owner or admin.',
    request: { params: idParams },
    responses: { 202: { description: 'Cancel requested', ...json(executionCommandSchema) }, ...commonErrors, 403: err('Role not allowed'), 404: err('Not found'), 409: err('INVALID_STATE: the run has ended') },
  });
  registry.registerPath({
    method: 'post', path: '/api/executions/{id}/retry', tags, security, summary: 'Retry a failed run from its failed step', description: 'Owner or admin.',
    request: { params: idParams },
    responses: {
      202: { description: 'Retry started', ...json(executionCommandSchema) }, ...commonErrors, 403: err('Role not allowed'), 404: err('Not found'),
      409: err('RETRY_NOT_POSSIBLE: the run did not end on a failed action'),
    },
  });
}

export const executionsRoutes: RouteModule = { path: '/executions', router, document };
